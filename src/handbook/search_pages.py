"""Search glue: which pages a language's index holds, and writing that index when the language is built."""

from __future__ import annotations

import json
import os
import re
from typing import Any

from material.plugins.blog.structure import Post, View
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from handbook import build_context, languages, serve_memo, site_output, ui
from handbook.search_index import IndexPage, index_files, page_weights, sections_of

INDEX_DIR = "search/"
# Material's search worker and lunr with its languages: about 1.2 MB in every copy, loaded by nothing now.
_MATERIAL_SEARCH_ASSETS = re.compile(r"^assets/javascripts/(?:lunr/|workers/search\.)")
# Material's blog paginates listings as <view>/page/<n>/: the same listing again, not a new page.
_PAGINATED = re.compile(r"(?:^|/)page/\d+(?:/|\.html)$")


def index_dir(lang: str, default: str) -> str:
    """Where a language's index lives, from the site root ('search/', 'ur/search/')."""
    return languages.language_prefix(lang, default) + INDEX_DIR


def dialog_settings(lang: str, default: str) -> dict[str, Any]:
    """What the search dialog needs: where the index is, and its strings in the language being built."""
    strings = ui.strings(lang)
    return {"index": index_dir(lang, default), "ui": {k: v for k, v in strings.items() if k.startswith("search_")}}


def drop_material_search(files: Files) -> None:
    """Leave Material's search worker and lunr out of the site."""
    for file in [f for f in files if _MATERIAL_SEARCH_ASSETS.match(f.src_uri)]:
        files.remove(file)


def page_kind(page: Any) -> str:
    """chapter, post, listing (blog views, tags page) or page: what ranking needs to know."""
    source = getattr(page.file, "norm_src_uri", page.file.src_uri)
    if isinstance(page, View) or source == "tags.md":
        return "listing"
    if isinstance(page, Post):
        return "post"
    return "chapter" if source.startswith("handbook/") else "page"


def is_indexed(page: Any, config: MkDocsConfig) -> bool:
    """False for trainer views, slides, pages excluded in front matter and repeated listing pages."""
    meta = page.meta or {}
    excluded = isinstance(meta.get("search"), dict) and meta["search"].get("exclude")
    return not (excluded or build_context.trainer_view(config, page.file) or meta.get("template") == "deck.html"
                or (isinstance(page, View) and _PAGINATED.search(page.url)))


def collect(page: Any, config: MkDocsConfig) -> None:
    """Add a page's own content (notices and cross-links are never part of it) to its language's index."""
    if not is_indexed(page, config):
        return
    lang, _, _ = languages.build_language(config)
    description = str((page.meta or {}).get("description") or "")
    build_context.of_language(config).search_pages.append(IndexPage(
        title=str(page.title or ""), url=page.url, kind=page_kind(page),
        lang=getattr(page.file, "locale", None) or lang, sections=sections_of(page.content or "", description),
    ))


def _weights(config: MkDocsConfig, page: IndexPage) -> list[dict[str, int]]:
    """A page's term weights; under `mkdocs serve`, the last rebuild's when its indexed text is unchanged."""

    def key() -> tuple[object, ...]:
        text = json.dumps([[section.heading, section.text] for section in page.sections], ensure_ascii=False)
        return ("search weights", page.title, page.kind, serve_memo.text_digest(text))

    return serve_memo.remember(config, key, lambda: page_weights(page))


def _files(config: MkDocsConfig, pages: list[IndexPage]) -> dict[str, str]:
    """The index's files; under `mkdocs serve`, the last rebuild's when no indexed page changed."""

    def key() -> tuple[object, ...]:
        described = [[page.title, page.url, page.kind, page.lang,
                      [[section.heading, section.anchor, section.text] for section in page.sections]] for page in pages]
        return ("search index", serve_memo.text_digest(json.dumps(described, ensure_ascii=False)))

    return serve_memo.remember(config, key, lambda: index_files(pages, lambda page: _weights(config, page)))


def write(config: MkDocsConfig) -> None:
    """Write the language's index under <prefix>search/ (under `mkdocs serve`, handbook.site_output keeps
    a file the last rebuild wrote with the same text)."""
    lang, default, _ = languages.build_language(config)
    target = os.path.join(config.site_dir, index_dir(lang, default))
    os.makedirs(target, exist_ok=True)
    pages = build_context.of_language(config).search_pages
    for name, text in _files(config, pages).items():
        site_output.write_text(os.path.join(target, name), text)
