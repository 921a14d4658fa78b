"""Reading printed pages back with PyMuPDF: where the tick boxes are, and how far each stands from its text."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pymupdf

# A tick box is drawn by the print stylesheet as a square outline about one em wide.
BOX_SIDE = (5.0, 20.0)  # points: from 6 pt text at 0.8 em to 16 pt text at 1.25 em
SQUARENESS = 0.2  # sides may differ by this share of the longer one


@dataclass(frozen=True)
class Span:
    """A run of text on a page: its rectangle, font size and text."""

    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    text: str


@dataclass(frozen=True)
class Gap:
    """The horizontal distance between a tick box and the nearest text on its line (negative: they overlap)."""

    box: tuple[float, float, float, float]
    points: float
    em: float
    nearest: str


def is_tick_box(rect: tuple[float, float, float, float]) -> bool:
    """A near-square outline the size of a tick box."""
    width, height = rect[2] - rect[0], rect[3] - rect[1]
    longer = max(width, height)
    return BOX_SIDE[0] <= longer <= BOX_SIDE[1] and abs(width - height) <= SQUARENESS * longer


def gap_to_text(box: tuple[float, float, float, float], spans: list[Span]) -> Gap | None:
    """The gap between a box and the nearest span whose line passes through the box's middle, or None."""
    middle = (box[1] + box[3]) / 2
    on_line = [s for s in spans if s.y0 <= middle <= s.y1 and s.text.strip()]
    if not on_line:
        return None

    def distance(span: Span) -> float:
        return max(span.x0 - box[2], box[0] - span.x1)  # whichever side the text is on

    nearest = min(on_line, key=distance)
    points = distance(nearest)
    return Gap(box, round(points, 2), round(points / nearest.size, 3), nearest.text.strip())


def page_spans(page: pymupdf.Page) -> list[Span]:
    """Every text span on a page."""
    found = []
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                found.append(Span(*span["bbox"], span["size"], span["text"]))
    return found


def page_tick_boxes(page: pymupdf.Page) -> list[tuple[float, float, float, float]]:
    """The rectangles of the outlined squares on a page (stroked paths the size of a tick box)."""
    boxes = []
    for drawing in page.get_drawings():
        rect = tuple(drawing["rect"])
        if drawing["type"] in ("s", "fs") and is_tick_box(rect):
            boxes.append(rect)
    return boxes


def tick_box_gaps(pdf: Path) -> list[tuple[int, Gap | None]]:
    """For every tick box of a PDF: its page number (from 1) and its gap to the text on its line."""
    with pymupdf.open(pdf) as document:
        return [(number, gap_to_text(box, spans))
                for number, page in enumerate(document, start=1)
                for spans in [page_spans(page)]
                for box in page_tick_boxes(page)]


PRINT_SCRIPT = """
import sys
from pathlib import Path
from handbook.pdf import PrintJob, print_pages
pairs = sys.argv[1:]
jobs = [PrintJob(Path(page), Path(pdf)) for page, pdf in zip(pairs[::2], pairs[1::2])]
for job in print_pages(jobs):
    pass
"""


def print_in_subprocess(jobs: list[tuple[Path, Path]]) -> None:
    """Print pages to PDF with the project's printer, in its own process (a test session may already hold
    Playwright in this one)."""
    arguments = [str(path) for job in jobs for path in job]
    proc = subprocess.run([sys.executable, "-c", PRINT_SCRIPT, *arguments], capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, f"printing failed:\n{proc.stdout}{proc.stderr}"
