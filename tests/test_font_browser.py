"""In Chromium: the Urdu font never moves the page when it is late, and is not downloaded when installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MOSTLY_WAITING
from layout_shift import URDU_PAGES, WIDTHS, measure

MAX_CLS = 0.02


@MOSTLY_WAITING
@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("page", list(URDU_PAGES))
def test_a_late_urdu_font_does_not_shift_the_page(phone_tabs, web_server, page: str, width: str) -> None:
    shift = measure(phone_tabs, web_server.base + URDU_PAGES[page], width)
    assert [Path(u).name for u in shift.font_requests] == ["noto-nastaliq-urdu-subset.woff2"], \
        f"{page}: the page did not ask for the one Nastaliq subset: {shift.font_requests}"
    assert shift.cls <= MAX_CLS, (f"{page} at {width}: the text jumps when the Urdu font arrives 1.5 s late "
                                  f"(CLS {shift.cls:.3f}, {shift.shifts} shifts)")


def test_a_phone_with_the_font_installed_downloads_no_font(tabs, web_server) -> None:
    with tabs.tab(viewport={"width": 360, "height": 740}) as tab:
        tab.page.goto(web_server.base + URDU_PAGES["Urdu chapter"], wait_until="load")
        drawn = tab.page.evaluate("""async () => { await document.fonts.ready;
            return [...document.fonts].some(f => f.family.replace(/"/g, '') === 'Mahfooz Nastaliq'
                                                  && f.status === 'loaded'); }""")
        requested = tab.requests
    assert drawn, "the Urdu chapter is not drawn in Nastaliq although the font is installed"
    assert not [u for u in requested if u.endswith(".woff2")], f"installed font downloaded anyway: {requested}"
