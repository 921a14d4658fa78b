"""Every hostile case, dropped into a small site and built for real: the build names each finding with its
code and location, exactly as `handbook check` does, and whatever gets published carries none of it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest
from bs4 import BeautifulSoup

from conftest import MINIMAL_PAGES, BuildResult, make_project, run_build
from test_checks import CASES, Case

pytestmark = pytest.mark.xdist_group("hostile-builds")  # its shared builds are made once per test run, not per worker

ACTIVE_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "meta", "link",
               "style", "svg", "math", "portal", "fencedframe"}
DANGEROUS_URL = re.compile(r"^\s*(?:javascript|vbscript|data)\s*:", re.I)
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# A line of MkDocs' log that is a WARNING or an ERROR: either stops a strict build.
WARNING_LINE = re.compile(r"\s*(WARNING|ERROR)\b")
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
    for path in site.rglob("*.html"):
        page = path.relative_to(site)
        soup = BeautifulSoup(path.read_text("utf-8", errors="replace"), "lxml")
        if BIDI_CONTROLS.search(str(soup)):
            found.append(f"{page}: direction control character")
        for content in soup.select("article, main.mahfooz-deck"):
            for node in content.find_all(True):
                if node.name in ACTIVE_TAGS:
                    found.append(f"{page}: <{node.name}>")
                for name, value in node.attrs.items():
                    value = " ".join(value) if isinstance(value, list) else str(value)
                    if name.lower().startswith("on"):
                        found.append(f"{page}: {name}= on <{node.name}>")
                    if name.lower() in URL_ATTRIBUTES and DANGEROUS_URL.match(value):
                        found.append(f"{page}: {name}={value[:40]}")
                    if name.lower() in URL_ATTRIBUTES[1:] and re.match(r"^\s*(?:[a-z]+:)?//", value, re.I):
                        found.append(f"{page}: remote {name}={value[:60]}")
                    if name.lower() == "style" and "url(" in value.lower():
                        found.append(f"{page}: style url()")
    return found


# Cases that stop even a lenient build before the content checks have said everything (MkDocs cannot read the
# file, the blog plugin refuses its date or category, a snippet or tag is refused while the page is read): each is
# built alone. Every other case shares one build with the other cases of its kind, the legal ones in one and the
# hostile ones in another; test_the_shared_builds_are_whole fails if a case stops its shared build, so a new case
# of that sort is noticed and listed here.
STOPS_THE_BUILD = frozenset({
    "bad-utf8.md", "chapter-bad-changes-notes.md", "invalid-date.md", "snippet-absolute.md", "snippet-block.md",
    "snippet-dotdot.md", "snippet-url.md", "translated-post-without-source.md", "unknown-category.md",
    "unknown-fact.md", "unknown-tag.md",
})


@dataclass
class Built:
    """A lenient build of some cases, and what it published that is active, remote or direction-spoofing."""

    cases: tuple[str, ...]
    result: BuildResult
    hostile: list[str]

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.result.output.splitlines() if WARNING_LINE.match(line)]


class Builds:
    """Lenient builds of the cases, each made once: a case alone, or one shared build per batch."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.made: dict[tuple[str, ...], Built] = {}

    def of(self, cases: list[Case]) -> Built:
        names = tuple(case.name for case in cases)
        if names not in self.made:
            # No --strict: the build logs every finding as a warning (which is what stops the strict build:
            # test_a_strict_build_stops_exactly_when_the_lenient_one_warns proves it on real cases) and still
            # publishes, so what reaches readers can be inspected.
            folder = self.root / f"build-{len(self.made)}"
            folder.mkdir()
            project = make_project(folder, MINIMAL_PAGES)
            for case in cases:
                place(case, project)
            result = run_build(project, folder / "site", strict=False)
            self.made[names] = Built(names, result, hostile_output(result.site) if result.site.exists() else [])
        return self.made[names]

    def for_case(self, case: Case) -> Built:
        """The build that shows this case: its batch's, unless the case stops builds or the batch did not finish."""
        if case.name not in STOPS_THE_BUILD:
            shared = self.of(batch_of(case))
            if shared.result.returncode == 0:
                return shared
        return self.of([case])


def _is_control(case: Case) -> bool:
    return all(f.control or f.kind == "asset" for f in case.files)


BATCHES = {
    "legal": [c for c in CASES if _is_control(c) and c.name not in STOPS_THE_BUILD],
    "hostile": [c for c in CASES if not _is_control(c) and c.name not in STOPS_THE_BUILD],
}


def batch_of(case: Case) -> list[Case]:
    return BATCHES["legal" if _is_control(case) else "hostile"]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    return Builds(tmp_path_factory.mktemp("hostile-builds"))


