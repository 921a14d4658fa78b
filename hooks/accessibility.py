"""Repair what axe-core and Lighthouse find in Material's and pymdownx's HTML: unnamed checkboxes, dialog,
footer links, tables that scroll sideways on phones, avatars without a size."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import a11y, blog_i18n, images, ui


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return a11y.label_task_checkboxes(html)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    lang, _, _ = blog_i18n.build_language(config)
    output = a11y.name_search_dialog(output, ui.strings(lang)["search_label"])
    output = a11y.drop_footer_link_labels(output)
    # Here, not in on_page_content: the sanitiser (last there) allows no tabindex in authors' HTML.
    return images.size_author_avatars(a11y.focusable_tables(output))
