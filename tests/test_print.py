"""Printed handouts as a trainer prints them: every checklist's tick boxes stand clear of their text."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import BuildResult
from pdf_layout import Gap, Span, gap_to_text, is_tick_box, print_in_subprocess, tick_box_gaps

# One worker prints every page (a module fixture) and runs every test that reads the PDFs.
pytestmark = pytest.mark.xdist_group("print")

MIN_GAP_EM = 0.25
CHAPTER_PAGES = ("passwords",)  # a printed chapter carries its checklist section too


def _span(x0: float, x1: float, y0: float = 100.0, y1: float = 131.0, size: float = 12.75,
          text: str = "میرے") -> Span:
    return Span(x0, y0, x1, y1, size, text)


@pytest.mark.parametrize("box, spans, points, em", [
    # issue 15 as PyMuPDF measured it: right to left, the box 2.1 pt from the first letter
    ((503.2, 109.5, 515.2, 121.5), [_span(300.0, 501.1)], 2.1, 0.165),
    # left to right, text 0.55 em after the box
    ((74.6, 104.0, 84.4, 114.5), [_span(90.45, 300.0, 99.0, 119.0, 11.0, "Every")], 6.05, 0.55),
    # text running into the box
    ((503.2, 109.5, 515.2, 121.5), [_span(300.0, 505.0)], -1.8, -0.141),
    # the nearest of several spans counts, on whichever side it is
    ((503.2, 109.5, 515.2, 121.5), [_span(300.0, 480.0), _span(520.0, 530.0)], 4.8, 0.376),
    # a span on the next line does not count
    ((503.2, 109.5, 515.2, 121.5), [_span(300.0, 502.0, 125.0, 156.0), _span(300.0, 490.0)], 13.2, 1.035),
])
def test_gap_to_text(box, spans, points: float, em: float) -> None:
    gap = gap_to_text(box, spans)
    assert gap is not None and (gap.points, gap.em) == (points, em)


def test_gap_to_text_without_text_on_the_line() -> None:
    assert gap_to_text((503.2, 109.5, 515.2, 121.5), [_span(300.0, 501.1, 200.0, 231.0)]) is None


@pytest.mark.parametrize("rect, expected", [
    ((0, 0, 12, 12), True),
    ((0, 0, 9.75, 10.5), True),
    ((0, 0, 3, 3), False),  # a dot
    ((0, 0, 40, 40), False),  # a picture frame
    ((0, 0, 12, 1), False),  # an underline
])
def test_is_tick_box(rect, expected: bool) -> None:
    assert is_tick_box(rect) is expected


@pytest.fixture(scope="module")
def printed(offline_site: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, Path]]:
    """Every checklist handout in both languages and the chapter pages above, printed once: (page, pdf)."""
    out = tmp_path_factory.mktemp("print")
    pages = [p for prefix in ("", "ur/") for p in sorted((offline_site.site / f"{prefix}handbook").glob("*-checklist.html"))]
    pages += [offline_site.site / f"{prefix}handbook/{slug}.html" for prefix in ("", "ur/") for slug in CHAPTER_PAGES]
    jobs = [(page, out / ("ur" if "/ur/" in page.as_posix() else "en") / page.with_suffix(".pdf").name)
            for page in pages]
    print_in_subprocess(jobs)
    return jobs


def _describe(pdf: Path, page: int, gap: Gap) -> str:
    return (f"{pdf.parent.name}/{pdf.name} page {page}: the tick box at x {gap.box[0]:.1f}-{gap.box[2]:.1f} stands "
            f"{gap.points} pt ({gap.em} em) from «{gap.nearest}»; on paper its edge reads as part of a letter "
            f"(needs at least {MIN_GAP_EM} em)")


def test_printed_checklists_cover_every_chapter_in_both_languages(printed: list[tuple[Path, Path]],
                                                                  offline_site: BuildResult) -> None:
    chapters = {p.stem for p in (offline_site.site / "handbook").glob("*.html")} - {"index"}
    checklists = {c.removesuffix("-checklist") for c in chapters if c.endswith("-checklist")}
    assert len(checklists) >= 10, f"only {len(checklists)} checklist handouts were built"
    for lang in ("en", "ur"):
        names = {pdf.stem.removesuffix("-checklist") for _, pdf in printed if pdf.parent.name == lang}
        assert checklists <= names, f"{lang}: checklists not printed: {sorted(checklists - names)}"


def test_every_printed_tick_box_stands_clear_of_its_text(printed: list[tuple[Path, Path]]) -> None:
    problems = []
    for page, pdf in printed:
        items = len(BeautifulSoup(page.read_text("utf-8"), "lxml").select("li.task-list-item"))
        gaps = tick_box_gaps(pdf)
        if len(gaps) != items:
            problems.append(f"{pdf.parent.name}/{pdf.name}: {items} checklist items but {len(gaps)} tick boxes "
                            "printed: an item has no box to tick")
        for number, gap in gaps:
            if gap is None:
                problems.append(f"{pdf.parent.name}/{pdf.name} page {number}: a tick box with no text on its line")
            elif gap.em < MIN_GAP_EM:
                problems.append(_describe(pdf, number, gap))
    assert not problems, "\n".join(problems)
