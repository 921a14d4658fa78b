"""Front matter rules (MH101-MH110, MH120, MH121): required fields per kind, types, vocabulary, dates, slugs,
chapter values, a chapter's `changes:` notes, a post's `note_for_today:` (handbook.checks.notes).

These are the one implementation of the content model's metadata rules: the build, `handbook check` and the
chapter tests all read them from here.
"""

from __future__ import annotations

import datetime as dt
import re

import yaml

from handbook.checks.findings import Report
from handbook.checks.notes import check_note
from handbook.checks.source import Source
from handbook.content import LEVELS
from handbook.frontmatter import BadDate, is_date
from handbook.post_notes import NOTE_KEY
from handbook.vocabulary import Vocabulary

DURATION_MINUTES = (5, 480)
OBJECTIVES = (2, 6)  # learning objectives a chapter states: enough to plan a session, few enough to check
REQUIRED = {
    "chapter": ("title", "description", "tags", "level", "duration", "teaching", "objectives", "last_reviewed",
                "review_by"),
    "post": ("date", "title", "description", "slug", "authors", "categories", "tags"),
    "translated-post": ("title", "description"),
    "page": ("title",),
}
STRING_FIELDS = ("title", "description", "slug", "level")
LIST_FIELDS = ("tags", "authors", "categories")
DATE_FIELDS = ("date", "last_reviewed", "review_by")

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TITLE_MARKUP = re.compile(r"[<>`*_\[\]\"]")
_H1 = re.compile(r"^[ \t]{0,3}#(?!#)[ \t]*\S", re.M)
_SETEXT_H1 = re.compile(r"^\S.*\n=+[ \t]*$", re.M)


def type_name(value: object) -> str:
    """How a YAML value's type is named to a writer ('a number', 'a list')."""
    if isinstance(value, BadDate):
        return "an impossible date"
    return {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a mapping",
            dt.date: "a date", dt.datetime: "a date and time"}.get(type(value), type(value).__name__)


def _empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _has_h1(src: Source) -> bool:
    body = src.text[src.body_start:]
    return bool(_H1.search(body) or _SETEXT_H1.search(body))


def _markup_offset(src: Source, key: str, char: str) -> int:
    node = src.fm.keys.get(key)
    if node is None:
        return src.lead
    start, end = node.start_mark.index, node.end_mark.index
    raw = src.text[src.fm.start + start: src.fm.start + end]
    skip = 1 if getattr(node, "style", None) in ("'", '"') else 0
    found = raw.find(char, skip)
    return src.fm.start + start + (found if found >= 0 else 0)


def check_front_matter(src: Source, report: Report, vocabulary: Vocabulary, default_lang: str) -> None:
    """MH101/MH102 where the front matter cannot be read, else every field rule of the file's kind."""
    for offset, code, message, hint in src.fm.problems:
        report.add(offset, code, message, hint)
    if src.kind == "snippet":
        return
    if src.fm.meta is not None:
        check_meta(src, src.fm.meta, report, vocabulary, default_lang)
    elif not src.fm.end and not src.fm.problems:
        check_meta(src, {}, report, vocabulary, default_lang)  # no front matter at all: every required field is missing


def check_meta(src: Source, meta: dict, report: Report, vocabulary: Vocabulary, default_lang: str) -> None:
    """Required fields, types, markup in titles, vocabulary, dates and slug (MH103-MH110)."""
    kind = "translated-post" if src.kind == "post" and src.lang != default_lang else src.kind
    at = lambda key: src.fm.value_offset(key, src.lead)  # noqa: E731
    for key in REQUIRED.get(kind, ()):
        if _empty(meta.get(key)):
            if kind == "page" and key == "title" and _has_h1(src):
                continue
            where = at(key) if key in meta else src.lead
            report.add(where, "MH103", f"'{key}' is missing or empty" if key in meta else f"'{key}' is missing",
                       f"add '{key}: ...' (see CONTRIBUTING.md)")
    for key in STRING_FIELDS:
        value = meta.get(key)
        if value is not None and value != "" and not isinstance(value, str):
            report.add(at(key), "MH104", f"'{key}' must be text, not {type_name(value)}", "write plain text")
    for key in ("title", "description"):
        value = meta.get(key)
        bad = _TITLE_MARKUP.search(value) if isinstance(value, str) else None
        if bad:
            report.add(_markup_offset(src, key, bad.group()), "MH108",
                       f"'{key}' contains markup or ASCII quotes ({bad.group()!r})",
                       "write plain text; use typographic quotes “ ” ‘ ’")
    for key in LIST_FIELDS:
        _check_list(src, meta, key, report, vocabulary)
    for key in DATE_FIELDS:
        _check_date(meta, key, at(key), report)
    slug = meta.get("slug")
    if isinstance(slug, str) and not _SLUG.match(slug):
        report.add(at("slug"), "MH109", f"slug {slug!r} is not lower-case ASCII words and hyphens",
                   "e.g. slug: the-exact-title")
    if src.kind == "chapter":
        check_chapter_values(meta, at, report)
    if "changes" in meta:
        check_change_notes(src, meta["changes"], report)
    if NOTE_KEY in meta:
        check_note(src, meta[NOTE_KEY], meta, report)


