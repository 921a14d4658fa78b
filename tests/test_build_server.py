"""The tests' build server runs `mkdocs build` as a new interpreter would: the same exit code, the same
messages and the same site, so a fixture build through it proves what a fresh one would."""

from __future__ import annotations

import re
from pathlib import Path

from browser_support import first_difference
from conftest import MINIMAL_PAGES, BuildResult, make_project, run_build

BROKEN_ANCHOR = {"en/page.md": "---\ntitle: Page\n---\n\n# Page {#page}\n\n[there](index.md#nowhere)\n"}
EPOCH = {"SOURCE_DATE_EPOCH": "1764374400"}


def said(result: BuildResult) -> list[str]:
    """The build's messages, without where it built to and how long it took."""
    text = result.output.replace(str(result.site), "SITE")
    return [line for line in text.splitlines() if not re.search(r"built in [\d.]+ seconds", line)]


def test_a_build_through_the_server_says_and_publishes_what_a_fresh_one_does(tmp_path: Path) -> None:
    project = make_project(tmp_path, {**MINIMAL_PAGES, **BROKEN_ANCHOR}, ["index.md", "page.md"])
    served = run_build(project, tmp_path / "served", extra_env=EPOCH, strict=False)
    fresh = run_build(project, tmp_path / "fresh", extra_env=EPOCH, strict=False, fresh=True)
    assert "nowhere" in fresh.output, f"the fixture's broken anchor was not reported:\n{fresh.output[-2000:]}"
    assert (served.returncode, said(served)) == (fresh.returncode, said(fresh)), (
        "a build through the test build server said something else than `python -m mkdocs build`:\n"
        + "\n".join(said(served)) + "\n---\n" + "\n".join(said(fresh)))
    assert first_difference(served.site, fresh.site) is None, "the build server published another site"


def test_a_failing_strict_build_fails_through_the_server_too(tmp_path: Path) -> None:
    project = make_project(tmp_path, {**MINIMAL_PAGES, **BROKEN_ANCHOR}, ["index.md", "page.md"])
    served = run_build(project, tmp_path / "served")
    fresh = run_build(project, tmp_path / "fresh", fresh=True)
    assert served.returncode == fresh.returncode != 0, (served.returncode, fresh.returncode)
    assert said(served) == said(fresh)
