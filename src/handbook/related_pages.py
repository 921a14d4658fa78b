"""Attach each page's cross-links during the build, as data for partials/related.html."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from handbook import build_context, languages, related_site, ui
from handbook.vocabulary import load_vocabulary


def attach(files: Files, config: MkDocsConfig) -> None:
    """Rank the language being built and keep each chapter's and post's links in the build context."""
    lang, default, _ = languages.build_language(config)
    build = build_context.of_build(config)
    links, sources = related_site.rank_language(Path(config.docs_dir), lang, default, read=build.read,
                                                ranks=build.related_ranks)
    by_id = {}
    # Blog posts are still marked excluded at this point (the blog includes them later): take every page.
    for file in files.documentation_pages(inclusion=lambda _: True):
        page_id = getattr(file, "norm_src_uri", None)
        if page_id in links and not build_context.trainer_view(config, file):
            by_id[page_id] = file
    related = build_context.of_language(config).related
    related.clear()
    for page_id, file in by_id.items():
        related[file.src_uri] = [(link, by_id.get(link.target), sources.get(link.target)) for link in links[page_id]]


def related(page, config: MkDocsConfig) -> dict[str, Any] | None:
    """The heading and links of a page's related block, or None."""
    entries = build_context.of_language(config).related.get(page.file.src_uri)
    if not entries:
        return None
    lang, default, _ = languages.build_language(config)
    strings = ui.strings(lang)
    vocabulary = load_vocabulary()
    kind = related_site.kind_of(page.file.norm_src_uri)
    items = []
    for link, target, source in entries:
        if target is None or source is None:
            continue
        fallback = getattr(target, "locale", lang) != lang
        items.append({
            "url": get_relative_url(target.url, page.url),
            "title": source.title,
            "reason": related_site.reason(link, lang, vocabulary, strings),
            "lang": getattr(target, "locale", default) if fallback else None,
        })
    if not items:
        return None
    heading = strings["related_posts"] if kind == "chapter" else strings["related_guidance"]
    return {"heading": heading, "items": items}
