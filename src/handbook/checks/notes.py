"""A post's `note_for_today:` (MH121, MH105 for its date): a dated, sourced, plain note, only in posts.

Its `link` is checked with the page's own links (MH203, MH204: handbook.checks.page adds it to them); that a
translated post carries the note its English post has is checked across files (handbook.checks.tree).
"""

from __future__ import annotations

import datetime as dt
import re

import yaml

from handbook.checks.findings import Report
from handbook.checks.source import Source
from handbook.frontmatter import BadDate, is_date
from handbook.markdown_scan import Link
from handbook.post_notes import NOTE_KEY, OPTIONAL_KEYS, REQUIRED_KEYS

NOTE_MAX = 400  # characters: what changed and what it means, in two or three sentences read at a glance
# Markup, ASCII quotes, and the start of [[fact:ID]]: the note is shown as plain text, so a number or a law's
# status a reader acts on belongs in the linked chapter, where the registry shows it with its checked date.
_MARKUP = re.compile(r"[<>`*_\[\]\"]")
_URL = re.compile(r"^https://[^\s<>\"'`]+$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")
_EXAMPLE = (f"write it as '{NOTE_KEY}:' then '  date: YYYY-MM-DD', '  text: what changed, for today's reader', "
            "'  source: https://...' and optionally '  link: ../../handbook/chapter.md'")


def _offset(src: Source, key: str | None = None) -> int:
    """Where the note (or one of its keys' values) starts in the file."""
    node = src.fm.keys.get(NOTE_KEY)
    if node is None:
        return src.lead
    if key is not None and isinstance(node, yaml.MappingNode):
        node = next((value for name, value in node.value if name.value == key), node)
    return src.fm.start + node.start_mark.index


def _shown(value: object) -> str:
    if isinstance(value, BadDate):
        return "an impossible date"
    return {list: "a list", dict: "a mapping", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), "text" if isinstance(value, str) else "a date" if isinstance(value, dt.date) else "nothing")


def check_note(src: Source, note: object, meta: dict, report: Report) -> None:
    """Every rule of a post's note for today's reader (MH121; MH105 for a date that does not exist)."""
    where = lambda key=None: _offset(src, key)  # noqa: E731
    if src.kind != "post":
        report.add(where(), "MH121", f"'{NOTE_KEY}' is only read in blog posts, not in a {src.kind}",
                   "remove it; a chapter tells readers what changed with 'changes:'")
        return
    if not isinstance(note, dict):
        report.add(where(), "MH121", f"'{NOTE_KEY}' must be a mapping of date, text and source, not {_shown(note)}",
                   _EXAMPLE)
        return
    for key in sorted(set(note) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS), key=str):
        report.add(where(), "MH121", f"'{NOTE_KEY}' has an unknown key {key!r}",
                   "a note has only 'date', 'text', 'source' and 'link'")
    for key in REQUIRED_KEYS:
        if note.get(key) in (None, ""):
            report.add(where(key) if key in note else where(), "MH121", f"'{NOTE_KEY}' has no '{key}'", _EXAMPLE)
    _check_date(note.get("date"), meta.get("date"), where("date"), report)
    _check_text(note.get("text"), where("text"), report)
    source = note.get("source")
    if source not in (None, "") and not (isinstance(source, str) and _URL.match(source.strip())):
        report.add(where("source"), "MH121", f"'{NOTE_KEY}': 'source' must be one https:// address, not {source!r}",
                   "the page you read the fact on, e.g. a news report")
    link = note.get("link")
    if link is not None and not (isinstance(link, str) and link.strip() and not _SCHEME.match(link.strip())
                                 and not link.strip().startswith("/")):
        report.add(where("link"), "MH121", f"'{NOTE_KEY}': 'link' must be a handbook page relative to this post, "
                   f"not {link!r}", "e.g. link: ../../handbook/pakistan-law.md#peca-2016; put a web address in 'source'")


def _check_date(day: object, posted: object, offset: int, report: Report) -> None:
    if day is None:
        return
    if not is_date(day):
        shown = day.text if isinstance(day, BadDate) else day
        report.add(offset, "MH105", f"'{NOTE_KEY}': 'date' is not a real date: {shown!r}", "write YYYY-MM-DD without quotes")
    elif isinstance(posted, dt.date) and day <= (posted.date() if isinstance(posted, dt.datetime) else posted):
        report.add(offset, "MH121", f"'{NOTE_KEY}': 'date' {day} is not after the post's date {posted}",
                   "a note is added later, for today's reader: write the day you add it")


def _check_text(text: object, offset: int, report: Report) -> None:
    if text in (None, ""):
        return
    if not isinstance(text, str) or not text.strip():
        report.add(offset, "MH121", f"'{NOTE_KEY}': 'text' must be plain text, not {_shown(text)}",
                   "write what changed in two or three sentences")
        return
    bad = _MARKUP.search(text)
    if bad:
        report.add(offset, "MH121", f"'{NOTE_KEY}': 'text' contains markup or ASCII quotes ({bad.group()!r})",
                   "write plain text with typographic quotes “ ”; link a page with 'link', not [text](...), "
                   "and keep numbers and law statuses in that page, where [[fact:ID]] works")
    if len(text) > NOTE_MAX:
        report.add(offset, "MH121", f"'{NOTE_KEY}': 'text' is {len(text)} characters long (at most {NOTE_MAX})",
                   "say what changed and what it means today; the linked page says the rest")


def note_link(src: Source) -> Link | None:
    """The note's `link` as a link of the page, so that MH203/MH204 check it like one written in the text."""
    meta = src.fm.meta or {}
    note = meta.get(NOTE_KEY)
    link = note.get("link") if isinstance(note, dict) else None
    if not isinstance(link, str) or not link.strip() or _SCHEME.match(link.strip()):
        return None
    offset = _offset(src, "link")
    return Link(offset, offset + len(link), link.strip(), False, offset)


def note_summary(src: Source) -> tuple[object, int] | None:
    """(date, offset) of a post's note, for the check that each translation carries it; None without one."""
    meta = src.fm.meta or {}
    if src.kind != "post" or NOTE_KEY not in meta:
        return None
    note = meta[NOTE_KEY]
    return (note.get("date") if isinstance(note, dict) else None), _offset(src, "date")


def translation_problem(english: tuple[object, tuple[int, int]] | None,
                        translated: tuple[object, tuple[int, int]] | None) -> str | None:
    """Why a translated post's note disagrees with its English post's (MH121), or None."""
    if english is None and translated is None:
        return None
    if translated is None:
        return (f"the English post has a '{NOTE_KEY}' note (dated {english[0]}) and this translation has none: "
                "readers would see the English note, or none")
    if english is None:
        return f"this translation has a '{NOTE_KEY}' note but its English post has none"
    if english[0] != translated[0]:
        return f"'{NOTE_KEY}' is dated {translated[0]} here but {english[0]} in the English post"
    return None