def _warned(output: str, needle: str) -> bool:
    """Whether a line of MkDocs' log holding `needle` is a WARNING or an ERROR (both stop a strict build)."""
    return any(needle in line and WARNING_LINE.match(line) for line in output.splitlines())


def _names_a_file_of(line: str, case: Case) -> bool:
    return any(f"{file.lang}/{file.relative}" in line for file in case.files)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_build_refuses_each_hostile_case_and_publishes_none_of_it(case: Case, builds: Builds) -> None:
    built = builds.for_case(case)
    result, alone = built.result, built.cases == (case.name,)
    expected = [(f"docs/{f.lang}/{f.relative}", code, line, col) for f in case.files for code, line, col in f.expected]
    for path, code, line, col in expected:
        assert _warned(result.output, f"{path}:{line}:{col}: {code} "), (
            f"{case.name}: the build did not warn of {code} at {path}:{line}:{col}\n{result.output[-3000:]}")
    if _is_control(case):
        # Built with the other legal cases, a warning that names none of its files is test_the_shared_builds_are_whole's.
        warnings = built.warnings if alone else [w for w in built.warnings if _names_a_file_of(w, case)]
        assert result.returncode == 0 and not warnings, (
            f"{case.name}: a legal case would fail the strict build\n" + "\n".join(warnings[:20]))
        mentions = [line for line in result.output.splitlines() if " MH" in line and (alone or _names_a_file_of(line, case))]
        assert not mentions, f"{case.name}: " + "\n".join(mentions[:20])
    else:
        assert built.warnings or result.returncode != 0, f"{case.name}: a strict build would pass"
    stems = {PurePosixPath(f.relative).stem for f in case.files}
    hostile = sorted(built.hostile, key=lambda line: not any(stem in line for stem in stems))  # its own pages first
    assert not hostile, (
        f"{case.name}: published active, remote or direction-spoofing content (built with {len(built.cases)} "
        f"case(s)): {hostile[:5]}")


@pytest.mark.parametrize("batch", BATCHES)
def test_the_shared_builds_are_whole(batch: str, builds: Builds) -> None:
    """Each batch builds to the end: no case of it stops the build, and the legal cases together warn of nothing."""
    built = builds.of(BATCHES[batch])
    assert built.result.returncode == 0, (
        f"the shared build of the {batch} cases stopped: list the case that stops it in STOPS_THE_BUILD\n"
        + built.result.output[-3000:])
    if batch == "legal":
        assert not built.warnings and " MH" not in built.result.output, "\n".join(built.warnings[:20])
    assert len(BATCHES[batch]) >= 8


def test_no_two_cases_of_a_batch_write_the_same_file() -> None:
    for batch, cases in BATCHES.items():
        seen: dict[str, str] = {}
        for case in cases:
            for file in case.files:
                path = f"{file.lang}/{file.relative}"
                assert path not in seen, f"{case.name} and {seen[path]} both write docs/{path} in the {batch} build"
                seen[path] = case.name


def test_every_case_that_stops_the_build_exists_and_stops_it(builds: Builds) -> None:
    by_name = {case.name: case for case in CASES}
    assert STOPS_THE_BUILD <= set(by_name), STOPS_THE_BUILD - set(by_name)
    finished = [name for name in sorted(STOPS_THE_BUILD) if builds.of([by_name[name]]).result.returncode == 0]
    assert not finished, f"these cases no longer stop a build: share their batch's build ({finished})"


SAMPLE = [c for c in CASES if c.name in {"base.md", "bad-utf8.md", "control-outbound-link.md"}]


@pytest.mark.parametrize("case", SAMPLE, ids=[c.name for c in SAMPLE])
def test_a_strict_build_stops_exactly_when_the_lenient_one_warns(case: Case, tmp_path: Path) -> None:
    project = make_project(tmp_path, MINIMAL_PAGES)
    place(case, project)
    strict = run_build(project, tmp_path / "strict")
    lenient = run_build(project, tmp_path / "lenient", strict=False)
    warned = any(WARNING_LINE.match(line) for line in lenient.output.splitlines())
    assert (strict.returncode != 0) == (warned or lenient.returncode != 0) == (not _is_control(case)), (
        f"{case.name}: strict exit {strict.returncode}, lenient warned: {warned}\n{strict.output[-2000:]}")


def test_the_sample_holds_hostile_and_legal_cases() -> None:
    assert len(SAMPLE) == 3 and {_is_control(c) for c in SAMPLE} == {True, False}


def test_there_are_at_least_thirty_hostile_cases() -> None:
    hostile = [c for c in CASES if not _is_control(c)]
    assert len(hostile) >= 30
    codes = {code for c in hostile for f in c.files for code, _, _ in f.expected}
    assert len(codes) >= 25, sorted(codes)
