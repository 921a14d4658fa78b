"""Urdu style (MH601-MH602): the entries of data/urdu-style.yml found in Urdu prose, and a malformed style file.

Only what readers read as Urdu prose is checked: code, link and image addresses, autolinks, bare URLs,
HTML comments and tags are left alone (a URL or a command may spell a word any way it needs).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from handbook.checks.findings import Finding, Report
from handbook.checks.source import Source
from handbook.markdown_scan import Regions
from handbook.urdu_style import StyleError, StyleList, load_style, suggestion

STYLE_FILE = "data/urdu-style.yml"  # beside docs/
URDU = "ur"
_NOT_PROSE = re.compile(r"<[a-zA-Z][a-zA-Z0-9+.\-]{1,31}:[^\s<>]*>|https?://[^\s<>()]+|</?[a-zA-Z][^<>\n]*>")


def load_project_style(docs_dir: Path) -> tuple[StyleList | None, Finding | None]:
    """The project's style list, or the finding that says why it cannot be used (None, None: there is none)."""
    path = Path(docs_dir).parent / STYLE_FILE
    if not path.is_file():  # a bare docs/ folder (no project around it) has no style list
        return None, None
    try:
        return load_style(path), None
    except StyleError as error:
        return None, Finding(error.path, error.line, error.col, "MH602", f"Urdu style list: {error.message}",
                             error.hint)


def urdu_snippet(relative: PurePosixPath) -> bool:
    """A snippet kept for Urdu pages: snippets/<folder>/ur.md, or anything under a folder named ur/."""
    return relative.stem == URDU or URDU in relative.parts[:-1]


def check_style(src: Source, report: Report, style: StyleList) -> None:
    """MH601 for each wrong form of the style list in the file's Urdu prose."""
    skip = Regions(src.inert.spans()
                   + [(link.offset, link.end) for link in src.links]
                   + [(ref.offset, ref.end) for ref in src.refs.values()]
                   + [m.span() for m in _NOT_PROSE.finditer(src.text, src.body_start)])
    for hit in style.hits(src.text):
        if any(offset in skip for offset in range(hit.start, hit.end)):
            continue
        rule = hit.rule
        hint = f"see {STYLE_FILE}:{rule.line}"
        if rule.fine_in:
            hint += "; where the word is right, add the whole phrase to that entry's fine_in"
        report.add(hit.start, "MH601", f"«{hit.found}» should be {suggestion(rule)}: {rule.why}", hint)
