"""Rendered Markdown kept between `mkdocs serve` rebuilds, keyed by everything the rendering depends on.

After a contributor saves one file, `mkdocs serve` builds the whole site again, and a third of that time is
Python-Markdown rendering pages that did not change. MkDocs' `Page.render` is a function of:

- the page's Markdown, after every `on_page_markdown` hook (the glossary appended, trainer notes taken out);
- where the page is: its source path, destination, URL, and the language mkdocs-static-i18n gave its file;
- the files it can link to: each one's source path, destination, URL and inclusion (links are checked and
  rewritten against them);
- mkdocs.yml (the extensions and their settings), the extensions in use, and the files the project's
  extensions read: everything under `snippets/` and `data/` (facts, interface strings).

A result is stored under a digest of all of these, one result per page, so the cache never holds more than
one copy of the site's HTML. It holds strings, sets and log records, never MkDocs objects, so no rebuild
keeps the last one's pages, files or config in memory (see handbook.build_context). On a hit the page gets
what `render` would have set (HTML, table of contents, title, anchor ids, links to other pages' anchors), and
the log records the rendering emitted are emitted again: a broken link fails the strict build on every
rebuild, not only on the one that first rendered it.

A blog post's excerpt is rendered again for every listing that shows it (the blog's index pages, archive and
categories), with the listing's URL as its base; `render_excerpt` keeps each (post, listing) rendering under
the same kind of key, plus the two URLs.

It is on only under `mkdocs serve` (hooks/render_cache.py): a `mkdocs build` renders every page once anyway,
and publishes nothing that a cache could have made stale.
"""

from __future__ import annotations

import copy
import hashlib
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

# The folders under the project root whose files the project's Markdown extensions read while rendering.
EXTENSION_INPUTS = ("snippets", "data")


@dataclass(frozen=True)
class Rendered:
    """What `Page.render` sets on a page, in a form that references no MkDocs object."""

    content: str
    toc: Any  # MkDocs' TableOfContents: plain titles, ids and levels; copied on the way in and out
    title: str | None
    anchor_ids: frozenset[str]
    links_to_anchors: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] | None  # by the linked file's src_uri
    records: tuple[logging.LogRecord, ...]


@dataclass(frozen=True)
class RenderedExcerpt:
    """What Material's `Excerpt.render` sets on an excerpt."""

    markdown: str
    content: str
    more: str | None
    toc: Any
    records: tuple[logging.LogRecord, ...]


_enabled = False
_results: dict[tuple[str, str], tuple[str, Rendered]] = {}  # (dest_uri, locale) -> (key, result)
_excerpts: dict[tuple[str, str, str], tuple[str, RenderedExcerpt]] = {}  # (post's dest_uri, listing's URL, locale)
counts: Counter[str] = Counter()  # "hit" and "miss" (pages), "excerpt hit" and "excerpt miss"


def enable(on: bool) -> None:
    """Turn the cache on (under `mkdocs serve`) or off; turning it off forgets every result."""
    global _enabled
    _enabled = on
    if not on:
        clear()


def enabled() -> bool:
    return _enabled


def clear() -> None:
    _results.clear()
    _excerpts.clear()
    counts.clear()


def digest(parts: Iterable[str | bytes]) -> str:
    """The hex SHA-256 of the parts, each length-prefixed; the serve caches key their results with it."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))  # length-prefixed: ("ab", "c") differs from ("a", "bc")
        hasher.update(data)
    return hasher.hexdigest()


def files_signature(files: Iterable[File]) -> str:
    """A digest of what links are resolved against: every file's source, destination, URL and inclusion."""
    rows = sorted(f"{f.src_uri}\0{f.dest_uri}\0{f.url}\0{f.inclusion.name}\0{getattr(f, 'locale', '')}"
                  for f in files)
    return digest(rows)


def tree_digest(root: Path, folders: Iterable[str] = EXTENSION_INPUTS) -> str:
    """A digest of every file's path and bytes under the given folders of `root` (missing folders count as empty)."""
    parts: list[str | bytes] = []
    for folder in folders:
        base = root / folder
        for path in sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else ():
            parts += [path.relative_to(root).as_posix(), path.read_bytes()]
    return digest(parts)


def extension_names(extensions: Iterable[Any]) -> list[str]:
    """The Markdown extensions in use, by name (an extension given as an object, by its class)."""
    return [ext if isinstance(ext, str) else f"{type(ext).__module__}.{type(ext).__qualname__}" for ext in extensions]


def site_signature(config_text: bytes, extensions: Iterable[str], files_sig: str, inputs_sig: str) -> str:
    """A digest of everything a page's rendering depends on besides the page itself."""
    return digest([config_text, "\n".join(extensions), files_sig, inputs_sig])


def page_key(markdown: str, *, src_uri: str, dest_uri: str, url: str, locale: str, site: str) -> str:
    """The key a page's rendering is stored under."""
    return digest([markdown, src_uri, dest_uri, url, locale, site])


