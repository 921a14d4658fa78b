"""axe-core, the accessibility engine itself (npm package, injected into the page), on every template, at a
phone's width and a desktop's."""

from __future__ import annotations

import pytest

from browser_support import VIEWPORTS, axe_violations, system_scheme_changes_to

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
@pytest.mark.parametrize("lang", ["en", "ur"])
@pytest.mark.parametrize("template", TEMPLATES)
def test_no_serious_or_critical_violations(tabs, web_server, template: str, lang: str, width: str) -> None:
    """Loaded in the light scheme, then switched to the dark one by the system setting, as the palette follows it
    (tests/test_palette.py): both schemes are checked on one load of the page."""
    found = []
    with tabs.tab(viewport=VIEWPORTS[width], color_scheme="light") as tab:
        page = tab.page
        page.goto(web_server.base + ("ur/" if lang == "ur" else "") + TEMPLATES[template])
        for system, scheme in (("light", "default"), ("dark", "slate")):
            if system == "dark":
                system_scheme_changes_to(page, "dark")
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme, (
                f"{template} ({lang}, {width}): the page did not follow the system's {system} setting")
            found += [f"{scheme}: {violation}" for violation in axe_violations(page)]
    assert not found, f"{template} ({lang}, {width} {VIEWPORTS[width]['width']} px):\n" + "\n".join(found)
