"""Quick exit in a real browser (web and file://), and the site read with JavaScript off, as Tor's Safest level."""

from __future__ import annotations

import pytest

from browser_support import is_local
from conftest import BuildResult, html_pages, site_urls
from handbook.quick_exit import DEFAULT_URL

POST = "blog/2014/08/22/pakistan-is-a-finfisher-customer-leak-confirms"
NEUTRAL_PAGE = "<!doctype html><title>Google</title><p>neutral</p>"


def _neutral_page_answers(target, base: str) -> None:
    """In a context or tab (`target`): the neutral page answers locally and every other host is refused."""

    def route(route) -> None:
        url = route.request.url
        if url.startswith(DEFAULT_URL):
            route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE)
        elif is_local(url, base):
            route.continue_()
        else:
            route.abort()

    target.route("**/*", route)


def _context(chromium, base: str, **options):
    """A browser context of its own (Back must not reach another test's pages) routed as above."""
    context = chromium.new_context(**options)
    _neutral_page_answers(context, base)
    return context


@pytest.mark.parametrize("which", ["web", "offline"])
@pytest.mark.parametrize("how", ["button", "escape twice in the search box"])
def test_quick_exit_replaces_the_page_so_back_does_not_return(request, chromium, which: str, how: str) -> None:
    base, url = site_urls(request, which)
    context = _context(chromium, base, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    first, chapter = url("ur/"), url("ur/handbook/passwords")
    page.goto(first)
    page.goto(chapter)
    if how == "button":
        page.click("[data-quick-exit]")
    else:
        page.focus("input.md-search__input")
        page.keyboard.press("Escape")
        page.keyboard.press("Escape")
    page.wait_for_url(DEFAULT_URL)
    page.go_back()
    back_at = page.url
    context.close()
    assert back_at == first, f"after a quick exit ({how}, {which}), Back led to {back_at}, not to the page before"


def test_escape_pressed_once_or_slowly_does_not_leave(tabs, web_server) -> None:
    with tabs.tab() as tab:
        page = tab.page
        _neutral_page_answers(page, web_server.base)
        page.goto(web_server.base + "handbook/passwords/")
        page.keyboard.press("Escape")
        page.wait_for_timeout(1300)
        page.keyboard.press("Escape")
        page.wait_for_timeout(300)
        still = page.url
    assert still == web_server.base + "handbook/passwords/", "two Esc presses more than a second apart left the site"


def test_without_javascript_the_quick_exit_is_a_plain_link(tabs, web_server) -> None:
    with tabs.tab(javascript=False) as tab:
        page = tab.page
        _neutral_page_answers(page, web_server.base)
        page.goto(web_server.base + "ur/help/")
        link = page.locator("[data-quick-exit]")
        assert link.get_attribute("rel") == "noreferrer" and link.get_attribute("href") == DEFAULT_URL
        link.click()
        page.wait_for_url(DEFAULT_URL)


@pytest.mark.parametrize("path, label", [("handbook/passwords/", "Quick exit"), ("ur/handbook/passwords/", "فوراً نکلیں")])
def test_quick_exit_fits_a_360px_phone_and_is_hidden_in_print(tabs, web_server, path: str, label: str) -> None:
    with tabs.tab(viewport={"width": 360, "height": 640}) as tab:
        page = tab.page
        page.goto(web_server.base + path)
        box = page.locator("[data-quick-exit]").bounding_box()
        text = page.locator("[data-quick-exit]").inner_text().strip()
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        page.emulate_media(media="print")
        printed = page.is_visible("[data-quick-exit]")
    assert text == label, f"{path}: the quick exit reads {text!r}, not {label!r}"
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360, f"{path}: the quick exit is cut off at 360 px: {box}"
    assert box["width"] >= 44 and box["height"] >= 44, f"{path}: the quick exit is smaller than a 44 px tap target: {box}"
    assert overflow <= 0, f"{path}: the page scrolls sideways by {overflow} px at 360 px"
    assert not printed, f"{path}: the quick exit is printed"


def test_slides_have_no_quick_exit_and_every_reader_page_has_one(site: BuildResult) -> None:
    missing, in_slides = [], []
    for page in html_pages(site.site):
        relative = page.relative_to(site.site).as_posix()
        has = "data-quick-exit" in page.read_text("utf-8")
        if "-slides/" in relative:
            in_slides += [relative] if has else []
        elif not has:
            missing.append(relative)
    assert not missing, f"pages without a quick exit: {missing[:10]}"
    assert not in_slides, f"slides with a quick exit: {in_slides[:10]}"


# --- JavaScript off ------------------------------------------------------------------------------------

READER_PAGES = ["", "handbook/passwords/", "help/", f"{POST}/", "blog/", "tags/", "about/"]


def _article_text(page) -> str:
    return " ".join(page.locator("article").first.inner_text().split())


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("lang", ["en", "ur"])
def test_every_representative_page_reads_the_same_without_javascript(tabs, web_server, width: int, lang: str) -> None:
    prefix = "ur/" if lang == "ur" else ""
    viewport = {"width": width, "height": 800}
    with tabs.tab(viewport=viewport) as on, tabs.tab(viewport=viewport, javascript=False) as off:
        problems = _compare_without_javascript(on.page, off.page, web_server.base + prefix, width)
    assert not problems, "\n".join(problems)


def _compare_without_javascript(with_js, without, base: str, width: int) -> list[str]:
    """What reads differently, or scrolls sideways, with scripts off: each reader page in both tabs."""
    problems = []
    for path in READER_PAGES:
        url = base + path
        with_js.goto(url)
        without.goto(url)
        text_on, text_off = _article_text(with_js), _article_text(without)
        if len(text_off) < 200 or text_off != text_on:
            problems.append(f"{url}: without JavaScript the page shows {len(text_off)} characters of text, "
                            f"with it {len(text_on)}")
        overflow = [p.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                    for p in (with_js, without)]
        if overflow[1] > max(overflow[0], 0):
            problems.append(f"{url}: without JavaScript the page scrolls sideways by {overflow[1]} px at {width} px "
                            f"({overflow[0]} px with it)")
    return problems


@pytest.mark.parametrize("lang, help_label", [("en", "Help now"), ("ur", "فوری مدد")])
def test_without_javascript_the_drawer_leads_to_the_help_page_on_a_phone(tabs, web_server, lang: str, help_label: str) -> None:
    prefix = "ur/" if lang == "ur" else ""
    with tabs.tab(viewport={"width": 360, "height": 640}, javascript=False) as tab:
        page = tab.page
        page.goto(web_server.base + prefix + "handbook/passwords/")
        page.click("label.md-header__button[for=__drawer]")
        # The drawer opens on the chapter's section, as with JavaScript; its title leads back up (a CSS toggle).
        page.locator(".md-nav__item--active > .md-nav > label.md-nav__title").first.click()
        link = page.locator(".md-sidebar--primary .md-nav--primary > .md-nav__list > .md-nav__item > a.md-nav__link",
                            has_text=help_label)
        link.click()
        page.wait_for_load_state("load")
        arrived = page.url
        section = page.is_visible("#quick-exit")
    assert arrived == web_server.base + prefix + "help/", f"the drawer's {help_label!r} link led to {arrived}"
    assert section, "the help page has no visible section on the quick exit"


@pytest.mark.parametrize("lang, other, tab", [("en", "ur", "Blog"), ("ur", "en", "بلاگ")])
def test_without_javascript_tabs_and_language_switch_work_on_desktop(tabs, web_server, lang: str, other: str, tab: str) -> None:
    prefix = "ur/" if lang == "ur" else ""
    with tabs.tab(viewport={"width": 1280, "height": 800}, javascript=False) as lent:
        page = lent.page
        page.goto(web_server.base + prefix + "handbook/passwords/")
        page.click(f".md-tabs__link:text-is('{tab}')")
        page.wait_for_load_state("load")
        after_tab = page.url
        page.goto(web_server.base + prefix + "handbook/passwords/")
        page.click(".md-header__option .md-select button")
        page.click(f'a.md-select__link[hreflang="{other}"]')
        page.wait_for_load_state("load")
        switched, lang_now = page.url, page.evaluate("document.documentElement.lang")
    assert after_tab == web_server.base + prefix + "blog/", f"the {tab!r} tab led to {after_tab}"
    expected = web_server.base + ("" if other == "en" else "ur/") + "handbook/passwords/"
    assert (switched, lang_now) == (expected, other), f"the language switch led to {switched} ({lang_now})"
