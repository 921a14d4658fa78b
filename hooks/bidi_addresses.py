"""Mark links that display an address as left-to-right, so they read correctly on Urdu pages."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook.bidi import mark_address_links


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return mark_address_links(html)
