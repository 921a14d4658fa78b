"""What Lighthouse's SEO and accessibility audits ask of every page: absolute hreflang URLs, a named
previous-page link at phone width, and an image with its size written out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from browser_support import VIEWPORTS
from conftest import MINIMAL_PAGES, BuildResult, make_project, run_build
from handbook.a11y import focusable_tables
from handbook.alternates import absolute_alternates
from handbook.images import size_author_avatars

PUBLIC = "https://example.org/mahfooz/"
ABOUT_UR = "---\ntitle: تعارف\n---\n\n# تعارف {#about}\n\n## ترجمے میں مدد {#help-translate}\n\nمتن۔\n"


@pytest.mark.parametrize(("html", "page_url", "expected"), [
    ('<link rel="alternate" href="./" hreflang="en">', "https://example.org/handbook/passwords/",
     '<link rel="alternate" href="https://example.org/handbook/passwords/" hreflang="en">'),
    ('<link rel="alternate" href="../../ur/handbook/passwords/" hreflang="ur">',
     "https://example.org/m/handbook/passwords/",
     '<link rel="alternate" href="https://example.org/m/ur/handbook/passwords/" hreflang="ur">'),
    ('<link rel="alternate" href="../" hreflang="x-default">', "https://example.org/ur/",
     '<link rel="alternate" href="https://example.org/" hreflang="x-default">'),
    # Already absolute: unchanged.
    ('<link rel="alternate" href="https://example.org/ur/" hreflang="ur">', "https://example.org/",
     '<link rel="alternate" href="https://example.org/ur/" hreflang="ur">'),
    # Feeds and the language switcher's <a> links are not hreflang <link>s: left relative.
    ('<link rel="alternate" type="application/rss+xml" title="Blog" href="blog/feed.xml">', "https://example.org/",
     '<link rel="alternate" type="application/rss+xml" title="Blog" href="blog/feed.xml">'),
    ('<a href="ur/" hreflang="ur" class="md-select__link">', "https://example.org/",
     '<a href="ur/" hreflang="ur" class="md-select__link">'),
    # No public address known: nothing to build absolute URLs from.
    ('<link rel="alternate" href="./" hreflang="en">', None, '<link rel="alternate" href="./" hreflang="en">'),
    ('<link rel="alternate" href="./" hreflang="en">', "", '<link rel="alternate" href="./" hreflang="en">'),
])
def test_absolute_alternates(html: str, page_url: str | None, expected: str) -> None:
    assert absolute_alternates(html, page_url) == expected


@pytest.mark.parametrize(("html", "expected"), [
    ("<table>\n<thead>", '<table tabindex="0">\n<thead>'),
    ("<p>a</p><table><tr></tr></table><table>", '<p>a</p><table tabindex="0"><tr></tr></table><table tabindex="0">'),
    ('<table class="highlighttable">', '<table class="highlighttable">'),  # code blocks' tables never scroll sideways
    ("<p>&lt;table&gt;</p>", "<p>&lt;table&gt;</p>"),  # a table written about, not a table
])
def test_content_tables_can_be_scrolled_from_the_keyboard(html: str, expected: str) -> None:
    assert focusable_tables(html) == expected


@pytest.mark.parametrize(("html", "expected"), [
    ('<span class="md-author">\n  <img src="a.svg" alt="DRF">',
     '<span class="md-author">\n  <img width="32" height="32" src="a.svg" alt="DRF">'),
    ('<span class="md-author md-author--long">\n<img src="a.png" alt="DRF">',
     '<span class="md-author md-author--long">\n<img width="48" height="48" src="a.png" alt="DRF">'),
    # Already sized: left alone.
    ('<span class="md-author"><img width="10" height="10" src="a.svg" alt="">',
     '<span class="md-author"><img width="10" height="10" src="a.svg" alt="">'),
    ('<span class="md-author md-author--more">+2</span>', '<span class="md-author md-author--more">+2</span>'),
])
def test_author_avatars_get_their_size(html: str, expected: str) -> None:
    assert size_author_avatars(html) == expected


def build(tmp_path_factory: pytest.TempPathFactory, name: str, env: dict[str, str]) -> BuildResult:
    """A small bilingual site (home and about in both languages), built with the given environment."""
    folder = tmp_path_factory.mktemp(name)
    project = make_project(folder, {**MINIMAL_PAGES, "ur/about/index.md": ABOUT_UR})
    result = run_build(project, folder / "site", extra_env=env)
    assert result.returncode == 0, result.output[-3000:]
    return result


@pytest.fixture(scope="module")
def web_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build(tmp_path_factory, "web", {"SITE_URL": PUBLIC})


@pytest.fixture(scope="module")
def offline_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build(tmp_path_factory, "offline", {"SITE_URL": PUBLIC, "HANDBOOK_OFFLINE": "true"})


def hreflang_links(soup: BeautifulSoup) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}


@pytest.mark.parametrize(("page", "expected"), [
    ("index.html", {"en": PUBLIC, "ur": PUBLIC + "ur/"}),
    ("ur/index.html", {"en": PUBLIC, "ur": PUBLIC + "ur/"}),
    ("about/index.html", {"en": PUBLIC + "about/", "ur": PUBLIC + "ur/about/"}),
    ("ur/about/index.html", {"en": PUBLIC + "about/", "ur": PUBLIC + "ur/about/"}),
])
def test_hreflang_links_are_absolute_from_site_url(web_build: BuildResult, page: str, expected: dict[str, str]) -> None:
    assert hreflang_links(web_build.html(page)) == expected, (
        f"{page}: search engines ignore relative hreflang links, so they cannot offer the reader's language")


def test_language_switcher_stays_relative(web_build: BuildResult) -> None:
    switcher = {a["hreflang"]: a["href"] for a in web_build.html("about/index.html").select("a.md-select__link[hreflang]")}
    assert switcher == {"en": "./", "ur": "../ur/about/"}, "the visible language links must work without a server"


@pytest.mark.parametrize(("page", "expected"), [
    ("index.html", {"en": "index.html", "ur": "ur/index.html"}),
    ("ur/about/index.html", {"en": "../../about/index.html", "ur": "index.html"}),
])
def test_offline_copy_keeps_hreflang_links_inside_the_copy(offline_build: BuildResult, page: str,
                                                            expected: dict[str, str]) -> None:
    links = hreflang_links(offline_build.html(page))
    assert links == expected, f"{page}: the USB copy's language links must point into the copy, not at a web site"


@pytest.mark.parametrize("page", ["index.html", "ur/about/index.html"])
def test_logo_is_drawn_inline_with_its_size_and_hidden_from_screen_readers(web_build: BuildResult, page: str) -> None:
    links = web_build.html(page).select("a.md-logo")
    assert len(links) == 2, "the header and the navigation drawer each show the logo"
    for link in links:
        assert not link.find("img"), "the logo is drawn in the page, not fetched: it is in the first paint"
        svg = link.find("svg")
        assert svg is not None, f"{page}: the logo link holds no drawing"
        assert (svg.get("width"), svg.get("height")) == ("24", "24"), "a drawing without its size shifts the layout"
        assert svg.get("aria-hidden") == "true", "the link around the logo is named after the site; the drawing is decorative"
        assert link["aria-label"] in {"Mahfooz", "محفوظ"}


def _relative_luminance(css_colour: str) -> float:
    red, green, blue = (int(part) / 255 for part in re.findall(r"\d+", css_colour)[:3])
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG's contrast ratio of two opaque CSS rgb() colours."""
    lighter, darker = sorted((_relative_luminance(foreground), _relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize(("foreground", "background", "expected"), [
    ("rgb(0, 0, 0)", "rgb(255, 255, 255)", 21.0),
    ("rgb(255, 255, 255)", "rgb(255, 255, 255)", 1.0),
    ("rgb(0, 0, 0)", "rgb(0, 86, 77)", 2.44),  # the logo as an <img>: black on the header
    ("rgb(255, 255, 255)", "rgba(0, 86, 77, 1)", 8.61),
])
def test_contrast_ratio(foreground: str, background: str, expected: float) -> None:
    assert round(contrast_ratio(foreground, background), 2) == expected


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["en", "ur"])
def test_logo_stands_out_from_the_header(tabs, web_server, lang: str, scheme: str) -> None:
    """WCAG 1.4.11: a graphic needs 3:1 against what is behind it. As an <img>, the logo's currentColor was
    black, 2.4:1 on the dark teal header."""
    with tabs.tab(viewport=VIEWPORTS["desktop"], color_scheme=scheme) as tab:
        tab.page.goto(web_server.base + ("ur/" if lang == "ur" else ""))
        fill, header = tab.page.evaluate("""() => [
            getComputedStyle(document.querySelector('.md-header .md-logo svg path')).fill,
            getComputedStyle(document.querySelector('.md-header')).backgroundColor]""")
    ratio = contrast_ratio(fill, header)
    assert ratio >= 3, f"{lang} home, {scheme} scheme: the header's logo ({fill} on {header}) has a contrast of {ratio:.2f}:1, under 3:1"


# --- at a phone's width, in Chromium, on the real site ------------------------------------------


@pytest.mark.parametrize(("lang", "expected"), [("en", "Previous"), ("ur", "پچھلا")])
def test_previous_page_link_is_named_at_phone_width(tabs, web_server, lang: str, expected: str) -> None:
    with tabs.tab(viewport=VIEWPORTS["mobile"]) as tab:
        tab.page.goto(web_server.base + ("ur/" if lang == "ur" else "") + "handbook/passwords/")
        link = tab.page.locator("a.md-footer__link--prev")
        # Chromium's own accessibility tree: the name a screen reader announces.
        spoken = link.aria_snapshot()
        title_box = link.locator(".md-footer__title").bounding_box()
    assert spoken.startswith(f'- link "{expected}'), (
        f"{lang} chapter at 360 px: screen readers announce the previous-page link as {spoken.splitlines()[0]!r}, "
        f"expected a name starting with {expected!r}")
    assert title_box is not None and title_box["width"] <= 1 and title_box["height"] <= 1, (
        f"{lang} chapter at 360 px: the previous page's title should stay visually hidden on phones (only the "
        f"arrow shows, as Material designs it), but it takes {title_box}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["en", "ur"])
def test_open_navigation_drawer_passes_axe_at_phone_width(tabs, web_server, lang: str, scheme: str) -> None:
    """On a phone the navigation is a drawer; opened on a post, it shows the blog section's title band."""
    from browser_support import axe_violations
    from handbook.page_weight import PAGES

    with tabs.tab(viewport=VIEWPORTS["mobile"], color_scheme=scheme) as tab:
        page = tab.page
        page.goto(web_server.base + ("ur/" if lang == "ur" else "") + PAGES["post"])
        page.click('label.md-header__button[for="__drawer"]')
        page.wait_for_timeout(500)  # the drawer slides in over 0.25 s
        opened = page.evaluate("document.getElementById('__drawer').checked")
        violations = axe_violations(page)
    assert opened, f"{lang}: the menu button did not open the navigation drawer"
    assert not violations, f"{lang} post, {scheme}, navigation drawer open at 360 px:\n" + "\n".join(violations)


def test_every_image_of_the_first_visit_pages_has_its_size(site) -> None:
    """Lighthouse's unsized-images audit, on the built pages: every <img> says how big it is."""
    from handbook.page_weight import LANGUAGE_PREFIXES, PAGES

    unsized = []
    for prefix in LANGUAGE_PREFIXES.values():
        for path in PAGES.values():
            for img in site.html(f"{prefix}{path}index.html").find_all("img"):
                if not (img.get("width") and img.get("height")):
                    unsized.append(f"{prefix}{path}: {img}")
    assert not unsized, "images without width and height make the page jump as they load:\n" + "\n".join(unsized)
