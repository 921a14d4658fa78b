"""One file read once for every per-page rule: its text, front matter, code, comments and links."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handbook import frontmatter
from handbook.markdown_scan import Link, Positions, Regions, code_spans, fenced_blocks, markdown_links

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)


@dataclass
class Source:
    """A decoded Markdown file and where its parts are (offsets in `text`)."""

    path: str
    kind: str  # chapter, post, page or snippet
    lang: str
    text: str
    positions: Positions
    lead: int  # 1 after a byte-order mark
    fm: frontmatter.Parsed
    body_start: int
    fences: Regions
    code: Regions  # fenced blocks and code spans
    inert: Regions  # code and HTML comments: what looks like HTML there is not rendered as HTML
    links: list[Link]
    refs: dict[str, Link]

    @property
    def rendered_body(self) -> str:
        """The Markdown MkDocs renders: after the front matter, or all of it when the front matter is unusable."""
        return self.text[self.body_start:] if self.fm.meta is not None else self.text


def read_source(path: str, text: str, kind: str, lang: str) -> Source:
    """Locate front matter, code, comments and links of a file's text (LF line ends)."""
    lead = 1 if text.startswith("\ufeff") else 0
    # A snippet is pasted into a page as it is: a leading '---' block is not front matter there.
    fm = frontmatter.read(text, lead) if kind != "snippet" else frontmatter.Parsed()
    body_start = fm.end or lead
    fences = Regions(fenced_blocks(text, body_start))
    code = Regions(fences.spans() + code_spans(text, body_start, fences))
    comments = [(body_start + m.start(), body_start + m.end()) for m in _COMMENT.finditer(text[body_start:])]
    inert = Regions(code.spans() + [(s, e) for s, e in comments if s not in code])
    links, refs = markdown_links(text, body_start)
    return Source(path, kind, lang, text, Positions(text), lead, fm, body_start, fences, code, inert, links, refs)