class Recorder(logging.Handler):
    """Keeps every log record emitted while it is attached."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.seen: list[logging.LogRecord] = []
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not any(kept is record for kept in self.seen):  # attached to two loggers: seen once
            self.seen.append(record)
            self.records.append(detached(record))


def detached(record: logging.LogRecord) -> logging.LogRecord:
    """A copy of a record that references no object of the build: its message as text, no arguments, and
    an exception as its formatted traceback (exc_info holds the frames, and through them the whole build)."""
    fields = {**record.__dict__, "msg": record.getMessage(), "args": None, "exc_info": None}
    if record.exc_info and not record.exc_text:
        fields["exc_text"] = logging.Formatter().formatException(record.exc_info)
    return logging.makeLogRecord(fields)


# MkDocs' own logger does not pass records on to the root logger, so both are listened to.
LISTENED = ("mkdocs", "")


def render_recording(render: Callable[[], None]) -> tuple[logging.LogRecord, ...]:
    """Call `render`; return copies of the log records it emitted (emitted as usual too)."""
    recorder = Recorder()
    loggers = [logging.getLogger(name) for name in LISTENED]
    for logger in loggers:
        logger.addHandler(recorder)
    try:
        render()
    finally:
        for logger in loggers:
            logger.removeHandler(recorder)
    return tuple(recorder.records)


def _kept(page: Page, records: tuple[logging.LogRecord, ...]) -> Rendered:
    links = page.links_to_anchors
    return Rendered(
        content=page.content or "",
        toc=copy.deepcopy(page.toc),
        title=page._title_from_render,  # noqa: SLF001 - what `title` falls back on, set by render()
        anchor_ids=frozenset(page.present_anchor_ids or ()),
        links_to_anchors=None if links is None else tuple(
            (to_file.src_uri, tuple(sorted(anchors.items()))) for to_file, anchors in links.items()),
        records=records,
    )


def _restore(page: Page, rendered: Rendered, files: Files) -> None:
    page.content = rendered.content
    page.toc = copy.deepcopy(rendered.toc)
    page._title_from_render = rendered.title  # noqa: SLF001
    page.present_anchor_ids = set(rendered.anchor_ids)
    if rendered.links_to_anchors is None:
        page.links_to_anchors = None
    else:
        page.links_to_anchors = {}
        for src_uri, anchors in rendered.links_to_anchors:
            to_file = files.get_file_from_path(src_uri)
            if to_file is not None:  # always found: the file list is part of the key
                page.links_to_anchors[to_file] = dict(anchors)
    replay(rendered.records)


def replay(records: Iterable[logging.LogRecord]) -> None:
    """Emit again the log records a reused result's computation emitted (see render_recording)."""
    for record in records:
        logging.getLogger(record.name).handle(record)


def render(page: Page, site: str, render_page: Callable[[], None], files: Files) -> None:
    """Set what `render_page()` sets on `page`: from the last rebuild's result if nothing it depends on
    changed (`site` is site_signature()), else by calling it and keeping the result for the next rebuild."""
    file = page.file
    locale = str(getattr(file, "locale", ""))
    key = page_key(page.markdown or "", src_uri=file.src_uri, dest_uri=file.dest_uri, url=file.url,
                   locale=locale, site=site)
    slot = (file.dest_uri, locale)
    kept = _results.get(slot)
    if kept is not None and kept[0] == key:
        counts["hit"] += 1
        _restore(page, kept[1], files)
        return
    counts["miss"] += 1
    records = render_recording(render_page)
    _results[slot] = (key, _kept(page, records))


def render_excerpt(excerpt: Any, listing: Page, separator: str, site: str, render_excerpt_: Callable[[], None]) -> None:
    """Set what Material's `excerpt.render(listing, separator)` (`render_excerpt_()`) sets on a post's excerpt:
    the last rebuild's result for this post on this listing if nothing it depends on changed, else by calling it.

    It depends on the post's Markdown (cut to its excerpt by hooks/blog_excerpts.py), its title when the
    Markdown has none (Material puts it first), where the post and the listing are (links and anchors are
    rewritten to point from the listing to the post), the separator, and `site` (site_signature())."""
    post = excerpt.post
    file = post.file
    locale = str(getattr(file, "locale", ""))
    title = "" if post._title_from_render else str(post.title)  # noqa: SLF001 - what render() reads
    key = digest(["excerpt", post.markdown or "", title, file.src_uri, file.dest_uri, post.url, listing.url,
                   listing.file.src_uri, separator, locale, site])
    slot = (file.dest_uri, listing.url, locale)
    kept = _excerpts.get(slot)
    if kept is not None and kept[0] == key:
        counts["excerpt hit"] += 1
        rendered = kept[1]
        excerpt.markdown, excerpt.content, excerpt.more = rendered.markdown, rendered.content, rendered.more
        excerpt.toc = copy.deepcopy(rendered.toc)
        replay(rendered.records)
        return
    counts["excerpt miss"] += 1
    records = render_recording(render_excerpt_)
    _excerpts[slot] = (key, RenderedExcerpt(excerpt.markdown or "", excerpt.content or "", excerpt.more,
                                            copy.deepcopy(excerpt.toc), records))
