"""Repair what axe-core finds in Material's and pymdownx's HTML: unnamed checkboxes, footer links.

The search dialog is named in its own partial (partials/mahfooz-search.html)."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import a11y


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return a11y.label_task_checkboxes(html)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return a11y.drop_footer_link_labels(output)
