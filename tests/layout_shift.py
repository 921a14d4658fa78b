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

from browser_support import CHROMIUM, CHROMIUM_ARGS, QuietHandler, StaticServer
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


def reader_size(width: str) -> dict:
    """The viewport of one of WIDTHS."""
    w, h = WIDTHS[width]
    return {"width": w, "height": h}


def measure(tabs, url: str, width: str, delay_s: float = FONT_DELAY_S) -> Shift:
    """Load `url` at one of WIDTHS, a phone (touch, mobile viewport) but for desktop, in a tab of `tabs` (a
    tests/browser_tabs.py pool), with every font response held back `delay_s`; read the page's CLS."""
    fonts: list[str] = []

    def late(route) -> None:
        fonts.append(route.request.url)
        time.sleep(delay_s)  # the page goes on rendering meanwhile, in the browser process
        route.continue_()

    with tabs.tab(viewport=reader_size(width), phone=width != "desktop") as tab:
        page = tab.page
        page.route("**/*.woff2", late)
        page.goto(url, wait_until="load")
        page.evaluate("document.fonts.ready")
        page.wait_for_timeout(600)  # let the swap's layout and its shift entries land
        result = page.evaluate(READ_CLS)
        used = page.evaluate("""() => [...document.fonts].some(f => f.family.replace(/"/g, '') ===
                                 'Mahfooz Nastaliq' && f.status === 'loaded')""")
    return Shift(result["cls"], result["count"], fonts, used)


# --- a page as it arrives -------------------------------------------------------------------------------
# A phone paints a page while its HTML is still arriving: whatever it draws then must neither move when the
# rest comes nor make the page wider than the screen (a phone then widens its layout viewport, and in
# right-to-left draws the page shifted until the rest arrives).

PHONE_WIDTHS = {name: size for name, size in WIDTHS.items() if name != "desktop"}

# Every state the parser leaves the page in: everything before one element, plus that element, still empty.
# Walked from the last element to the first, each state made from the previous one by removing more, so a
# page costs one pass. Returns each state in which the page is wider than the screen: the element the page
# stopped at, by how many px, and what sticks out of the body, which is as wide as the screen (fixed boxes,
# like the closed drawer, never widen a page).
WIDER_WHILE_ARRIVING = """() => {
  const root = document.documentElement, body = document.body;
  const name = el => el.tagName.toLowerCase() + [...el.classList].map(c => '.' + c).join('');
  const fixed = el => { for (; el && el !== body; el = el.parentElement)
                          if (getComputedStyle(el).position === 'fixed') return true; return false; };
  const outside = () => { const page = body.getBoundingClientRect();
    return [...body.querySelectorAll('*')].filter(el => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && (r.left < page.left - 0.5 || r.right > page.right + 0.5) && !fixed(el);
    }).slice(-3).map(el => { const r = el.getBoundingClientRect();
                           return `${name(el)} at ${Math.round(r.left)}..${Math.round(r.right)} px`; }); };
  const found = [];
  const check = at => { const extra = root.scrollWidth - root.clientWidth;
                        if (extra > 0) found.push({at, extra, outside: outside()}); };
  check('the end of the page');
  const elements = [...body.querySelectorAll('*')];
  const range = document.createRange();
  for (let i = elements.length - 1; i >= 0; i--) {
    range.setStart(elements[i], 0);
    range.setEndAfter(body.lastChild);
    range.deleteContents();
    check(name(elements[i]));
  }
  return found;
}"""

# Every layout-shift entry since the page started, with what moved (user input excluded, as in CLS).
READ_SHIFTS = """() => new Promise(resolve => {
  const name = n => !n ? '(gone)' : n.nodeType !== 1 ? n.nodeName
    : n.tagName.toLowerCase() + [...n.classList].map(c => '.' + c).join('');
  const rect = r => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`;
  new PerformanceObserver(list => resolve(list.getEntries().filter(e => !e.hadRecentInput).map(e => ({
    value: e.value, at: Math.round(e.startTime),
    moved: e.sources.map(s => `${name(s.node)} ${rect(s.previousRect)} -> ${rect(s.currentRect)}`)})))
  ).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve([]), 500);
})"""

CHUNK_BYTES = 1024
CHUNK_PAUSE_S = 0.03


class TricklingHandler(QuietHandler):
    """Serves HTML pages 1 KB at a time, 30 ms apart (a slow line), so that the browser paints each part;
    every other file at once.

    A page's first piece runs to the end of its header: a connection's first round trip carries about 14 KB
    compressed, several times the header (at most 15 KB uncompressed), so a phone never waits inside it on
    the network, and the header holds no script tag, where Chromium would pause to paint. Its partial states
    are walked by WIDER_WHILE_ARRIVING instead: split there, its buttons would arrive one by one, each
    nudging the ones before it, which no layout of a row can avoid.
    """

    html = False

    def guess_type(self, path):  # noqa: ANN001, ANN201  (http.server's signature)
        """The file's type, remembering whether it is a page."""
        kind = super().guess_type(path)
        self.html = kind == "text/html"
        return kind

    def copyfile(self, source, outputfile) -> None:  # noqa: ANN001
        """Send the body: a page in pieces, anything else in one go."""
        if not self.html:
            super().copyfile(source, outputfile)
            return
        body = source.read()
        end = body.find(b"</header>")
        first = end + len(b"</header>") if end >= 0 else CHUNK_BYTES
        pieces = [body[:first], *(body[i:i + CHUNK_BYTES] for i in range(first, len(body), CHUNK_BYTES))]
        for piece in pieces:
            outputfile.write(piece)
            outputfile.flush()
            time.sleep(CHUNK_PAUSE_S)


def trickling_server(directory: Path) -> StaticServer:
    """A local server of a built site whose pages arrive slowly, in pieces."""
    return StaticServer(directory, TricklingHandler)


def shifts_while_arriving(tabs, url: str, width: str) -> list[dict]:
    """Load `url` (served by trickling_server) on a phone of one of PHONE_WIDTHS, in a tab of `tabs` (a
    tests/browser_tabs.py pool); its layout-shift entries."""
    with tabs.tab(viewport=reader_size(width), phone=True) as tab:
        tab.page.goto(url, wait_until="load")
        tab.page.wait_for_timeout(500)  # Material's script has run; a late layout would land here
        return tab.page.evaluate(READ_SHIFTS)


def wider_while_arriving(tabs, url: str, width: str) -> list[dict]:
    """The states of `url`, as it arrives on a phone of one of PHONE_WIDTHS, in which it is wider than the
    screen. Scripts are off: they run only once the page is complete, and would rebuild what is removed."""
    with tabs.tab(viewport=reader_size(width), phone=True, javascript=False) as tab:
        tab.page.goto(url, wait_until="load")
        return tab.page.evaluate(WIDER_WHILE_ARRIVING)
