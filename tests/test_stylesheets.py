"""The project's stylesheets are well formed: one unclosed block silently drops every rule after it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT

STYLESHEETS = sorted((ROOT / "overrides" / "assets" / "stylesheets").glob("*.css"))
_COMMENT_OR_STRING = re.compile(r"/\*.*?\*/|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'", re.S)


def unbalanced(css: str) -> tuple[int, str] | None:
    """(line, problem) of the first brace that does not balance, or None."""
    text = _COMMENT_OR_STRING.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), css)
    opened: list[int] = []
    for line, row in enumerate(text.split("\n"), start=1):
        for char in row:
            if char == "{":
                opened.append(line)
            elif char == "}":
                if not opened:
                    return line, "a '}' closes nothing"
                opened.pop()
    return (opened[-1], "a '{' is never closed") if opened else None


@pytest.mark.parametrize("css, expected", [
    ("a { color: red; }\nb { x: y; }\n", None),
    ("a { color: red;\nb { x: y; }\n", (1, "a '{' is never closed")),
    ("a { content: '}'; }\n/* { */\n", None),
    ("}\n", (1, "a '}' closes nothing")),
])
def test_the_brace_check(css: str, expected) -> None:
    assert unbalanced(css) == expected


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: p.name)
def test_every_block_is_closed(path: Path) -> None:
    problem = unbalanced(path.read_text("utf-8"))
    assert problem is None, f"{path.relative_to(ROOT)}:{problem[0]}: {problem[1]}; the rules after it are ignored"


# urdu.css is linked before extra.css (with Material's stylesheets, so that it is asked for before the first inline
# script: tests/test_site.py). That is only safe while no rule of one overrides a rule of the other by order alone.
COMPUTED_STYLES_JS = r"""() => {
  for (const animation of document.getAnimations()) animation.finish();  // the header's shadow fades in at load
  // Only what the two sheets set can depend on their order: read those properties, not all 350 of every element.
  const names = new Set();
  const collect = rules => { for (const rule of rules) {
    if (rule.style) for (let i = 0; i < rule.style.length; i++) names.add(rule.style[i]);
    if (rule.cssRules) collect(rule.cssRules);
  } };
  for (const sheet of document.styleSheets) {
    if (/\/(urdu|extra)\.css$/.test(sheet.href || "")) collect(sheet.cssRules);
  }
  const properties = [...names].sort();
  const out = [];
  for (const el of [document.documentElement, ...document.querySelectorAll("body *")]) {
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(el, pseudo);
      out.push(properties.map(name => style.getPropertyValue(name)).join(";"));
    }
  }
  return out;
}"""
MOVE_URDU_CSS_LAST_JS = """() => new Promise(done => {
  const old = document.querySelector('link[rel=stylesheet][href$="urdu.css"]');
  const link = old.cloneNode();
  link.onload = () => { old.remove(); done(); };
  document.head.appendChild(link);
})"""


@pytest.mark.parametrize("media", ["screen", "print"])
@pytest.mark.parametrize("path", ["ur/handbook/passwords/", "ur/", "ur/handbook/passwords-checklist/"])
def test_urdu_css_before_extra_css_changes_no_style(tabs, web_server, path: str, media: str) -> None:
    with tabs.tab(viewport={"width": 412, "height": 800}, media=media) as tab:
        page = tab.page
        page.goto(web_server.base + path)
        sheets = page.eval_on_selector_all("link[rel=stylesheet]", "links => links.map(l => l.href.split('/').pop())")
        assert sheets.index("urdu.css") < sheets.index("extra.css"), sheets
        as_built = page.evaluate(COMPUTED_STYLES_JS)
        page.evaluate(MOVE_URDU_CSS_LAST_JS)
        moved = page.evaluate(COMPUTED_STYLES_JS)
    changed = sum(a != b for a, b in zip(as_built, moved, strict=True))
    assert changed == 0, (f"{path} ({media}): {changed} boxes (elements, ::before, ::after) are styled differently "
                          "with urdu.css after extra.css; a rule of one overrides the other by order, so the head's "
                          "order changed the page")
