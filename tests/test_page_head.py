"""Repairs of a page's <head> (no generator meta, language alternates) touch the head and nothing else."""

from __future__ import annotations

import pytest

from handbook import csp
from handbook.page_head import in_head

GENERATOR = '<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">'


@pytest.mark.parametrize(("page", "expected"), [
    ("<head><title>A</title></head><body>a</body>", "<head><title>B</title></head><body>a</body>"),
    # Only the head: the same text in the body is the page's own.
    ("<head>A</head><body>A</body>", "<head>B</head><body>A</body>"),
    # No </head> (a fragment, a broken template): the whole text, as before.
    ("<p>A</p>", "<p>B</p>"),
    ("", ""),
])
def test_in_head_changes_the_head_only(page: str, expected: str) -> None:
    assert in_head(page, lambda head: head.replace("A", "B")) == expected


def test_a_generator_meta_quoted_in_an_article_is_left_alone() -> None:
    """A chapter may show the tag as text (in code it is escaped, but an author's raw HTML is not)."""
    page = (f'<html><head><meta charset="utf-8">\n  {GENERATOR}\n</head>'
            f"<body><article>{GENERATOR}</article></body></html>")
    secured = csp.secure_head(page, "default-src 'none'")
    head, body = secured.split("</head>")
    assert "generator" not in head, "the head must not name the exact versions of the site's software"
    assert GENERATOR in body
