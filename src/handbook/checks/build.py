"""The content checks inside `mkdocs build`: confirm each page against the HTML the build renders for it.

Before the build reads any page, the tree is checked without rendering (scan_tree(render=False)). What looks
like code in a page is then confirmed against that page's HTML as Python-Markdown produced it in the build,
before any hook adds to it or the sanitiser cleans it: that HTML is what gets published, so it is the better
witness. The build's rendering only stands in for `handbook check`'s own when it rendered the same Markdown:
the file's body, give or take the glossary include appended to every page (hooks/glossary.py; the glossary
file is checked on its own). A chapter's reader page is rendered without its trainer notes, which other pages
publish, so it does not qualify; nor does a page that was never rendered. Those are confirmed at the end of
the build by rendering them as `handbook check` does, so the build reports every finding the check reports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from handbook.checks.active import Pending, confirm, confirm_by_rendering
from handbook.checks.findings import Finding
from handbook.glossary import strip_glossary


@dataclass
class BuildChecks:
    """One build's open confirmations, by the file's normalised absolute path, and the project root for paths."""

    root: Path
    pending: dict[str, Pending] = field(default_factory=dict)
    languages_done: set[str] = field(default_factory=set)  # languages whose every page has been rendered
    confirmed_by_build: int = 0
    confirmed_by_rendering: int = 0


def _core(markdown: str) -> str:
    # MkDocs drops the blank lines after front matter; append_glossary drops trailing whitespace.
    return markdown.lstrip("\n").rstrip()


def rendered_as_written(built_markdown: str, body: str) -> bool:
    """True when the Markdown the build rendered is the file's body, give or take the appended glossary."""
    return _core(strip_glossary(built_markdown)) == _core(body)


def settle_page(checks: BuildChecks, source_path: str | None, built_markdown: str,
                counts: Callable[[], Counter[str] | None]) -> list[Finding]:
    """Findings of a page the build just rendered, if its rendering can confirm the page's open question."""
    pending = checks.pending.get(source_path) if source_path else None
    if pending is None or not rendered_as_written(built_markdown, pending.body):
        return []
    del checks.pending[source_path]
    checks.confirmed_by_build += 1
    return confirm(pending, counts())


def settle_rest(checks: BuildChecks) -> list[Finding]:
    """Findings of every page the build did not render as written, by rendering it as `handbook check` does."""
    findings: list[Finding] = []
    for pending in checks.pending.values():
        if pending.required:
            checks.confirmed_by_rendering += 1
            findings.extend(confirm_by_rendering(pending))
    checks.pending.clear()
    return sorted(findings)