def _check_list(src: Source, meta: dict, key: str, report: Report, vocabulary: Vocabulary) -> None:
    value = meta.get(key)
    if value is None or value == []:
        return
    default = src.fm.value_offset(key, src.lead)
    if not isinstance(value, list):
        report.add(default, "MH104", f"'{key}' must be a list, not {type_name(value)}", f"e.g. {key}: [a, b]")
        return
    node = src.fm.keys.get(key)
    items = node.value if isinstance(node, yaml.SequenceNode) else []
    for index, item in enumerate(value):
        offset = src.fm.start + items[index].start_mark.index if index < len(items) else default
        if not isinstance(item, str):
            report.add(offset, "MH104", f"'{key}' item {item!r} must be text", "write the id as plain text")
        elif key == "tags" and item not in vocabulary.tags:
            report.add(offset, "MH106", f"unknown tag '{item}'", "use an id from data/vocabulary.yml")
        elif key == "categories" and vocabulary.category_id(item) is None:
            report.add(offset, "MH107", f"unknown category '{item}'", "use one from data/vocabulary.yml")


def _check_date(meta: dict, key: str, offset: int, report: Report) -> None:
    value = meta.get(key)
    if value is None:
        return
    if key == "date" and isinstance(value, dict):
        created = value.get("created")
        if not isinstance(created, (dt.date, dt.datetime)) or isinstance(created, BadDate):
            report.add(offset, "MH105", "'date' needs a real 'created' date", "YYYY-MM-DD")
        return
    if not (isinstance(value, (dt.date, dt.datetime)) if key == "date" else is_date(value)):
        shown = value.text if isinstance(value, BadDate) else value
        report.add(offset, "MH105", f"'{key}' is not a real date: {shown!r}", "write YYYY-MM-DD without quotes")


def check_chapter_values(meta: dict, at, report: Report) -> None:
    """A chapter's level, duration and teaching minutes, learning objectives and review dates (MH104, MH108, MH110)."""
    level = meta.get("level")
    if isinstance(level, str) and level not in LEVELS:
        report.add(at("level"), "MH110", f"'level' must be one of {', '.join(LEVELS)}", "beginner | intermediate | advanced")
    low, high = DURATION_MINUTES
    for key, example, meaning in (("duration", 90, "minutes the chapter's whole session takes"),
                                  ("teaching", 30, "minutes of teaching before the workshop activity")):
        minutes = meta.get(key)
        if minutes is not None and (not isinstance(minutes, int) or isinstance(minutes, bool)):
            report.add(at(key), "MH104", f"'{key}' must be a whole number of minutes", f"e.g. {key}: {example}")
        elif isinstance(minutes, int) and not low <= minutes <= high:
            report.add(at(key), "MH110", f"'{key}' must be {low} to {high} minutes", meaning)
    _check_objectives(meta.get("objectives"), at("objectives"), report)
    reviewed, review_by = meta.get("last_reviewed"), meta.get("review_by")
    if is_date(reviewed) and is_date(review_by) and review_by <= reviewed:
        report.add(at("review_by"), "MH110", "'review_by' must come after 'last_reviewed'", "e.g. six months later")


