"""Attach each page's cross-links during the build and render them through a partial."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from handbook import blog_i18n, related_site, ui
from handbook.vocabulary import load_vocabulary


def attach(files: Files, config: MkDocsConfig) -> None:
    """Rank the language being built and give each chapter and post file its links."""
    lang, default, _ = blog_i18n.build_language(config)
    links, sources = related_site.rank_language(Path(config.docs_dir), lang, default)
    by_id = {}
    # Blog posts are still marked excluded at this point (the blog includes them later): take every page.
    for file in files.documentation_pages(inclusion=lambda _: True):
        page_id = getattr(file, "norm_src_uri", None)
        if page_id in links and not getattr(file, "handbook_trainer_view", None):
            by_id[page_id] = file
    for page_id, file in by_id.items():
        file.handbook_related = [(link, by_id.get(link.target), sources.get(link.target)) for link in links[page_id]]


def render(page, config: MkDocsConfig) -> str | None:
    """The related block of a page, or None."""
    entries = getattr(page.file, "handbook_related", None)
    if not entries:
        return None
    lang, default, _ = blog_i18n.build_language(config)
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
    template = config.theme.get_env().get_template("partials/related.html")
    return template.render(heading=heading, items=items, ui=strings)
