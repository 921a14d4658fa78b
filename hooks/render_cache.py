"""Under `mkdocs serve`, a page whose Markdown and surroundings did not change since the last rebuild is not
rendered again (handbook.render_cache says what a rendering depends on, and why `mkdocs build` renders all),
nor are a post's excerpts, nor is its template when nothing the template is given changed
(handbook.page_html_cache), nor does Material's privacy plugin scan its HTML again (handbook.privacy_scans)."""

from importlib.metadata import version
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import build_context, page_html_cache, privacy_scans, render_cache, serve_memo
from handbook import event_order as order


def _serve_caches(on: bool) -> None:
    """Every serve cache on or off (and empty): page_html_cache and privacy_scans follow render_cache's switch."""
    render_cache.enable(on)
    serve_memo.enable(on)
    if not on:
        page_html_cache.clear()
        privacy_scans.clear()


def on_startup(*, command: str, dirty: bool) -> None:
    _serve_caches(command == "serve")


def on_shutdown() -> None:
    _serve_caches(False)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if render_cache.enabled():
        privacy_scans.reuse_scans(config.plugins)  # Material's privacy plugin: a page's scan reused
    return config


def _site_signature(config: MkDocsConfig, files: Files) -> str:
    language = build_context.of_language(config)
    if language.render_signature is None:
        config_file = Path(config.config_file_path)
        language.render_signature = render_cache.site_signature(
            config_file.read_bytes(), render_cache.extension_names(config.markdown_extensions),
            render_cache.files_signature(files), render_cache.tree_digest(config_file.parent))
    return language.render_signature


@event_priority(order.RENDER_CACHE)  # after the glossary: the Markdown is final
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    if not render_cache.enabled():
        return
    site = _site_signature(config, files)

    def render(render_config: MkDocsConfig, render_files: Files) -> None:
        del page.render  # the class's own method again
        render_cache.render(page, site, lambda: page.render(render_config, render_files), render_files)

    page.render = render  # MkDocs calls page.render(config, files) next


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    excerpt = getattr(page, "excerpt", None)  # a blog post's, made by Material's blog at on_page_markdown
    if excerpt is None or not render_cache.enabled():
        return
    site = _site_signature(config, files)
    render_excerpt = excerpt.render  # the class's own, bound

    def render(listing: Page, separator: str) -> None:
        render_cache.render_excerpt(excerpt, listing, separator, site, lambda: render_excerpt(listing, separator))

    excerpt.render = render  # the blog renders it for every listing that shows the post, at on_page_context


@event_priority(order.FIRST)  # before any handler loads a template, so that every one is a PageTemplate
def _template_class(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    if render_cache.enabled():
        env.template_class = page_html_cache.PageTemplate
    return env


@event_priority(order.LAST)  # every page and file as the templates will see them
def _describe_site(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    if render_cache.enabled():
        inputs = page_html_cache.template_inputs(f"{config.theme.name} {version('mkdocs-material')}",
                                                 config.theme.custom_dir, config.hooks.keys())
        build_context.of_language(config).page_html = page_html_cache.describe_site(files, config, inputs)
    return env


on_env = CombinedEvent(_template_class, _describe_site)


@event_priority(order.FIRST)  # this language's pages are built; i18n builds the next language at -100
def on_post_build(*, config: MkDocsConfig) -> None:
    language = build_context.of_language(config)
    if render_cache.enabled() and language.page_html is not None:
        if page_html_cache.config_changed(language.page_html, config):
            page_html_cache.forget(language.lang)  # the next rebuild renders every page of the language
