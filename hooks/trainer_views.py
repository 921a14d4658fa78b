"""Trainer views: hide trainer notes from readers; add slides, checklist and facilitator pages per chapter."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from handbook import build_context, trainer, trainer_pages
from handbook import event_order as order


@event_priority(order.TRAINER_VIEWS)  # after the blog bridge and i18n have settled the file list
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    trainer_pages.generate(files, config)
    return files


@event_priority(order.TRAINER_NOTES_OUT)  # before anything else reads the page's Markdown
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if build_context.trainer_view(config, page.file):
        return markdown
    reader, _ = trainer.split_trainer_notes(markdown)
    return reader


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    links = trainer_pages.trainer_links(page.file, config)
    context["trainer_links"] = links
    context["objectives"] = trainer_pages.objectives_of(page.meta) if links else []  # chapters only
    return context


def on_template_context(context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
    if template_name == "sitemap.xml":  # the sitemap lists readers' pages, not the trainer views
        built = build_context.of_build(config).languages.values()  # the sitemap lists every language
        context["trainer_views"] = {uri for language in built for uri in language.trainer_views}
    return context
