"""Snippet includes (MH501): pymdownx.snippets may only paste files of the snippets/ folder."""

from __future__ import annotations

import re

from handbook.checks.decoders import SCHEME
from handbook.checks.findings import Report
from handbook.checks.source import Source
from handbook.markdown_scan import lines_with_offsets

SNIPPETS_DIR = "snippets"  # beside docs/; mkdocs.yml's pymdownx.snippets base_path, with restrict_base_path
_INCLUDE = re.compile(r"^[ \t]*(;*)(-+8<-+)(?:([ \t]+)(\"(?:\\\"|[^\"])+?\"|'(?:\\'|[^'])+?'))?[ \t]*$")


def check_includes(src: Source, report: Report) -> None:
    """Every include line and include block, even inside code: pymdownx.snippets runs before fences are read."""
    block = False
    for pos, line in lines_with_offsets(src.text, src.body_start):
        match = _INCLUDE.match(line)
        if match:
            if match.group(1):
                pass  # ';--8<--' is an escaped include: shown, not followed
            elif match.group(4):
                if not block:
                    _check_path(match.group(4)[1:-1], pos + match.start(4) + 1, report)
            else:
                block = not block
        elif block:
            stripped = line.strip()
            if stripped and not stripped.startswith(";"):
                _check_path(stripped, pos + len(line) - len(line.lstrip()), report)


def _check_path(path: str, offset: int, report: Report) -> None:
    """Include paths are relative to snippets/: anything that could climb out of it is refused."""
    stripped = path.strip()
    ok = (
        bool(stripped)
        and not stripped.startswith("/")
        and not SCHEME.match(stripped)  # https:, file:, and C: drive letters
        and ".." not in stripped.split("/")
        and not any(c in stripped for c in "\\\x00~")
    )
    if not ok:
        report.add(offset, "MH501", f"snippet include {stripped!r} points outside {SNIPPETS_DIR}/",
                   f"include a file of {SNIPPETS_DIR}/ by its path inside it, e.g. --8<-- \"glossary/en.md\"")
