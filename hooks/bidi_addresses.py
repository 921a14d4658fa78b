"""Mark links that display an address as left-to-right, and keep Arabic commas between Latin names in the
right-to-left flow, so both read correctly on Urdu pages."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import serve_memo
from handbook.bidi import directions_marked


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return serve_memo.call(config, directions_marked, html)
