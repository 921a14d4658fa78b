"""What the templates show around a page's own HTML (partials/page-body.html), as page context data:
the outdated-translation and shown-in-English notices, a post's note for today's reader, cross-links, and
the edit and correction links."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from handbook import page_extras, post_notes
from handbook import event_order as order


def on_env(env, *, config: MkDocsConfig, files: Files):
    # The language's final file list: a post's note may link to any of its pages.
    post_notes.index_pages(files, config)
    return env


def _page(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    context["mahfooz"] = page_extras.extras(page, config)
    return context


@event_priority(order.MARK_FALLBACK_EXCERPTS)  # after the blog has rendered excerpts (-100), before they are sanitised (-105)
def _excerpts(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    page_extras.mark_fallback_excerpts(context.get("posts") or [], config)
    return context


on_page_context = CombinedEvent(_page, _excerpts)
