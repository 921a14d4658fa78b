"""In Chromium, on a phone: a page painted while it is still arriving neither moves nor widens the screen.

A reader on a slow line sees the page in pieces; Lighthouse counts what moves as layout shift. What did,
and the fix (overrides/assets/stylesheets/extra.css, overrides/main.html):
- Material's header title stacks two topics; the hidden one waits 1.25rem past the title's end, where the
  title's margin and the header's padding leave 0.6rem. Until the header's buttons arrived the title reached
  the header's end and that topic stuck 13 px out of the screen; in right-to-left, where overflow on the
  left scrolls, the phone widened the page and drew it 13 px off, then snapped back (Urdu post, Lighthouse
  CLS 0.016). The title clips sideways.
- Below 76.25em Material shows a post's sidebar under the article by reversing the column, but it comes
  first in the page: drawn at the top, then pushed down as the article arrived (0.3 to 0.5 on a line
  delivering 1 KB pieces). It is kept back until something follows the article.
- The search button and the colour toggle appeared only when Material's script ran at the end of the
  page, pushing the header's other buttons (CLS 0.002 on every page). A <head> script marks .mahfooz-js.
- Chromium pauses to paint at a script tag: quick-exit.js, loaded beside its button, let the quick exit be
  drawn before the search button pushed it aside. It loads from <head>, deferred.
The first test walks every state the parser can leave a page in; the second loads each page over a line
that delivers it in pieces, with scripts on, and reads the browser's own layout-shift entries; the third
makes sure the post's details still show once the page is whole; the last, that a loaded page stands still.
"""

from __future__ import annotations

import pytest

from handbook.page_weight import page_urls
from browser_support import next_rendering
from conftest import MOSTLY_WAITING
from layout_shift import PHONE_WIDTHS, shifts_while_arriving, trickling_server, wider_while_arriving

PAGES = [(f"{'Urdu' if lang == 'ur' else 'English'} {name}", url.removeprefix("/"))
         for name, lang, url in page_urls("/")]


@pytest.fixture(scope="module")
def slow_line(site):
    """The built site, its pages arriving 1 KB at a time."""
    with trickling_server(site.site) as server:
        yield server


@pytest.mark.parametrize("width", list(PHONE_WIDTHS))
@pytest.mark.parametrize("label, path", PAGES, ids=[label for label, _ in PAGES])
def test_no_page_is_wider_than_the_phone_while_it_arrives(phone_tabs, web_server, label: str, path: str,
                                                          width: str) -> None:
    wider = wider_while_arriving(phone_tabs, web_server.base + path, width)
    lines = [f"  arrived up to <{w['at']}>: {w['extra']} px too wide; sticking out: {', '.join(w['outside']) or '?'}"
             for w in wider[:5]]
    assert not wider, (f"{label} at {width} px: while the page is still arriving it is wider than the screen "
                       f"({len(wider)} states), so the phone widens it and, in Urdu, draws it off to one side "
                       "until the rest comes:\n" + "\n".join(lines))


@MOSTLY_WAITING
@pytest.mark.parametrize("width", list(PHONE_WIDTHS))
@pytest.mark.parametrize("label, path", PAGES, ids=[label for label, _ in PAGES])
def test_nothing_moves_while_a_page_arrives_on_a_slow_line(phone_tabs, slow_line, label: str, path: str,
                                                           width: str) -> None:
    shifts = shifts_while_arriving(phone_tabs, slow_line.base + path, width)
    lines = [f"  {s['value']:.4f} at {s['at']} ms: {'; '.join(s['moved'])}" for s in shifts]
    assert not shifts, (f"{label} at {width} px: parts of the page jump while it arrives "
                        f"(layout shift {sum(s['value'] for s in shifts):.4f}):\n" + "\n".join(lines))


def test_a_posts_details_are_shown_under_it_on_a_phone(phone_tabs, web_server) -> None:
    # The CSS that keeps the sidebar back while the article arrives must let it show once the page is whole.
    for label, path in PAGES:
        if not label.endswith("post"):
            continue
        for js in (True, False):
            with phone_tabs.tab(viewport={"width": 360, "height": 740}, javascript=js) as tab:
                page = tab.page
                page.goto(web_server.base + path, wait_until="load")
                sidebar = page.locator(".md-sidebar--post")
                shown = sidebar.is_visible() and page.locator(".md-sidebar--post time").first.is_visible()
                below = page.evaluate("""() => document.querySelector('.md-sidebar--post').getBoundingClientRect().top
                                         >= document.querySelector('article').getBoundingClientRect().bottom""")
            assert shown and below, (f"{label} at 360 px, scripts {'on' if js else 'off'}: the post's date, authors "
                                     f"and categories are {'not shown' if not shown else 'not under the article'}")


@pytest.mark.parametrize("label, path", PAGES, ids=[label for label, _ in PAGES])
def test_the_header_bar_holds_no_script_tag(site, label: str, path: str) -> None:
    # Chromium pauses to paint at a script tag: one inside the bar gets it drawn half, then its buttons move.
    bar = site.html(path + "index.html").select_one("header.md-header nav.md-header__inner")
    scripts = [str(s)[:80] for s in bar.find_all("script")] if bar else ["(no header bar found)"]
    assert not scripts, f"{label}: the header bar is painted half-built at its script tag(s): {scripts}"


# What the browser is animating: each running or waiting CSS animation and transition, with its element.
ANIMATIONS = """() => document.getAnimations().filter(a => a.playState !== "finished").map(a => {
  const target = a.effect && a.effect.target;
  const what = a instanceof CSSTransition ? "transition of " + a.transitionProperty : "animation " + (a.animationName || "?");
  return what + " on " + (target ? target.tagName.toLowerCase() + (target.className ? "." + String(target.className).trim().split(/\\s+/).join(".") : "") : "?");
})"""


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("label, path", PAGES, ids=[label for label, _ in PAGES])
def test_nothing_animates_once_a_page_has_loaded(tabs, web_server, label: str, path: str, width: int) -> None:
    """A page at rest costs a phone nothing: no transition or animation runs after it has loaded. (The header's
    language list slid 625 ms into place on every load when rules meant for pages without scripts held until
    Material's bundle removed .no-js at the end of the page.)"""
    with tabs.tab(viewport={"width": width, "height": 740}) as tab:
        tab.page.goto(web_server.base + path)
        next_rendering(tab.page)
        running = tab.page.evaluate(ANIMATIONS)
    assert not running, f"{label} at {width} px: still animating after it has loaded: {running}"
