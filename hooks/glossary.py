"""Explain abbreviations and terms on every page, in the page's language (snippets/glossary/<lang>.md)."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import languages
from handbook.glossary import append_glossary
from handbook import event_order as order


@event_priority(order.GLOSSARY)  # after other hooks and plugins have changed the Markdown, before it is rendered
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang, default, _ = languages.build_language(config)
    content_lang = getattr(page.file, "locale", lang)  # an English fallback page gets the English glossary
    return append_glossary(markdown, content_lang, default)
