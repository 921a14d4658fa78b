"""Trainer views of a chapter, from its Markdown: trainer notes, slide decks, checklist and facilitator handouts.

Trainer notes are `!!! trainer` (or `??? trainer`) blocks. Readers never see them; decks show them as
presenter notes, and the facilitator handout collects them with the workshop activity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from handbook.markdown_scan import FENCE_MARK, next_fence

TRAINER_START = re.compile(r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+trainer\b.*$")
SECTION = re.compile(r"^##[ \t]+(?P<title>.*?)[ \t]*(?:\{[^}]*#(?P<id>[\w-]+)[^}]*\})?[ \t]*$")
LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])[ \t]+")
SAME_PAGE_LINK = re.compile(r"\]\(#")

MAX_WORDS_PER_SLIDE = 70
WORDS_PER_SLIDE = {"ur": 45}  # Nastaliq takes more room per word than Latin script
MAX_ITEMS_PER_SLIDE = 6


@dataclass
class Note:
    """A trainer block and the section it belongs to."""

    section: str  # the id of the `##` section it sits in, "" before the first
    markdown: str  # the block's body, dedented


@dataclass
class Section:
    """A `##` section of a chapter: its id, heading text and body (without the heading line)."""

    id: str
    title: str
    body: str
    notes: list[Note] = field(default_factory=list)


def _indent_width(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def split_trainer_notes(markdown: str) -> tuple[str, list[Note]]:
    """The reader's Markdown (trainer blocks removed) and the removed notes, in order."""
    lines = markdown.split("\n")
    reader: list[str] = []
    notes: list[Note] = []
    section = ""
    fence: str | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        fence = next_fence(line, fence)
        heading = SECTION.match(line) if not fence else None
        if heading:
            section = heading.group("id") or ""
        start = TRAINER_START.match(line) if not fence else None
        if not start:
            reader.append(line)
            i += 1
            continue
        base = len(start.group("indent"))
        body: list[str] = []
        i += 1
        while i < len(lines):
            current = lines[i]
            if current.strip() and _indent_width(current) <= base:
                break
            body.append(current)
            i += 1
        while body and not body[-1].strip():
            body.pop()
        width = min((_indent_width(b) for b in body if b.strip()), default=0)
        notes.append(Note(section, "\n".join(b[width:] for b in body).strip("\n")))
        if reader and not reader[-1].strip() and i < len(lines) and not lines[i].strip():
            reader.pop()
    return "\n".join(reader), notes


def split_sections(markdown: str) -> tuple[str, list[Section]]:
    """The text before the first `##` heading, and each `##` section (code fences respected)."""
    intro: list[str] = []
    sections: list[Section] = []
    fence: str | None = None
    for line in markdown.split("\n"):
        fence = next_fence(line, fence)
        heading = SECTION.match(line) if not fence else None
        if heading:
            sections.append(Section(heading.group("id") or "", heading.group("title"), ""))
        elif sections:
            sections[-1].body += line + "\n"
        else:
            intro.append(line)
    return "\n".join(intro), sections


def blocks(markdown: str) -> list[str]:
    """Top-level Markdown blocks: paragraphs, whole lists, admonitions with their bodies, fenced code."""
    out: list[list[str]] = []
    current: list[str] = []
    fence: str | None = None
    pending_blank = False
    for line in markdown.split("\n"):
        marker = FENCE_MARK.match(line)
        if fence:
            current.append(line)
            if marker and line.strip().startswith(fence):
                fence = None
            continue
        if not line.strip():
            pending_blank = bool(current)
            continue
        continues = current and (
            not pending_blank
            or _indent_width(line) > 0
            or (LIST_ITEM.match(line) and LIST_ITEM.match(current[0]))
        )
        if continues:
            if pending_blank:
                current.append("")
            current.append(line)
        else:
            if current:
                out.append(current)
            current = [line]
        pending_blank = False
        if marker:
            fence = marker.group(1)
    if current:
        out.append(current)
    return ["\n".join(b) for b in out]


def _words(block: str) -> int:
    return len(re.sub(r"\]\([^)]*\)|\{[^}]*\}|[#>*_`|-]", " ", block).split())


def _split_list(block: str) -> list[str]:
    items: list[list[str]] = []
    for line in block.split("\n"):
        if LIST_ITEM.match(line):
            items.append([line])
        elif items:
            items[-1].append(line)
    chunks = [items[i:i + MAX_ITEMS_PER_SLIDE] for i in range(0, len(items), MAX_ITEMS_PER_SLIDE)]
    return ["\n".join("\n".join(item).rstrip() for item in chunk) for chunk in chunks]


