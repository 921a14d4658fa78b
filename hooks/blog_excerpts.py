"""Once a post's own page is rendered, its Markdown is only the source of its excerpts: cut to what they show.

Material's blog renders each post's whole Markdown again for every view that lists it (handbook.excerpts
says when the cut is safe, and why it changes no byte of the site).
"""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import blog_i18n, excerpts
from handbook import event_order as order


@event_priority(order.EXCERPT_SOURCE)  # after every handler that reads the post's own Markdown (content checks: 100)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    if getattr(page, "excerpt", None) is None or not page.markdown:
        return  # not a post: no excerpt to render (and no need to look for the blog on every page)
    blog = blog_i18n.current_blog(config)
    if blog is None:
        return
    page.markdown = excerpts.excerpt_source(page.markdown, blog.config.post_excerpt_separator)
