"""What a blog excerpt is rendered from: the post's Markdown up to its excerpt separator, when that is safe.

Material's blog renders every post's whole Markdown again for each view that lists it (the index pages,
the year's archive, each category), then keeps the HTML before the separator (`<!-- more -->`). At 1,000
posts that is 3,000 renderings of whole posts per language. Once a post's own page is rendered, its
Markdown is needed only for those excerpts, so it can be cut to what they show.

The cut must not change a single byte of what a reader sees, so it is made only when nothing after the
separator can change how the text before it renders:
- the separator is the first one in the text, alone on a line at column 0, between blank lines, outside code;
- nothing before it opens a raw HTML block (an unclosed `<div>` could run across the separator);
- nothing after it defines a link reference, footnote or abbreviation, or includes a snippet (which could).
Headings after the separator are safe: excerpts' table of contents stops at the title (Material sets
`toc_depth: 2` with `baselevel: 2`), and ids and anchors are given in document order.

The rest is replaced by a one-character paragraph, so that the excerpt still knows there is more to read
(its "Continue reading" link), and the glossary include the build appended is kept at the end.
"""

from __future__ import annotations

import re

from handbook.glossary import strip_glossary
from handbook.markdown_scan import Regions, fenced_blocks, next_fence

MORE_PLACEHOLDER = "\u2026"

# A line that could start a raw HTML block (after quote markers and indentation).
_HTML_BLOCK = re.compile(r"^[ \t>]*<", re.M)
# In the rest: a link reference or footnote definition, an abbreviation, a snippet include.
_DEFINITION = re.compile(r"^[ \t>]*(?:[-*+][ \t]+|\d+[.)][ \t]+)?\*?\[[^\n]*?\]:", re.M)
_SNIPPET = "--8<--"


def _separator_line(body: str, separator: str) -> tuple[int, int] | None:
    """[start, end) of the separator's line, if its first occurrence is alone on a line between blank lines,
    outside code (closed fences, and an unclosed fence read as running to the end)."""
    start = body.find(separator)
    if start < 0 or (start > 0 and body[start - 1] != "\n"):
        return None
    end = body.find("\n", start)
    end = len(body) if end < 0 else end
    if body[start:end].rstrip() != separator:
        return None
    previous_line = body[:start - 1].rsplit("\n", 1)[-1] if start else ""
    next_line = body[end + 1:].split("\n", 1)[0]
    if previous_line.strip() or next_line.strip():
        return None
    fence = None
    for text in body[:start].split("\n"):
        fence = next_fence(text, fence)
    if fence is not None or start in Regions(fenced_blocks(body)):
        return None
    return start, end


def excerpt_source(markdown: str, separator: str) -> str:
    """The Markdown an excerpt is rendered from: cut after the separator when that cannot change the excerpt.

    Returns `markdown` itself whenever the cut is not provably safe.
    """
    body = strip_glossary(markdown)
    glossary = markdown[len(body):]
    line = _separator_line(body, separator)
    if line is None:
        return markdown
    start, end = line
    before, rest = body[:start], body[end:]
    if not rest.strip():
        return markdown
    if _HTML_BLOCK.search(before) or _DEFINITION.search(rest) or _SNIPPET in rest:
        return markdown
    return f"{before}{separator}\n\n{MORE_PLACEHOLDER}\n{glossary}"
