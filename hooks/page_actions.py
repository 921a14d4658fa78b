"""Every page ends with 'Edit this page' (its own source file) and 'Suggest a correction'."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from handbook import page_actions


@event_priority(-113)  # after the related links
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    html = page_actions.render(page, config)
    if html:
        page.content += html
    return context
