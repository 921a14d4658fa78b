"""Under `mkdocs serve`, a page whose Markdown and surroundings did not change since the last rebuild is not
rendered again (handbook.render_cache says what a rendering depends on, and why `mkdocs build` renders all)."""

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import build_context, render_cache, serve_memo
from handbook import event_order as order


def on_startup(*, command: str, dirty: bool) -> None:
    render_cache.enable(command == "serve")
    serve_memo.enable(command == "serve")


def on_shutdown() -> None:
    render_cache.enable(False)
    serve_memo.enable(False)


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
