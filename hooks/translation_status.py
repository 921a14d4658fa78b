"""Translations: refuse broken ones, know which are outdated, publish the status page."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from handbook import translation_pages
from handbook import event_order as order


@event_priority(order.TRANSLATION_STATUS)  # after every other file was added
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    scanned = translation_pages.scan_languages(config)
    translation_pages.check_and_attach(files, config, scanned)
    translation_pages.add_status_page(files, config)
    return files
