"""Every page of both builds in a real browser: no third-party request, no error, no 404, right lang/dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_support import block_third_parties, load
from conftest import BuildResult, html_pages


def expected_language(relative: str) -> tuple[str, str]:
    return ("ur", "rtl") if relative.startswith("ur/") else ("en", "ltr")


def _visit_all(chromium, site: Path, base: str, urls: list[tuple[str, str]]) -> list[str]:
    context = chromium.new_context()
    block_third_parties(context, base)
    problems: list[str] = []
    for relative, url in urls:
        problems += load(context, url, base).problems(*expected_language(relative))
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
