"""Sanitise every page's rendered content and mark outbound links (defence in depth behind the checks)."""

from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook.sanitize import sanitised
from handbook import event_order as order
from handbook import serve_memo


@event_priority(order.SANITISE)  # last: after every plugin and hook has produced the page's HTML
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return serve_memo.call(config, sanitised, html, urlsplit(config.site_url or "").hostname)


@event_priority(order.SANITISE_EXCERPTS)  # blog excerpts are rendered from the posts' Markdown at -100, outside on_page_content
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    host = urlsplit(config.site_url or "").hostname
    for excerpt in context.get("posts") or []:
        excerpt.content = serve_memo.call(config, sanitised, excerpt.content, host)
    return context
