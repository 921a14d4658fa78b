"""Translations: refuse broken ones, mark outdated ones on the page, publish the status page."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from handbook import translation_pages


@event_priority(-126)  # after every other file was added
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    scanned = translation_pages.scan_languages(config)
    translation_pages.check_and_attach(files, config, scanned)
    translation_pages.add_status_page(files, config, scanned)
    return files


@event_priority(-111)  # after the fallback notice (-110): this one sits above the content
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    notice = translation_pages.outdated_notice(page, config)
    if notice:
        page.content = notice + page.content
    return context
