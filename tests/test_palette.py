"""The colour toggle (automatic, light, dark), driven by the site's own palette script, in the web build and the
offline copy (partials/palette.html, partials/javascripts/palette.html)."""

from __future__ import annotations

import pytest

from browser_support import system_scheme_changes_to
from conftest import site_urls

CHAPTER, INDEX = "ur/handbook/passwords", "handbook/"  # a page, and a section index

# What a reader's eyes and the browser see: the body's colours, which toggle is shown, the meta tags.
STATE = """() => ({
  scheme: document.body.getAttribute("data-md-color-scheme"),
  media: document.body.getAttribute("data-md-color-media"),
  shown: [...document.querySelectorAll("[data-mahfooz-palette] label")].map(l => !l.hidden),
  colorScheme: [...document.querySelectorAll("meta[name=color-scheme]")].map(m => m.content),
  themeColor: [...document.querySelectorAll("meta[name=theme-color]")].map(m => m.content),
})"""
AUTO, LIGHT, DARK = [True, False, False], [False, True, False], [False, False, True]


def _page(chromium, system: str, **options):
    """A context of its own, for a test that adds an init script (a lent tab cannot take it back)."""
    context = chromium.new_context(color_scheme=system, **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page, errors


def _toggle(page) -> dict:
    page.click("[data-mahfooz-palette] label:not([hidden])")
    return page.evaluate(STATE)


@pytest.mark.parametrize("which", ["web", "offline"])
@pytest.mark.parametrize("system, scheme", [("light", "default"), ("dark", "slate")])
def test_a_first_visit_follows_the_system_without_materials_script(request, tabs, which: str, system: str,
                                                                   scheme: str) -> None:
    _, url = site_urls(request, which)
    with tabs.tab(color_scheme=system) as tab:
        page, errors = tab.page, tab.errors
        # Material's bundle never arrives: the colours must not depend on it (they are set while the page is parsed).
        page.route("**/bundle.*.min.js", lambda route: route.abort())
        page.goto(url(CHAPTER))
        state = page.evaluate(STATE)
    assert state["scheme"] == scheme, f"{which}: a first visit with a {system} system shows {state['scheme']}"
    assert state["shown"] == AUTO, f"{which}: the toggle should show 'automatic' first, shows {state['shown']}"
    assert state["colorScheme"] == ["dark" if system == "dark" else "light"]
    refused = "Failed to load resource: net::ERR_FAILED"  # the bundle's, as routed; any other error counts
    assert errors.count(refused) == 1 and len(errors) == 1, errors


@pytest.mark.parametrize("which", ["web", "offline"])
def test_the_toggle_cycles_and_the_choice_holds_on_the_next_page_against_the_system(request, tabs,
                                                                                   which: str) -> None:
    _, url = site_urls(request, which)
    with tabs.tab(color_scheme="dark") as tab:
        page, errors = tab.page, tab.errors
        page.goto(url(CHAPTER))
        light = _toggle(page)
        dark = _toggle(page)
        auto = _toggle(page)
        light_again = _toggle(page)
        page.goto(url(INDEX))
        next_page = page.evaluate(STATE)
    assert (light["scheme"], light["shown"], light["colorScheme"]) == ("default", LIGHT, ["light"])
    assert (dark["scheme"], dark["shown"], dark["colorScheme"]) == ("slate", DARK, ["dark"])
    assert (auto["scheme"], auto["shown"], auto["media"]) == ("slate", AUTO, "(prefers-color-scheme)")
    assert light_again["scheme"] == "default"
    assert (next_page["scheme"], next_page["shown"]) == ("default", LIGHT), \
        f"{which}: a reader who chose light on a dark phone got {next_page['scheme']} on the next page"
    assert not errors, errors


def test_automatic_follows_a_system_change_while_the_page_is_open_and_a_choice_does_not(tabs,
                                                                                     web_server) -> None:
    with tabs.tab(color_scheme="light") as tab:
        page, errors = tab.page, tab.errors
        page.goto(web_server.base + CHAPTER + "/")
        system_scheme_changes_to(page, "dark")
        followed = page.evaluate(STATE)
        _toggle(page)  # light, chosen
        system_scheme_changes_to(page, "light")
        system_scheme_changes_to(page, "dark")
        kept = page.evaluate(STATE)
    assert (followed["scheme"], followed["colorScheme"]) == ("slate", ["dark"]), followed
    assert (kept["scheme"], kept["shown"]) == ("default", LIGHT), kept
    assert not errors, errors


def test_enter_on_the_toggle_moves_to_the_next_option(tabs, web_server) -> None:
    with tabs.tab(color_scheme="light") as tab:
        page, errors = tab.page, tab.errors
        page.goto(web_server.base + CHAPTER + "/")
        page.focus("[data-mahfooz-palette] input:checked")
        page.keyboard.press("Enter")
        state = page.evaluate(STATE)
        focused = page.evaluate("document.activeElement.id")
    assert (state["scheme"], state["shown"]) == ("default", LIGHT), state
    assert focused == "__palette_1", f"focus went to {focused!r}, not to the option now chosen"
    assert not errors, errors


def test_materials_palette_component_is_not_mounted(tabs, web_server) -> None:
    """Material's component appends its own meta tags and recomputes the page's style on every load."""
    with tabs.tab(color_scheme="dark") as tab:
        page, errors = tab.page, tab.errors
        page.goto(web_server.base + CHAPTER + "/", wait_until="load")
        page.wait_for_timeout(200)
        state = page.evaluate(STATE)
        marked = page.evaluate("document.querySelectorAll('[data-md-component=palette]').length")
        header = page.evaluate("""getComputedStyle(document.querySelector('.md-header')).backgroundColor
            .match(/\\d+/g).slice(0, 3).map(n => (+n).toString(16).padStart(2, '0')).join('')""")
    assert marked == 0
    assert state["colorScheme"] == ["dark"], f"one color-scheme meta expected: {state['colorScheme']}"
    assert state["themeColor"] == [f"#{header}"], \
        f"one theme-color meta, the header's colour #{header} (main.html names it): {state['themeColor']}"
    assert not errors, errors


def test_a_browser_that_refuses_storage_still_gets_its_colours_and_a_working_toggle(chromium, web_server) -> None:
    context, page, _ = _page(chromium, "dark")
    page.add_init_script("Object.defineProperty(window, 'localStorage', "
                         "{get() { throw new DOMException('refused', 'SecurityError'); }})")
    page.goto(web_server.base + CHAPTER + "/")
    first = page.evaluate(STATE)
    toggled = _toggle(page)
    context.close()
    assert first["scheme"] == "slate", first
    assert (toggled["scheme"], toggled["shown"]) == ("default", LIGHT), toggled


def test_without_javascript_there_is_no_toggle_and_the_default_colours(tabs, web_server) -> None:
    with tabs.tab(color_scheme="light", javascript=False) as tab:
        page = tab.page
        page.goto(web_server.base + CHAPTER + "/")
        state = page.evaluate  # evaluate still runs with page scripts off
        shown = state("[...document.querySelectorAll('[data-mahfooz-palette] label')].filter(l => !l.hidden).length")
        scheme = state("document.body.getAttribute('data-md-color-scheme')")
    assert shown == 0, "a toggle that cannot work is shown with JavaScript off"
    assert scheme == "default"


@pytest.mark.parametrize("lang, labels", [
    ("en", ["Switch to light mode", "Switch to dark mode", "Switch to your device's light or dark setting"]),
    ("ur", ["لائٹ موڈ پر جائیں", "ڈارک موڈ پر جائیں", "ڈیوائس کی سیٹنگ کے مطابق رنگ رکھیں"]),
])
def test_the_toggle_is_labelled_in_the_pages_language(site, lang: str, labels: list[str]) -> None:
    form = site.html(("ur/" if lang == "ur" else "") + "handbook/passwords/index.html").select_one("[data-mahfooz-palette]")
    titles = [label["title"] for label in form.select("label")]
    names = [field["aria-label"] for field in form.select("input")]
    assert titles == labels and names == labels, f"{lang}: the colour toggle says {titles} / {names}"
