"""A built page's <head>, for the repairs that only touch it: rewriting only the head keeps them from
scanning the whole page (a blog index with five excerpts is 100 KB or more; the head, 5 KB)."""

from __future__ import annotations

from collections.abc import Callable

_HEAD_END = "</head>"


def in_head(page_html: str, change: Callable[[str], str]) -> str:
    """`page_html` with `change` applied to its <head> (to the whole text if it has no `</head>`)."""
    end = page_html.find(_HEAD_END)
    if end < 0:
        return change(page_html)
    return change(page_html[:end]) + page_html[end:]
