"""The content model: what a chapter's front matter and structure must hold."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from handbook.vocabulary import Vocabulary

LEVELS = ("beginner", "intermediate", "advanced")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{[^}]*#(?P<id>[A-Za-z0-9_-]+)[^}]*\})?\s*$")
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


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def check_chapter_meta(meta: dict, vocabulary: Vocabulary, *, line_of=lambda key: 1) -> list[Problem]:
    """Front matter of a chapter: required keys, types, vocabulary tags, review dates."""
    problems: list[Problem] = []
    for key in ("title", "description"):
        value = meta.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(line_of(key), f"'{key}' is missing or empty", f"add '{key}: ...'"))
        elif re.search(r"[<>`*_\[\]\"]", value):
            problems.append(Problem(line_of(key), f"'{key}' contains markup or quotes", "write plain text"))
    tags = meta.get("tags")
    if not isinstance(tags, list) or not tags:
        problems.append(Problem(line_of("tags"), "'tags' must be a non-empty list", "e.g. tags: [accounts, privacy]"))
    else:
        unknown = [str(t) for t in tags if str(t) not in vocabulary.tags]
        if unknown:
            problems.append(Problem(line_of("tags"), f"unknown tag(s) {', '.join(unknown)}",
                                    "use ids from data/vocabulary.yml"))
    if meta.get("level") not in LEVELS:
        problems.append(Problem(line_of("level"), f"'level' must be one of {', '.join(LEVELS)}"))
    duration = meta.get("duration")
    if not isinstance(duration, int) or isinstance(duration, bool) or not 5 <= duration <= 480:
        problems.append(Problem(line_of("duration"), "'duration' must be minutes to teach, 5 to 480"))
    reviewed, review_by = meta.get("last_reviewed"), meta.get("review_by")
    if not _is_date(reviewed):
        problems.append(Problem(line_of("last_reviewed"), "'last_reviewed' must be a date", "YYYY-MM-DD"))
    if not _is_date(review_by):
        problems.append(Problem(line_of("review_by"), "'review_by' must be a date", "YYYY-MM-DD"))
    if _is_date(reviewed) and _is_date(review_by) and review_by <= reviewed:
        problems.append(Problem(line_of("review_by"), "'review_by' must come after 'last_reviewed'"))
    return problems


FENCE_MARK = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def next_fence(line: str, fence: str | None) -> str | None:
    """The code fence open after `line`, given the one open before it (None outside code)."""
    marker = FENCE_MARK.match(line)
    if not marker:
        return fence
    return None if fence and line.strip().startswith(fence) else (fence or marker.group(1))


def heading_ids(markdown: str) -> list[tuple[int, int, str | None]]:
    """(line, level, explicit id or None) of every heading outside fenced code."""
    out: list[tuple[int, int, str | None]] = []
    fence: str | None = None
    for number, line in enumerate(markdown.split("\n"), start=1):
        if FENCE_MARK.match(line):
            fence = next_fence(line, fence)
            continue
        if fence:
            continue
        match = HEADING.match(line)
        if match:
            out.append((number, len(match.group(1)), match.group("id")))
    return out


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
