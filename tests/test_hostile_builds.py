"""Every hostile case, dropped into a small site and built for real: the build names each finding with its
code and location, exactly as `handbook check` does, and whatever gets published carries none of it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import MINIMAL_PAGES, make_project, run_build
from test_checks import CASES, Case

ACTIVE_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "meta", "link",
               "style", "svg", "math", "portal", "fencedframe"}
DANGEROUS_URL = re.compile(r"^\s*(?:javascript|vbscript|data)\s*:", re.I)
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
URL_ATTRIBUTES = ("href", "src", "srcset", "poster", "action", "formaction", "data", "background", "xlink:href")


def place(case: Case, project: Path) -> list[str]:
    """Write a case's files into a project's docs/; return their paths as the build reports them."""
    paths = []
    for file in case.files:
        target = project / "docs" / file.lang / file.relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file.data)
        paths.append(f"docs/{file.lang}/{file.relative}")
    return paths


def hostile_output(site: Path) -> list[str]:
    """Anything active, remote or direction-spoofing in the content of the published pages."""
    found = []
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text("utf-8", errors="replace"), "lxml")
        if BIDI_CONTROLS.search(str(soup)):
            found.append(f"{page.name}: direction control character")
        for content in soup.select("article, main.mahfooz-deck"):
            for node in content.find_all(True):
                if node.name in ACTIVE_TAGS:
                    found.append(f"{page.name}: <{node.name}>")
                for name, value in node.attrs.items():
                    value = " ".join(value) if isinstance(value, list) else str(value)
                    if name.lower().startswith("on"):
                        found.append(f"{page.name}: {name}= on <{node.name}>")
                    if name.lower() in URL_ATTRIBUTES and DANGEROUS_URL.match(value):
                        found.append(f"{page.name}: {name}={value[:40]}")
                    if name.lower() in URL_ATTRIBUTES[1:] and re.match(r"^\s*(?:[a-z]+:)?//", value, re.I):
                        found.append(f"{page.name}: remote {name}={value[:60]}")
                    if name.lower() == "style" and "url(" in value.lower():
                        found.append(f"{page.name}: style url()")
    return found


def _is_control(case: Case) -> bool:
    return all(f.control or f.kind == "asset" for f in case.files)


def _warned(output: str, needle: str) -> bool:
    """Whether a line of MkDocs' log holding `needle` is a WARNING or an ERROR (both stop a strict build)."""
    return any(needle in line and re.match(r"\s*(WARNING|ERROR)\b", line) for line in output.splitlines())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_build_refuses_each_hostile_case_and_publishes_none_of_it(case: Case, tmp_path: Path) -> None:
    # One build per case, without --strict: it logs every finding as a warning (which is what stops the strict
    # build: test_a_strict_build_stops_exactly_when_the_lenient_one_warns proves it on real cases) and still
    # publishes, so what reaches readers can be inspected.
    project = make_project(tmp_path, MINIMAL_PAGES)
    place(case, project)
    result = run_build(project, tmp_path / "site", strict=False)
    expected = [(f"docs/{f.lang}/{f.relative}", code, line, col) for f in case.files for code, line, col in f.expected]
    for path, code, line, col in expected:
        assert _warned(result.output, f"{path}:{line}:{col}: {code} "), (
            f"{case.name}: the build did not warn of {code} at {path}:{line}:{col}\n{result.output[-3000:]}")
    warnings = [line for line in result.output.splitlines() if re.match(r"\s*(WARNING|ERROR)\b", line)]
    if _is_control(case):
        assert result.returncode == 0 and not warnings, (
            f"{case.name}: a legal case would fail the strict build\n{result.output[-3000:]}")
        assert " MH" not in result.output
    else:
        assert warnings or result.returncode != 0, f"{case.name}: a strict build would pass"
    if result.site.exists():
        assert not hostile_output(result.site), f"{case.name}: {hostile_output(result.site)[:5]}"


SAMPLE = [c for c in CASES if c.name in {"base.md", "bad-utf8.md", "control-outbound-link.md"}]


@pytest.mark.parametrize("case", SAMPLE, ids=[c.name for c in SAMPLE])
def test_a_strict_build_stops_exactly_when_the_lenient_one_warns(case: Case, tmp_path: Path) -> None:
    project = make_project(tmp_path, MINIMAL_PAGES)
    place(case, project)
    strict = run_build(project, tmp_path / "strict")
    lenient = run_build(project, tmp_path / "lenient", strict=False)
    warned = any(re.match(r"\s*(WARNING|ERROR)\b", line) for line in lenient.output.splitlines())
    assert (strict.returncode != 0) == (warned or lenient.returncode != 0) == (not _is_control(case)), (
        f"{case.name}: strict exit {strict.returncode}, lenient warned: {warned}\n{strict.output[-2000:]}")


def test_the_sample_holds_hostile_and_legal_cases() -> None:
    assert len(SAMPLE) == 3 and {_is_control(c) for c in SAMPLE} == {True, False}


def test_there_are_at_least_thirty_hostile_cases() -> None:
    hostile = [c for c in CASES if not all(f.control or f.kind == "asset" for f in c.files)]
    assert len(hostile) >= 30
    codes = {code for c in hostile for f in c.files for code, _, _ in f.expected}
    assert len(codes) >= 25, sorted(codes)
