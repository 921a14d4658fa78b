"""Lists nested too deep (MH003): Python-Markdown's time grows fast with nesting."""

from __future__ import annotations

from handbook.checks.findings import Report
from handbook.checks.source import Source
from handbook.markdown_scan import lines_with_offsets, list_depths

MAX_LIST_DEPTH = 10


def check_lists(src: Source, report: Report) -> None:
    """MH003 at the first item deeper than MAX_LIST_DEPTH, once per list."""
    lines = lines_with_offsets(src.text, src.body_start)
    visible = ["" if pos in src.fences else line for pos, line in lines]
    reported = False
    for (pos, _), line, depth in zip(lines, visible, list_depths(visible)):
        if depth > MAX_LIST_DEPTH and not reported:
            indent = len(line) - len(line.lstrip(" \t>"))
            report.add(pos + indent, "MH003", f"list nested {depth} levels deep, more than {MAX_LIST_DEPTH}",
                       "flatten the list")
            reported = True  # once per list: the items below it are as deep
        elif 0 < depth <= MAX_LIST_DEPTH:
            reported = False
