"""Repair what axe-core finds in Material's and pymdownx's HTML: unnamed checkboxes, dialog, footer links."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import a11y, languages, ui


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return a11y.label_task_checkboxes(html)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    lang, _, _ = languages.build_language(config)
    output = a11y.name_search_dialog(output, ui.strings(lang)["search_label"])
    return a11y.drop_footer_link_labels(output)
