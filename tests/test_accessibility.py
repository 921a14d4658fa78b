"""axe-core, the accessibility engine itself (npm package, injected into the page), on every template, at a
phone's width and a desktop's."""

from __future__ import annotations

import pytest

from browser_support import VIEWPORTS, axe_violations

TEMPLATES = {
    "home": "",
    "handbook index": "handbook/",
    "chapter": "handbook/passwords/",
    "post": "blog/2014/08/22/pakistan-is-a-finfisher-customer-leak-confirms/",
    "blog index": "blog/",
    "archive": "blog/archive/2014/",
    "about": "about/",
    "help": "help/",
}


@pytest.mark.parametrize("width", VIEWPORTS)
@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("lang", ["en", "ur"])
@pytest.mark.parametrize("template", TEMPLATES)
def test_no_serious_or_critical_violations(chromium, web_server, template: str, lang: str, scheme: str,
                                           width: str) -> None:
    context = chromium.new_context(color_scheme="dark" if scheme == "slate" else "light", viewport=VIEWPORTS[width])
    page = context.new_page()
    page.goto(web_server.base + ("ur/" if lang == "ur" else "") + TEMPLATES[template])
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
    violations = axe_violations(page)
    context.close()
    assert not violations, f"{template} ({lang}, {scheme}, {width} {VIEWPORTS[width]['width']} px):\n" + "\n".join(violations)
