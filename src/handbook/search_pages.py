"""Search glue: which pages a language's index holds, and writing that index when the language is built."""

from __future__ import annotations

import os
import re
from typing import Any

from material.plugins.blog.structure import Post, View
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from handbook import blog_i18n, ui
from handbook.search_index import INDEX_FILE, IndexPage, index_files, sections_of

INDEX_DIR = "search/"
# Material's search worker and lunr with its languages: about 1.2 MB in every copy, loaded by nothing now.
_MATERIAL_SEARCH_ASSETS = re.compile(r"^assets/javascripts/(?:lunr/|workers/search\.)")
# Material's blog paginates listings as <view>/page/<n>/: the same listing again, not a new page.
_PAGINATED = re.compile(r"(?:^|/)page/\d+(?:/|\.html)$")


def index_dir(lang: str, default: str) -> str:
    """Where a language's index lives, from the site root ('search/', 'ur/search/')."""
    return blog_i18n.language_prefix(lang, default) + INDEX_DIR


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


def is_indexed(page: Any) -> bool:
    """False for trainer views, slides, pages excluded in front matter and repeated listing pages."""
    meta = page.meta or {}
    excluded = isinstance(meta.get("search"), dict) and meta["search"].get("exclude")
    return not (excluded or getattr(page.file, "handbook_trainer_view", None) or meta.get("template") == "deck.html"
                or (isinstance(page, View) and _PAGINATED.search(page.url)))


def _store(config: MkDocsConfig) -> dict[str, list[IndexPage]]:
    # Kept on the i18n plugin (rebuilt with the config on every build), one list per language: the
    # default language's build outlives the builds of the other languages that i18n runs inside it.
    i18n = blog_i18n.i18n_plugin(config)
    if not hasattr(i18n, "handbook_search"):
        i18n.handbook_search = {}
    return i18n.handbook_search


def start(config: MkDocsConfig) -> None:
    """Begin the index of the language being built."""
    lang, _, _ = blog_i18n.build_language(config)
    _store(config)[lang] = []


def collect(page: Any, config: MkDocsConfig) -> None:
    """Add a page's own content (before notices and related links are added to it) to its language's index."""
    if not is_indexed(page):
        return
    lang, _, _ = blog_i18n.build_language(config)
    description = str((page.meta or {}).get("description") or "")
    _store(config).setdefault(lang, []).append(IndexPage(
        title=str(page.title or ""), url=page.url, kind=page_kind(page),
        lang=getattr(page.file, "locale", None) or lang, sections=sections_of(page.content or "", description),
    ))


def write(config: MkDocsConfig) -> None:
    """Write the language's index under <prefix>search/, replacing the files of an earlier build."""
    lang, default, _ = blog_i18n.build_language(config)
    target = os.path.join(config.site_dir, index_dir(lang, default))
    os.makedirs(target, exist_ok=True)
    for name in os.listdir(target):
        if INDEX_FILE.match(name):
            os.remove(os.path.join(target, name))
    for name, text in index_files(_store(config).get(lang, [])).items():
        with open(os.path.join(target, name), "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