def slide_chunks(body: str, max_words: int = MAX_WORDS_PER_SLIDE) -> list[str]:
    """Split a section's body into slide-sized pieces at block boundaries; long lists by items.

    A lead-in that ends with ':' stays on the slide of what it introduces."""
    pieces: list[str] = []
    for block in blocks(body):
        if LIST_ITEM.match(block) and _items(block) > MAX_ITEMS_PER_SLIDE:
            pieces.extend(_split_list(block))
        else:
            pieces.append(block)
    chunks: list[list[str]] = []
    words = items = 0
    for piece in pieces:
        size, count = _words(piece), _items(piece)
        fits = words + size <= max_words and items + count <= MAX_ITEMS_PER_SLIDE
        lead_in = bool(chunks) and chunks[-1][-1].rstrip().endswith(":")
        if chunks and (lead_in or (fits and not piece.lstrip().startswith(("!!!", "???", "|")))):
            chunks[-1].append(piece)
            words, items = words + size, items + count
        else:
            chunks.append([piece])
            words, items = size, count
    return ["\n\n".join(chunk) for chunk in chunks]


def _items(block: str) -> int:
    return sum(1 for line in block.split("\n") if LIST_ITEM.match(line))


def _slide(body: str, notes: list[Note] | None = None) -> str:
    aside = ""
    if notes:
        inner = "\n\n".join(n.markdown for n in notes)
        aside = f'\n\n<aside class="mahfooz-notes" markdown>\n\n{inner}\n\n</aside>'
    return f'<section class="mahfooz-slide" markdown>\n\n{body}{aside}\n\n</section>'


def link_to_chapter(markdown: str, chapter_file: str) -> str:
    """Same-page links (#id) in a generated page point back at the chapter they came from."""
    return SAME_PAGE_LINK.sub(f"]({chapter_file}#", markdown)


def objectives_markdown(heading: str, objectives: list[str], level: int = 2) -> str:
    """A chapter's learning objectives as a headed list ('' when it states none)."""
    if not objectives:
        return ""
    items = "\n".join(f"- {objective}" for objective in objectives)
    return f"{'#' * level} {heading}\n\n{items}"


def deck_markdown(title: str, description: str, body: str, chapter_file: str,
                  max_words: int = MAX_WORDS_PER_SLIDE, objectives: str = "") -> str:
    """A chapter as slides: a title slide, its objectives, then one or more slides per `##` section, notes attached.

    Nastaliq Urdu needs more room per word than English: callers pass a lower `max_words` for it.
    `objectives` is Markdown (objectives_markdown, at level 3 so that only sections open with `##`)."""
    reader, notes = split_trainer_notes(body)
    intro, sections = split_sections(reader)
    intro = re.sub(r"^#[ \t]+.*$", "", intro, count=1, flags=re.M).strip()
    by_section: dict[str, list[Note]] = {}
    for note in notes:
        by_section.setdefault(note.section, []).append(note)
    slides = [_slide(f"# {title}\n\n{description}".strip(), by_section.get(""))]
    if objectives:
        slides.append(_slide(objectives))
    if intro:
        slides += [_slide(chunk) for chunk in slide_chunks(intro, max_words)]
    for section in sections:
        chunks = slide_chunks(section.body.strip(), max_words) or [""]
        heading = f"## {section.title}" + (f" {{#{section.id}}}" if section.id else "")
        slides.append(_slide(f"{heading}\n\n{chunks[0]}", by_section.get(section.id)))
        for chunk in chunks[1:]:
            slides.append(_slide(f"## {section.title} {{.mahfooz-continued}}\n\n{chunk}"))
    return link_to_chapter("\n\n".join(slides), chapter_file) + "\n"


def section_body(markdown: str, section_id: str) -> str | None:
    """The body of one `##` section (reader view), or None when the chapter has no such section."""
    reader, _ = split_trainer_notes(markdown)
    for section in split_sections(reader)[1]:
        if section.id == section_id:
            return section.body.strip()
    return None


def checklist_markdown(title: str, heading: str, body: str, chapter_file: str) -> str | None:
    """The one-page checklist handout of a chapter."""
    checklist = section_body(body, "checklist")
    if checklist is None:
        return None
    return link_to_chapter(f"# {heading}\n\n**{title}**\n\n{checklist}\n", chapter_file)


def facilitator_markdown(title: str, heading: str, body: str, chapter_file: str,
                         notes_heading: str, plan: str = "") -> str:
    """The facilitator handout: the session plan (time, objectives), the workshop activity, every trainer note.

    `plan` is Markdown put before the activity: the session's minutes and its learning objectives."""
    activity = section_body(body, "workshop-activity") or ""
    _, notes = split_trainer_notes(body)
    _, sections = split_sections(body)
    titles = {s.id: s.title for s in sections}
    parts = [f"# {heading}\n\n**{title}**", plan, activity] if plan else [f"# {heading}\n\n**{title}**\n\n{activity}"]
    if notes:
        parts.append(f"## {notes_heading}")
        for note in notes:
            if note.section in titles:
                parts.append(f"### {titles[note.section]}")
            parts.append(note.markdown)
    return link_to_chapter("\n\n".join(parts) + "\n", chapter_file)
