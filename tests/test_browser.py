"""Every page of both builds in a real browser: no third-party request, no error, no 404, right lang/dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_support import load_all
from conftest import BuildResult, html_pages


def expected_language(relative: str) -> tuple[str, str]:
    return ("ur", "rtl") if relative.startswith("ur/") else ("en", "ltr")


def _visit_all(chromium, site: Path, base: str, urls: list[tuple[str, str]]) -> list[str]:
    context = chromium.new_context()
    problems: list[str] = []
    reports = load_all(context, [url for _, url in urls], base)
    for (relative, _), report in zip(urls, reports, strict=True):
        problems += report.problems(*expected_language(relative))
    context.close()
    return problems


def test_every_served_page_is_clean(chromium, site: BuildResult, web_server) -> None:
    pages = [p.relative_to(site.site).as_posix() for p in html_pages(site.site)]
    urls = [(p, web_server.base + (p[: -len("index.html")] if p.endswith("index.html") else p)) for p in pages]
    assert len(urls) > 60
    problems = _visit_all(chromium, site.site, web_server.base, urls)
    assert not problems, "\n".join(problems[:40])


def test_every_offline_page_is_clean(chromium, offline_site: BuildResult) -> None:
    pages = [p for p in html_pages(offline_site.site) if p.name != "404.html"]
    urls = [(p.relative_to(offline_site.site).as_posix(), p.as_uri()) for p in pages]
    assert len(urls) > 60
    problems = _visit_all(chromium, offline_site.site, offline_site.site.as_uri() + "/", urls)
    assert not problems, "\n".join(problems[:40])


# --- the language switcher and direction, in both builds (search: tests/test_search_site.py) --------------------------------

def _build_base(request, which: str):
    if which == "web":
        server = request.getfixturevalue("web_server")
        return server.base, lambda path: server.base + path
    site = request.getfixturevalue("offline_site").site
    return site.as_uri() + "/", lambda path: (site / (path or "index.html")).as_uri()


POST = "blog/2014/08/22/pakistan-is-a-finfisher-customer-leak-confirms"
ROUND_TRIPS = {  # (English, Urdu) in the web build, then in the offline copy (no directory URLs)
    "chapter index": (("handbook/", "ur/handbook/"), ("handbook/index.html", "ur/handbook/index.html")),
    "post": ((f"{POST}/", f"ur/{POST}/"), (f"{POST}.html", f"ur/{POST}.html")),
    "home": (("", "ur/"), ("index.html", "ur/index.html")),
}


@pytest.mark.parametrize("which", ["web", "offline"])
@pytest.mark.parametrize("kind", ROUND_TRIPS)
def test_language_switcher_round_trips(request, tabs, which: str, kind: str) -> None:
    base, url = _build_base(request, which)
    english, urdu = ROUND_TRIPS[kind][0 if which == "web" else 1]
    with tabs.tab() as tab:
        page = tab.page
        page.goto(url(english))
        expected_urdu = url(urdu)
        page.click(".md-header__option .md-select button")  # open the language menu (hover on desktop)
        page.click('a.md-select__link[hreflang="ur"]')
        page.wait_for_load_state("load")
        assert page.url == expected_urdu
        assert page.evaluate("document.documentElement.lang") == "ur"
        page.click(".md-header__option .md-select button")
        page.click('a.md-select__link[hreflang="en"]')
        page.wait_for_load_state("load")
        assert page.url == url(english)


def test_code_and_addresses_read_left_to_right_in_urdu(tabs, web_server) -> None:
    with tabs.tab() as tab:
        tab.page.goto(web_server.base + "ur/handbook/shutdowns-and-censorship/")
        directions = tab.page.eval_on_selector_all(
            "article code, article pre, article a[href^='http']",
            "els => els.filter(e => /^(https?:|[\\x21-\\x7e]+$)/.test(e.textContent.trim()))"
            ".map(e => [e.tagName, e.textContent.trim().slice(0, 40), getComputedStyle(e).direction])",
        )
    assert directions, "no code or addresses found on the page to check"
    wrong = [d for d in directions if d[2] != "ltr"]
    assert not wrong, wrong
