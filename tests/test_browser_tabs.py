"""The pooled tabs (tests/browser_tabs.py) hand each test what a new browser context would: nothing cached,
nothing stored, the settings it asked for, and only its own requests and errors."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from browser_support import QuietHandler, StaticServer
from browser_tabs import TabPool

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<link rel="stylesheet" href="style.css"></head><body><p id="p">text</p>{script}</body></html>"""


class CountingHandler(QuietHandler):
    """Counts the GET requests for each file, so a test sees what reached the server and what came from a cache."""

    counts: dict[str, int] = {}
    lock = threading.Lock()

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        with self.lock:
            self.counts[self.path] = self.counts.get(self.path, 0) + 1
        super().do_GET()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=3600")  # a browser may keep everything for an hour
        super().end_headers()


@pytest.fixture
def little_site(tmp_path: Path):
    (tmp_path / "index.html").write_text(PAGE.format(script=""), "utf-8")
    (tmp_path / "error.html").write_text(PAGE.format(script="<script>missing_function()</script>"), "utf-8")
    (tmp_path / "style.css").write_text("p { color: rgb(1, 2, 3) }\n@media print { p { color: rgb(4, 5, 6) } }", "utf-8")
    CountingHandler.counts = {}
    with StaticServer(tmp_path, CountingHandler) as server:
        yield server, tmp_path


@pytest.fixture
def pool(chromium):
    tabs = TabPool(chromium)
    yield tabs
    tabs.close()


def test_each_use_requests_every_file_again_as_a_first_visit_does(pool: TabPool, little_site) -> None:
    server, _ = little_site
    for _ in range(2):
        with pool.tab() as tab:
            tab.page.goto(server.base + "index.html")
    assert CountingHandler.counts.get("/style.css") == 2, (
        f"a later test's first visit was served from the browser's cache: {CountingHandler.counts}")


def test_what_pages_stored_is_gone_at_the_next_use_on_every_origin_visited(pool: TabPool, little_site) -> None:
    server, folder = little_site
    urls = [server.base + "index.html", (folder / "index.html").as_uri()]  # the web build's origin, file://
    with pool.tab() as tab:
        for url in urls:
            tab.page.goto(url)
            tab.page.evaluate("localStorage.setItem('k', 'local'); sessionStorage.setItem('k', 'session')")
    with pool.tab() as tab:
        stored = {}
        for url in urls:
            tab.page.goto(url)
            stored[url] = tab.page.evaluate("[localStorage.getItem('k'), sessionStorage.getItem('k')]")
    assert all(found == [None, None] for found in stored.values()), f"a test saw what the previous one stored: {stored}"


def test_settings_apply_to_one_use_only(pool: TabPool, little_site) -> None:
    server, _ = little_site
    state = """() => [innerWidth, matchMedia('(prefers-color-scheme: dark)').matches,
                      getComputedStyle(document.getElementById('p')).color]"""
    with pool.tab(viewport={"width": 360, "height": 740}, color_scheme="dark", media="print") as tab:
        tab.page.goto(server.base + "index.html")
        asked = tab.page.evaluate(state)
    with pool.tab() as tab:
        tab.page.goto(server.base + "index.html")
        default = tab.page.evaluate(state)
    assert asked == [360, True, "rgb(4, 5, 6)"]
    assert default == [1280, False, "rgb(1, 2, 3)"], "a setting of the previous test carried over"


def test_requests_and_errors_are_recorded_per_use_and_the_tab_is_left_blank(pool: TabPool, little_site) -> None:
    server, _ = little_site
    with pool.tab() as tab:
        tab.page.goto(server.base + "error.html")
        first = (list(tab.requests), list(tab.errors))
        page = tab.page
    assert page.url == "about:blank", "the previous test's page is still open, its scripts running"
    with pool.tab() as tab:
        assert tab.page is page, "the tab was not reused"
        tab.page.goto(server.base + "index.html")
        second = (list(tab.requests), list(tab.errors))
    assert first[0][:2] == [server.base + "error.html", server.base + "style.css"]
    assert [e for e in first[1] if "missing_function" in e], first[1]
    assert second[0][:2] == [server.base + "index.html", server.base + "style.css"]
    assert not [e for e in second[1] if "missing_function" in e], "an error of the previous test's page was recorded"


def test_two_tabs_lent_at_once_are_two_tabs_and_scripts_can_be_off(pool: TabPool, little_site) -> None:
    server, _ = little_site
    with pool.tab() as on, pool.tab(javascript=False) as off, pool.tab() as second:
        assert on.page is not second.page
        for tab in (on, off):
            tab.page.goto(server.base + "error.html")
        errors = (on.errors, off.errors)
    ran = [[e for e in found if "missing_function" in e] for found in errors]
    assert len(ran[0]) == 1 and ran[1] == [], f"scripts ran where they were off, or not where on: {errors}"


def test_a_test_reads_its_own_requests_after_handing_the_tab_back(pool: TabPool, little_site) -> None:
    server, folder = little_site
    with pool.tab() as tab:
        tab.page.goto((folder / "index.html").as_uri())
        tab.page.goto(server.base + "index.html")  # clearing file:// storage goes back to the file page
        requests = tab.requests
    assert requests[-2:] == [server.base + "index.html", server.base + "style.css"], requests


def test_a_tab_that_cannot_be_cleared_is_not_lent_again(pool: TabPool, little_site) -> None:
    server, _ = little_site
    with pool.tab() as tab:
        broken = tab.page
        broken.close()  # as if its renderer had crashed
    with pool.tab() as tab:
        tab.page.goto(server.base + "index.html")
        assert tab.page is not broken and tab.page.evaluate("document.title") == "t"


def test_a_route_of_one_use_is_gone_at_the_next(pool: TabPool, little_site) -> None:
    server, _ = little_site
    with pool.tab() as tab:
        tab.page.route("**/style.css", lambda route: route.abort())
        tab.page.goto(server.base + "index.html")
        routed = tab.page.evaluate("getComputedStyle(document.getElementById('p')).color")
    with pool.tab() as tab:
        tab.page.goto(server.base + "index.html")
        later = tab.page.evaluate("getComputedStyle(document.getElementById('p')).color")
    assert routed != "rgb(1, 2, 3)", "the route did not apply in its own use"
    assert later == "rgb(1, 2, 3)", "the previous test's route still refused the stylesheet"


def test_where_the_last_test_left_the_mouse_hovers_nothing_in_the_next(pool: TabPool, little_site) -> None:
    server, _ = little_site
    hovered = "() => [...document.querySelectorAll(':hover')].map(e => e.tagName.toLowerCase())"
    with pool.tab() as tab:
        tab.page.goto(server.base + "index.html")
        tab.page.click("#p")  # the mouse now rests on the paragraph
        assert "p" in tab.page.evaluate(hovered)
    with pool.tab() as tab:
        tab.page.goto(server.base + "index.html")
        tab.page.wait_for_timeout(100)  # Chromium sends a page a mouse move at the last known place after layout
        later = tab.page.evaluate(hovered)
    assert later == [], f"the next test's page is hovered where the previous test left the mouse: {later}"
