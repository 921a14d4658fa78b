"""MkDocs reads each page's Markdown from the build's one copy of it (handbook.build_context), which the
blog bridge, cross-links, translation status and trainer views also read: each file is read once per build."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from handbook import build_context


def on_page_read_source(*, page: Page, config: MkDocsConfig) -> str | None:
    try:
        return build_context.text_of(config, page.file)
    except (OSError, ValueError):
        return None  # MkDocs then reads it itself and reports the file that cannot be read
