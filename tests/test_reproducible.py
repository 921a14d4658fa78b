"""Two clean builds with SOURCE_DATE_EPOCH set are byte-identical."""

from __future__ import annotations

from pathlib import Path

from browser_support import first_difference
from conftest import ROOT, run_build

EPOCH = {"SOURCE_DATE_EPOCH": "1764374400"}  # 2025-11-29 00:00 UTC


def test_two_clean_builds_are_identical(tmp_path: Path) -> None:
    first = run_build(ROOT, tmp_path / "one" / "site", extra_env=EPOCH)
    second = run_build(ROOT, tmp_path / "two" / "site", extra_env=EPOCH)
    assert first.returncode == 0 and second.returncode == 0, first.output[-2000:] + second.output[-2000:]
    assert sum(1 for _ in first.site.rglob("*.html")) > 60
    difference = first_difference(first.site, second.site)
    assert difference is None, f"the builds differ: {difference}"


def test_a_difference_is_named(tmp_path: Path) -> None:
    for name, text in (("a", "same"), ("b", "same")):
        (tmp_path / name / "x").mkdir(parents=True)
        (tmp_path / name / "x" / "page.html").write_text(text)
    assert first_difference(tmp_path / "a", tmp_path / "b") is None
    (tmp_path / "b" / "x" / "page.html").write_text("changed")
    assert first_difference(tmp_path / "a", tmp_path / "b") == "x/page.html: contents differ"
    (tmp_path / "a" / "extra.css").write_text("")
    assert first_difference(tmp_path / "a", tmp_path / "b") == "extra.css: only in the first build"
