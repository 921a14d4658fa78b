"""Repair what axe-core and Lighthouse find in Material's and pymdownx's HTML: unnamed checkboxes,
footer links, tables that scroll sideways on phones, avatars without a size.

The search dialog is named in its own partial (partials/mahfooz-search.html)."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import a11y, images


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return a11y.label_task_checkboxes(html)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    output = a11y.drop_footer_link_labels(output)
    # Here, not in on_page_content: the sanitiser (last there) allows no tabindex in authors' HTML.
    return images.size_author_avatars(a11y.focusable_tables(output))
