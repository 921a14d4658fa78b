"""Two clean builds with SOURCE_DATE_EPOCH set are byte-identical: the session's web build (made with one) and a
second, each in an interpreter of its own (its own hash seed). The session's build makes the Urdu pages in a
forked process beside the English ones (handbook.parallel_languages); the second builds one language after
the other, as mkdocs-static-i18n does, so the comparison also shows that building side by side changes nothing."""

from __future__ import annotations

from pathlib import Path

from browser_support import first_difference
from conftest import ROOT, BuildResult, run_build


def test_two_clean_builds_are_identical(site: BuildResult, tmp_path: Path) -> None:
    env = site.made_with["env"]
    assert env.get("SOURCE_DATE_EPOCH"), "the session's web build was made without a SOURCE_DATE_EPOCH"
    second = run_build(ROOT, tmp_path / "two" / "site", extra_env={**env, "HANDBOOK_PARALLEL_LANGUAGES": "0"}, fresh=True)
    assert second.returncode == 0, second.output[-2000:]
    assert sum(1 for _ in site.site.rglob("*.html")) > 60
    difference = first_difference(site.site, second.site)
    assert difference is None, (f"two builds of the same sources differ (the first with its languages built side by "
                                f"side, the second one after the other), so a release cannot be rebuilt to check it: {difference}")


def test_a_difference_is_named(tmp_path: Path) -> None:
    for name, text in (("a", "same"), ("b", "same")):
        (tmp_path / name / "x").mkdir(parents=True)
        (tmp_path / name / "x" / "page.html").write_text(text)
    assert first_difference(tmp_path / "a", tmp_path / "b") is None
    (tmp_path / "b" / "x" / "page.html").write_text("changed")
    assert first_difference(tmp_path / "a", tmp_path / "b") == "x/page.html: contents differ"
    (tmp_path / "a" / "extra.css").write_text("")
    assert first_difference(tmp_path / "a", tmp_path / "b") == "extra.css: only in the first build"
