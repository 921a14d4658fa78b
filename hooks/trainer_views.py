"""Trainer views: hide trainer notes from readers; add slides, checklist and facilitator pages per chapter."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from handbook import trainer, trainer_pages


@event_priority(-125)  # after the blog bridge and i18n have settled the file list
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    trainer_pages.generate(files, config)
    return files


@event_priority(90)  # before anything else reads the page's Markdown
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if getattr(page.file, "handbook_trainer_view", None):
        return markdown
    reader, _ = trainer.split_trainer_notes(markdown)
    return reader


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    context["trainer_links"] = trainer_pages.trainer_links(page.file)
    return context
