"""Show tags in the reader's language: front matter holds vocabulary ids, pages show labels."""

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import build_context, frontmatter, languages
from handbook.vocabulary import load_vocabulary
from handbook import event_order as order


@event_priority(order.BEFORE_TAGS)  # before the tags plugin collects tags (-50)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    tags = page.meta.get("tags")
    if not tags:
        return None
    lang, _, _ = languages.build_language(config)
    vocabulary = load_vocabulary()
    source = build_context.source_of(config, page.file)
    unknown = [t for t in tags if str(t) not in vocabulary.tags] if isinstance(tags, list) else [tags]
    if unknown or not isinstance(tags, list):
        with open(source, encoding="utf-8-sig") as handle:
            line = frontmatter.key_line(handle.read(), "tags")
        named = ", ".join(map(str, unknown)) if isinstance(tags, list) else repr(tags)
        raise PluginError(
            f"{os.path.relpath(source)}:{line}: unknown tag(s) {named} "
            f"(use ids from data/vocabulary.yml: {', '.join(vocabulary.tags)})"
        )
    page.meta["tags"] = [vocabulary.tag_label(str(t), lang) for t in tags]
    return None
