"""A chapter's workshop activity, read as data: its timing line and the printed materials it names.

The timing is the first line of the `## ... {#workshop-activity}` section, as chapters already write it:

    **Build an evidence log (45 minutes: 10 to introduce, 25 in pairs, 10 to discuss).**
    **جال پہچانیں: 45 منٹ** (10 تعارف، 20 جوڑیوں میں، 15 گفتگو)۔

that is, a total ("45 minutes", "45 منٹ") and, optionally, its parts, each starting with its minutes. A
material is a handout page under `trainers/handouts/` that the section links to; the workshop pack prints
every one of them, and `handbook check` requires each in the chapter's language and in English.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from handbook.markdown_scan import next_fence
from handbook.kinds import CHAPTERS_DIR

ACTIVITY_ID = "workshop-activity"
HANDOUTS_DIR = "trainers/handouts"
# The word for minutes in each language's timing line; "\d" also reads Urdu digits (۴۵).
MINUTES = r"(?:minutes?|mins?|منٹ)"
TOTAL = re.compile(rf"(?P<total>\d+)\s*{MINUTES}")
PART = re.compile(r"^\s*(?P<minutes>\d+)(?:\s|$)")
SECTION_HEADING = re.compile(r"^##[ \t]+.*\{[^}]*#(?P<id>[\w-]+)[^}]*\}[ \t]*$")
LINK = re.compile(r"\]\((?P<dest>[^)\s]+)(?:\s+\"[^\"]*\")?\)")


@dataclass(frozen=True)
class Timing:
    """An activity's minutes in total and its parts, as written."""

    total: int
    parts: tuple[int, ...]


@dataclass(frozen=True)
class Material:
    """A handout an activity links to: its id (the file name) and the line of the link (1-based, in the body)."""

    id: str
    line: int
    dest: str


def section_lines(body: str, section_id: str = ACTIVITY_ID) -> list[tuple[int, str]]:
    """(1-based line, text) of the lines inside one `##` section, fences respected; [] without it."""
    out: list[tuple[int, str]] = []
    inside = False
    fence: str | None = None
    for number, line in enumerate(body.split("\n"), start=1):
        fence = next_fence(line, fence)
        heading = SECTION_HEADING.match(line) if not fence else None
        if heading or (not fence and line.startswith("## ")):
            inside = bool(heading) and heading.group("id") == section_id
            continue
        if inside:
            out.append((number, line))
    return out


def parse_timing(line: str) -> Timing | None:
    """The total and parts of a timing line ('**X (45 minutes: 10 to introduce, 35 in pairs).**'), or None."""
    match = TOTAL.search(line)
    if not match:
        return None
    rest = line[match.end():].lstrip(" *:(\t")
    rest = rest.split(")", 1)[0].rstrip(" .۔*\t")
    pieces = [p for p in re.split(r"[,،]", rest) if p.strip()] if rest else []
    parts = []
    for piece in pieces:
        part = PART.match(piece)
        if not part:
            return Timing(int(match.group("total")), ())  # prose after the total, not a breakdown
        parts.append(int(part.group("minutes")))
    return Timing(int(match.group("total")), tuple(parts))


def timing_line(body: str) -> tuple[int, str] | None:
    """(line, text) of the activity's first non-empty line, where its timing is written; None without the section."""
    lines = section_lines(body)
    if not lines:
        return None
    return next(((n, text) for n, text in lines if text.strip()), (lines[0][0], ""))


def handout_id(dest: str, page: str) -> str | None:
    """The handout a link of `page` (a path inside one language, e.g. 'handbook/x.md') points at, or None."""
    path = dest.split("#", 1)[0]
    if not path or "://" in path or path.startswith(("/", "mailto:")):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    folder, name = posixpath.split(joined)
    if folder != HANDOUTS_DIR or not name.endswith(".md") or name == "index.md":
        return None
    return name[: -len(".md")]


def materials(body: str, page: str) -> list[Material]:
    """The handouts the activity section of `page` links to, in order, each once."""
    found: dict[str, Material] = {}
    for number, line in section_lines(body):
        for link in LINK.finditer(line):
            handout = handout_id(link.group("dest"), page)
            if handout and handout not in found:
                found[handout] = Material(handout, number, link.group("dest"))
    return list(found.values())


def handout_rel(handout: str) -> str:
    """Where a handout's Markdown lives inside a language folder ('trainers/handouts/call-log.md')."""
    return f"{HANDOUTS_DIR}/{handout}.md"