def _check_objectives(objectives: object, offset: int, report: Report) -> None:
    """Learning objectives: a list of plain-text sentences, as many as OBJECTIVES allows."""
    if objectives is None or objectives == []:
        return  # missing: MH103
    hint = "a list of what a participant can do afterwards, e.g. objectives: [Make a passphrase with dice]"
    if not isinstance(objectives, list):
        report.add(offset, "MH104", f"'objectives' must be a list, not {type_name(objectives)}", hint)
        return
    for item in objectives:
        if not isinstance(item, str) or not item.strip():
            report.add(offset, "MH104", f"each objective must be a sentence of text, not {item!r}", hint)
        elif _TITLE_MARKUP.search(item):
            report.add(offset, "MH108", f"objective {item!r} contains markup or ASCII quotes",
                       "write plain text; use typographic quotes “ ” ‘ ’")
    low, high = OBJECTIVES
    if not low <= len(objectives) <= high:
        report.add(offset, "MH110", f"{len(objectives)} learning objectives: a chapter states {low} to {high}",
                   "keep the ones a participant can show at the end of the session")


CHANGE_NOTE_KEYS = ("date", "note")
CHANGE_NOTE_MAX = 300  # characters: one or two sentences a reader takes in at a glance
_CHANGES_HINT = "write it as 'changes:' then lines '- date: YYYY-MM-DD' and '  note: what changed, for readers'"


def _item_offset(src: Source, items: list, index: int, key: str | None = None) -> int:
    """Where the index-th item of `changes:` (or one of its keys' values) starts in the file."""
    if index >= len(items):
        return src.fm.value_offset("changes", src.lead)
    node = items[index]
    if key is not None and isinstance(node, yaml.MappingNode):
        node = next((value for name, value in node.value if name.value == key), node)
    return src.fm.start + node.start_mark.index


def _shown_type(value: object) -> str:
    return "plain text" if isinstance(value, str) else type_name(value)


def check_change_notes(src: Source, notes: object, report: Report) -> None:
    """A chapter's `changes:` notes (MH120, MH105 for a date): a list of dated, plain, short notes."""
    if src.kind != "chapter":
        report.add(src.fm.value_offset("changes", src.lead), "MH120",
                   f"'changes' notes are only read in chapters, not in a {src.kind}",
                   "remove it, or move the note to the chapter it describes")
        return
    if notes is None:
        return
    if not isinstance(notes, list):
        report.add(src.fm.value_offset("changes", src.lead), "MH120",
                   f"'changes' must be a list of dated notes, not {_shown_type(notes)}", _CHANGES_HINT)
        return
    node = src.fm.keys.get("changes")
    items = node.value if isinstance(node, yaml.SequenceNode) else []
    for index, item in enumerate(notes):
        where = lambda key=None: _item_offset(src, items, index, key)  # noqa: E731
        number = index + 1
        if not isinstance(item, dict):
            report.add(where(), "MH120", f"'changes' note {number} must have a 'date' and a 'note', not be "
                       f"{_shown_type(item)}", _CHANGES_HINT)
            continue
        for key in sorted(set(item) - set(CHANGE_NOTE_KEYS), key=str):
            report.add(where(), "MH120", f"'changes' note {number} has an unknown key {key!r}",
                       "a note has only 'date' and 'note'")
        day = item.get("date")
        if day is None:
            report.add(where(), "MH120", f"'changes' note {number} has no 'date'", "add 'date: YYYY-MM-DD'")
        elif not is_date(day):
            shown = day.text if isinstance(day, BadDate) else day
            report.add(where("date"), "MH105", f"'changes' note {number}: 'date' is not a real date: {shown!r}",
                       "write YYYY-MM-DD without quotes")
        text = item.get("note")
        if not isinstance(text, str) or not text.strip():
            report.add(where("note") if "note" in item else where(), "MH120",
                       f"'changes' note {number} has no text" if text in (None, "") else
                       f"'changes' note {number}: 'note' must be text, not {type_name(text)}",
                       "add 'note: what changed, in one or two plain sentences'")
            continue
        bad = _TITLE_MARKUP.search(text)
        if bad:
            report.add(where("note"), "MH120", f"'changes' note {number} contains markup or ASCII quotes "
                       f"({bad.group()!r})", "write plain text; use typographic quotes “ ” ‘ ’")
        if len(text) > CHANGE_NOTE_MAX:
            report.add(where("note"), "MH120", f"'changes' note {number} is {len(text)} characters long "
                       f"(at most {CHANGE_NOTE_MAX})", "say what changed in one or two sentences")
