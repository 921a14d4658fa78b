"""Keep the language switcher's links relative (i18n writes '/' and '/ur/' on home pages)."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from handbook import blog_i18n


@event_priority(0)  # after i18n (50) has set this page's alternates
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    for alternate in getattr(config.extra, "alternate", None) or []:
        alternate["link"] = blog_i18n.site_relative_link(alternate["link"], config.site_url)
    return context
