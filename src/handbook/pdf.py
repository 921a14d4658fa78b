"""Print pages of the offline copy to PDF with Debian's headless Chromium (fonts embedded, no network)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-default-apps", "--disable-domain-reliability", "--no-default-browser-check", "--disable-gpu",
]


class PdfError(RuntimeError):
    """Printing failed: no Chromium, a page that is missing, or a page that asked for the network."""


@dataclass
class PrintJob:
    """One page of a built site to print, and where the PDF goes."""

    page: Path
    output: Path
    landscape: bool = False


@dataclass
class PrintReport:
    """What printing saw: every request that left the file system (there must be none)."""

    outside: list[str] = field(default_factory=list)


def print_pages(jobs: Iterable[PrintJob], *, chromium: str = CHROMIUM) -> Iterator[PrintJob]:
    """Print each job to PDF, yielding it when done; any request off the file system is an error."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # pragma: no cover - a broken installation
        raise PdfError("Playwright is not installed: run `make test` or install requirements.lock") from error
    if not Path(chromium).is_file():
        raise PdfError(f"{chromium} not found: install Debian's chromium package (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, chromium_sandbox=False,
                                             args=CHROMIUM_ARGS)
        try:
            context = browser.new_context()
            report = PrintReport()

            def guard(route) -> None:
                url = route.request.url
                if url.startswith(("file:", "data:", "blob:", "about:")):
                    route.continue_()
                else:
                    report.outside.append(url)
                    route.abort()

            context.route("**/*", guard)
            # One tab for every job, moved from page to page: a new tab per page cost about half a second (28
            # handouts of the test suite: 25 s of printing before, 10 s after).
            page = context.new_page()
            page.emulate_media(media="print")
            for job in jobs:
                if not job.page.is_file():
                    raise PdfError(f"{job.page}: page not found in the built site")
                page.goto(job.page.as_uri(), wait_until="load")
                page.evaluate("document.fonts.ready.then(() => true)")
                job.output.parent.mkdir(parents=True, exist_ok=True)
                page.pdf(path=str(job.output), format="A4", landscape=job.landscape, print_background=True,
                         margin={"top": "14mm", "bottom": "14mm", "left": "12mm", "right": "12mm"})
                if report.outside:  # a page that wanted the network is not handed out, even printed
                    job.output.unlink(missing_ok=True)
                    raise PdfError(f"{job.page}: printing requested {', '.join(report.outside)}")
                yield job
        finally:
            browser.close()
