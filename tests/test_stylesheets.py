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
