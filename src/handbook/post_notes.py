"""A dated note for today's reader above an old post: the law it discusses lapsed or was passed, the company
it names closed. The note is the post's `note_for_today:` front matter (rules: handbook.checks.notes).

Why front matter and not a sentence in the post: the note is the editors' word, dated, beside the author's
unchanged text, and the same field in every language lets the checks require each translation to carry it.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import urllib.parse
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from handbook import build_context, languages, ui
from handbook.dates import format_day
from handbook.kinds import kind_of

NOTE_KEY = "note_for_today"
REQUIRED_KEYS = ("date", "text", "source")
OPTIONAL_KEYS = ("link",)


@dataclass(frozen=True)
class PostNote:
    """A post's note for today's reader: when it was added, what it says, its source, a handbook page."""

    date: dt.date
    text: str
    source: str
    link: str | None = None


def read_note(meta: dict[str, Any]) -> PostNote | None:
    """The note of a post's front matter, or None when it has none (or one the checks refuse)."""
    value = meta.get(NOTE_KEY)
    if not isinstance(value, dict):
        return None
    day, text, source, link = (value.get(key) for key in ("date", "text", "source", "link"))
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        return None
    if not isinstance(text, str) or not text.strip() or not isinstance(source, str):
        return None
    return PostNote(day, " ".join(text.split()), source.strip(), link.strip() if isinstance(link, str) else None)


def link_target(link: str, post_path: str) -> tuple[str, str]:
    """(path inside the language, fragment) that a note's link names, relative to the post's own path."""
    parts = urllib.parse.urlsplit(link)
    path = urllib.parse.unquote(parts.path)
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(post_path), path)) if path else post_path
    return joined, urllib.parse.unquote(parts.fragment)


# --- MkDocs glue ----------------------------------------------------------------------------------


def index_pages(files: Files, config: MkDocsConfig) -> None:
    """Keep the language's pages by their path inside the language, for notes that link to one."""
    pages = build_context.of_language(config).pages_by_path
    pages.clear()
    for file in files.documentation_pages(inclusion=lambda _: True):
        pages[getattr(file, "norm_src_uri", file.src_uri)] = file


def note_view(page, config: MkDocsConfig) -> dict[str, Any] | None:
    """What partials/post-note.html shows for a post: label, text, links, in the language of the note's text."""
    if kind_of(page.file.src_uri)[0] != "post":
        return None
    note = read_note(page.meta)
    if note is None:
        return None
    lang = languages.build_language(config).lang
    fallback = languages.is_fallback(page.file, lang)
    note_lang = page.file.locale if fallback else lang
    strings = ui.strings(note_lang)
    view: dict[str, Any] = {
        "lang": note_lang if fallback else None,
        "label": strings["post_note_added"].replace("{date}", format_day(note.date, note_lang)),
        "text": note.text,
        "source": note.source,
        "source_label": strings["post_note_source"],
        "link": None,
    }
    if note.link:
        path, fragment = link_target(note.link, getattr(page.file, "norm_src_uri", page.file.src_uri))
        target = build_context.of_language(config).pages_by_path.get(path)
        if target is not None:
            title = target.page.title if target.page is not None and target.page.title else path
            url = get_relative_url(target.url, page.url) + (f"#{fragment}" if fragment else "")
            view["link"] = {"url": url, "text": strings["post_note_today"].replace("{title}", title)}
    return view
