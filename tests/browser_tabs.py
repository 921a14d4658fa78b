"""Browser tabs kept open from one test to the next, each handed to a test as a first visit would see it.

Why: Chromium starts a renderer process for every new context's first tab, and on this 2-core machine that
costs about 0.7 CPU-seconds before the page has even been requested (a fresh context, a new tab and one page:
1.0 CPU-s; the same page in a tab already open: 0.35 CPU-s). The suite opened some 150 of them.

What a test gets is a tab that behaves as a new context's tab would, for what the tests look at:
- every request asks for a fresh copy (Cache-Control: no-cache, which also bypasses the renderer's memory
  cache), so every page, stylesheet, script and font is fetched from the server, as on a reader's first visit;
- the viewport, the light or dark system setting, and the media type are set as the test asks;
- local and session storage of every origin the tab has been on are cleared when the test hands it back,
  its routes (page.route) are removed, and the tab is left on about:blank, so no script or timer of one
  test's page runs into the next test (no DevTools session of our own: a second one undoes Playwright's
  emulation of print media);
- what the page requested, and its console and script errors, are recorded afresh for each test, in lists the
  test can still read once it has handed the tab back.

What differs from a new context, so a test that depends on it opens its own context instead:
- the tab's history: Back can lead to the previous test's page (the quick-exit tests use their own);
- init scripts, which cannot be taken back from a tab (a test that adds one opens its own context);
- whether scripts run, and whether the tab is a phone's (touch, mobile viewport), are fixed per context: the
  pool keeps one context for each combination a test asks for.
"""

from __future__ import annotations

from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Iterator
from urllib.parse import urlsplit

DESKTOP = {"width": 1280, "height": 800}
CLEAR_STORAGE = "() => { localStorage.clear(); sessionStorage.clear(); }"


@dataclass
class Tab:
    """A pooled tab lent to one test: the Playwright page, and what it recorded during the test."""

    page: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    visited: dict[str, str] = field(default_factory=dict)  # each origin the tab has been on: its last address

    def start(self, viewport: dict, color_scheme: str, media: str | None) -> None:
        """Make the tab ready for a new test: the settings it asked for (its lists were renewed at hand-back)."""
        self.page.emulate_media(media=media or "null", color_scheme=color_scheme)  # "null": no media type set
        self.page.set_viewport_size(viewport)

    def _navigated(self, frame) -> None:
        origin = _origin(frame.url)
        if frame.parent_frame is None and origin is not None:
            self.visited[origin] = frame.url

    def clear(self) -> None:
        """Forget what the test's pages stored, on each origin the tab has been on; then leave for about:blank.
        The test keeps its lists of requests and errors as they were: what clearing loads goes to new lists."""
        self.requests, self.errors = [], []
        for origin, url in list(self.visited.items()):
            if _origin(self.page.url) != origin:
                self.page.goto(url)  # still through the test's routes: a page they answered is answered again
            self.page.evaluate(CLEAR_STORAGE)
        self.visited.clear()
        self.page.unroute_all(behavior="ignoreErrors")
        self.page.goto("about:blank")


def _origin(url: str) -> str | None:
    """The storage origin of a page address (file:// pages share one), or None for about: and data: pages."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https"):
        return f"{parts.scheme}://{parts.netloc}"
    return "file://" if parts.scheme == "file" else None


class TabPool:
    """Tabs of one browser, lent to tests one at a time and taken back; see the module's docstring."""

    def __init__(self, browser) -> None:
        self.browser = browser
        self._contexts: dict[tuple[bool, bool], object] = {}
        self._free: dict[tuple[bool, bool], list[Tab]] = {}

    def _new_tab(self, key: tuple[bool, bool]) -> Tab:
        if key not in self._contexts:
            javascript, phone = key
            options = {"is_mobile": True, "has_touch": True, "device_scale_factor": 1} if phone else {}
            context = self.browser.new_context(java_script_enabled=javascript, **options)
            context.set_extra_http_headers({"Cache-Control": "no-cache"})
            self._contexts[key] = context
        page = self._contexts[key].new_page()
        tab = Tab(page)
        page.on("request", lambda request: tab.requests.append(request.url))
        page.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: tab.errors.append(str(error)))
        page.on("framenavigated", tab._navigated)
        return tab

    @contextmanager
    def tab(self, *, viewport: dict | None = None, color_scheme: str = "light", media: str | None = None,
            javascript: bool = True, phone: bool = False) -> Iterator[Tab]:
        """Lend a tab with these settings for the length of a `with` block: a viewport (a desktop's if none), the
        system's light or dark setting, a media type to emulate ("print"), scripts on or off, a phone or not."""
        key = (javascript, phone)
        free = self._free.setdefault(key, [])
        tab = free.pop() if free else self._new_tab(key)
        tab.start(viewport or DESKTOP, color_scheme, media)
        try:
            yield tab
        finally:
            try:
                tab.clear()
            except Exception:  # noqa: BLE001 - a tab that cannot be cleared (it crashed, it hangs) is not lent again
                with suppress(Exception):
                    tab.page.close()
            else:
                free.append(tab)

    def close(self) -> None:
        for context in self._contexts.values():
            context.close()
