"""Search that costs nothing until it is used: a per-language index written as scripts loaded on demand."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from handbook import event_order as order
from handbook import languages, search_pages


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    lang, default, _ = languages.build_language(config)
    config.extra["mahfooz_search"] = search_pages.dialog_settings(lang, default)  # for the header's dialog
    return config


@event_priority(order.VENDOR_ASSETS)  # after i18n has rebuilt the file list, with the other theme assets
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    search_pages.drop_material_search(files)
    return files


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    search_pages.collect(page, config)
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    search_pages.write(config)
