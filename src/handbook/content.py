"""The content model: what a chapter's structure must hold (its front matter rules: handbook.checks.meta)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handbook.markdown_scan import heading_ids

LEVELS = ("beginner", "intermediate", "advanced")
REQUIRED_SECTIONS = ("in-this-chapter", "checklist", "if-things-go-wrong", "workshop-activity", "further-reading")
TRAINER_BLOCK = re.compile(r"^(?:!!!|\?\?\?\+?)\s+trainer\b", re.M)
TASK = re.compile(r"^\s*[-*]\s+\[[ xX]\]\s+\S", re.M)


@dataclass(frozen=True)
class Problem:
    """Something wrong with a document, at a line, with how to fix it."""

    line: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        return f"{self.line}: {self.message}" + (f" ({self.hint})" if self.hint else "")


def check_chapter_body(markdown: str, *, first_line: int = 1) -> list[Problem]:
    """Structure of a chapter: ids on every section, the required sections, a checklist, a trainer block."""
    problems: list[Problem] = []
    headings = heading_ids(markdown)
    for line, level, heading_id in headings:
        if level >= 2 and not heading_id:
            problems.append(Problem(first_line + line - 1, "heading without an explicit id",
                                    "end it with {#an-id}, the same in every language"))
    ids = [h for _, _, h in headings if h]
    for required in REQUIRED_SECTIONS:
        if required not in ids:
            problems.append(Problem(first_line, f"missing section '{required}'",
                                    f"add '## ... {{#{required}}}' (see CONTRIBUTING.md)"))
    duplicates = sorted({h for h in ids if ids.count(h) > 1})
    if duplicates:
        problems.append(Problem(first_line, f"duplicate heading ids: {', '.join(duplicates)}"))
    if not TASK.search(markdown):
        problems.append(Problem(first_line, "no checklist items", "write them as '- [ ] Do this'"))
    if not TRAINER_BLOCK.search(markdown):
        problems.append(Problem(first_line, "no trainer notes", "add '!!! trainer \"Notes for trainers\"'"))
    return problems
