"""Cumulative layout shift of a page whose web font arrives late, as a reader on a slow line sees it.

Shared by tests/test_font_browser.py and benchmarks/font_shift.py. Chromium runs with a fontconfig that
hides any installed Noto Nastaliq Urdu (this machine has Debian's), as on a phone without it: otherwise
`local()` finds it and the delayed download never happens.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from browser_support import CHROMIUM, CHROMIUM_ARGS
from handbook.page_weight import NO_LOCAL_NASTALIQ, launch_without_local_nastaliq

# Reader widths: a small Android phone, a common one, and a laptop.
WIDTHS = {"360": (360, 740), "412": (412, 915), "desktop": (1280, 900)}
URDU_PAGES = {
    "Urdu home": "ur/",
    "Urdu chapter": "ur/handbook/passwords/",
    "Urdu post": "ur/blog/2017/04/04/digital-rights-foundation-submits-universal-periodic-review-2017-report-for-pakistan/",
}
FONT_DELAY_S = 1.5

FONTCONFIG = NO_LOCAL_NASTALIQ  # shared with the page-weight budgets (handbook.page_weight)

# Layout-shift entries are buffered from the start of the page; CLS is the largest session window
# (shifts less than 1 s apart, at most 5 s long), as Lighthouse and web-vitals compute it.
READ_CLS = """() => new Promise(resolve => {
  new PerformanceObserver(list => {
    let best = 0, current = 0, first = 0, last = 0;
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      if (current && e.startTime - last < 1000 && e.startTime - first < 5000) { current += e.value; }
      else { current = e.value; first = e.startTime; }
      last = e.startTime;
      best = Math.max(best, current);
    }
    resolve({cls: best, count: list.getEntries().length});
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve({cls: 0, count: 0}), 1000);
})"""


@dataclass
class Shift:
    """What one delayed-font page load showed."""

    cls: float
    shifts: int
    font_requests: list[str]
    nastaliq_used: bool


def launch_without_nastaliq(browser_type, tmp_dir: Path):
    """Headless Chromium, from a Playwright browser type, that cannot find an installed Noto Nastaliq Urdu."""
    return launch_without_local_nastaliq(browser_type, tmp_dir, CHROMIUM, CHROMIUM_ARGS)


@contextmanager
def browser_without_nastaliq(tmp_dir: Path) -> Iterator[object]:
    """The same, in a Playwright of its own (for scripts)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_without_nastaliq(playwright.chromium, tmp_dir)
        try:
            yield browser
        finally:
            browser.close()


def measure(browser, url: str, width: str, delay_s: float = FONT_DELAY_S) -> Shift:
    """Load `url` at one of WIDTHS with every font response held back `delay_s`; read the page's CLS."""
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, is_mobile=width != "desktop",
                                  has_touch=width != "desktop", device_scale_factor=1)
    fonts: list[str] = []

    def late(route) -> None:
        fonts.append(route.request.url)
        time.sleep(delay_s)  # the page goes on rendering meanwhile, in the browser process
        route.continue_()

    context.route("**/*.woff2", late)
    page = context.new_page()
    try:
        page.goto(url, wait_until="load")
        page.evaluate("document.fonts.ready")
        page.wait_for_timeout(600)  # let the swap's layout and its shift entries land
        result = page.evaluate(READ_CLS)
        used = page.evaluate("""() => [...document.fonts].some(f => f.family.replace(/"/g, '') ===
                                 'Mahfooz Nastaliq' && f.status === 'loaded')""")
    finally:
        context.close()
    return Shift(result["cls"], result["count"], fonts, used)
