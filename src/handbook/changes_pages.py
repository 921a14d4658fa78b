"""What changed, inside the build: the history read once, a page and an RSS feed per language."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from babel.core import UnknownLocaleError
from babel.dates import format_date
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from handbook import blog_i18n, build_context, changes, frontmatter, languages, ui
from handbook.feeds import FeedItem, render_rss
from handbook.kinds import page_kind

log = logging.getLogger("mkdocs.plugins.handbook.changes")

PAGE = "changes.md"
FEED = "changes/feed.xml"


@dataclass
class Listing:
    """One language's changes, with the page of each chapter as this language's build shows it."""

    entries: list[changes.Change]
    chapters: dict[str, File]  # path inside the language -> the page
    titles: dict[str, tuple[str, str]]  # path -> (title, the title's language)
    history: changes.History
    page: File | None = None


def history(config: MkDocsConfig) -> changes.History:
    """The chapters' history, read with one `git log` per build (every language's build shares it)."""
    build = build_context.of_build(config)
    if build.history is None:
        build.history = changes.read_history(Path(config.docs_dir))
        if build.history.missing:
            log.info("'What changed' lists only the changes: notes of chapters: %s.", build.history.missing)
        elif build.history.cut_before:
            log.info("'What changed' cannot list changes before %s: this clone's history is shallow "
                     "(git fetch --unshallow, or actions/checkout with fetch-depth: 0, gives all of it).",
                     build.history.cut_before.isoformat())
    return build.history


def _meta(config: MkDocsConfig, lang: str, path: str) -> dict | None:
    """A chapter's front matter in one language, or None when that language has no file for it."""
    source = os.path.join(config.docs_dir, lang, path)
    if not os.path.isfile(source):
        return None
    try:
        return frontmatter.split(build_context.of_build(config).read(source)).meta
    except frontmatter.FrontMatterError:
        return None  # the content checks have already stopped the build, naming the line


def collect(files: Files, config: MkDocsConfig) -> Listing:
    """This language's changes and chapter pages, kept for the page and the feed."""
    lang, default, _ = languages.build_language(config)
    chapters: dict[str, File] = {}
    for file in files.documentation_pages():
        path = getattr(file, "norm_src_uri", None) or file.src_uri.split("/", 1)[-1]
        if page_kind(PurePosixPath(path)) == "chapter":
            chapters[path] = file
    metas = {code: {path: _meta(config, code, path) for path in chapters} for code in {lang, default}}
    titles = {}
    for path, file in chapters.items():
        own = metas[lang][path]
        shown, shown_lang = (own, lang) if own is not None else (metas[default][path] or {}, default)
        titles[path] = (str(shown.get("title") or file.name), shown_lang)
    known = history(config)

    def of(code: str) -> list[changes.Change]:
        notes = {path: changes.notes_from_meta(meta) for path, meta in metas[code].items() if meta}
        return [c for c in changes.language_changes(code, known, notes) if c.path in chapters]

    found = of(lang) if lang == default else changes.with_source_changes(of(lang), of(default))
    listing = Listing(found, chapters, titles, known)
    build_context.of_language(config).changes = listing
    return listing


def page_markdown(config: MkDocsConfig) -> str:
    """The Markdown of the language's What changed page (the listing itself is a partial)."""
    strings = ui.strings(languages.build_language(config).lang)
    meta = {"title": strings["changes_title"], "description": strings["changes_description"],
            "search": {"exclude": True}}
    return frontmatter.dump(meta, f"# {strings['changes_title']}\n")


def add_page(files: Files, config: MkDocsConfig) -> None:
    """Publish the What changed page at changes/ in this language."""
    page = blog_i18n.add_language_page(files, config, PAGE, page_markdown(config), "changes")
    build_context.of_language(config).changes.page = page


def _date(day, pattern: str, lang: str) -> str:
    try:
        return format_date(day, pattern, locale=lang)
    except (UnknownLocaleError, ValueError):
        return format_date(day, pattern, locale="en")


def entry_id(change: changes.Change) -> str:
    """The anchor of one change on the page (its feed item's link)."""
    return f"{change.day.isoformat()}-{PurePosixPath(change.path).stem}"


def _entry(change: changes.Change, listing: Listing, base: str, lang: str) -> dict[str, Any]:
    title, title_lang = listing.titles[change.path]
    return {
        "id": entry_id(change),
        "url": get_relative_url(listing.chapters[change.path].url, base),
        "title": title,
        "title_lang": title_lang,
        "added": change.added,
        "notes": change.notes,
        "notes_lang": change.lang,
        "other_language": change.other_language,
        "translated": title_lang == lang,
    }


def listing(page, config: MkDocsConfig) -> dict[str, Any] | None:
    """What partials/changes.html shows on the What changed page, else None."""
    lang, default, _ = languages.build_language(config)
    found = build_context.of_language(config).changes
    if found is None or page.file is not found.page:
        return None
    months = [{
        "key": month.key,
        "label": _date(month.first, "LLLL y", lang),
        "days": [{"iso": day.day.isoformat(), "label": _date(day.day, "long", lang),
                  "entries": [_entry(c, found, page.url, lang) for c in day.changes]} for day in month.days],
    } for month in changes.by_month(found.entries)]
    cut = found.history.cut_before
    return {
        "months": months,
        "missing": bool(found.history.missing),
        "cut_before": _date(cut, "long", lang) if cut else None,
        "feed_url": get_relative_url(languages.language_prefix(lang, default) + FEED, page.url),
        "lang": lang,
    }


def write_feed(config: MkDocsConfig) -> None:
    """Write this language's feed of changes, one item per chapter and day, linking to the entry on the page."""
    lang, default, _ = languages.build_language(config)
    found = build_context.of_language(config).changes
    if found is None or found.page is None:
        return
    strings = ui.strings(lang)
    site = config.site_url or ""
    page_url = site + found.page.url
    items = []
    for change in found.entries:
        title, title_lang = found.titles[change.path]
        status = strings["changes_new"] if change.added else strings["changes_revised"]
        notes = " ".join(change.notes)
        if change.other_language:
            notice = strings["changes_source_only" if title_lang == lang else "changes_untranslated"]
            notes = " ".join(part for part in (notes, notice) if part)
        items.append(FeedItem(title=f"{title}: {status}", url=f"{page_url}#{entry_id(change)}",
                              date=change.moment, description=notes or status))
    xml = render_rss(title=strings["changes_feed_title"], link=page_url,
                     description=strings["changes_description"], language=lang,
                     self_url=site + languages.language_prefix(lang, default) + FEED, items=items)
    target = os.path.join(config.site_dir, languages.language_prefix(lang, default), FEED)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as handle:
        handle.write(xml)
