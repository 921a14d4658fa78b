"""Search that costs nothing until it is used: a per-language index written as scripts loaded on demand."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from handbook import blog_i18n, search_pages


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    search_pages.start(config)
    lang, default, _ = blog_i18n.build_language(config)
    config.extra["mahfooz_search"] = search_pages.dialog_settings(lang, default)  # for the header's dialog
    return config


@event_priority(-120)  # after i18n (-100) has rebuilt the file list
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    search_pages.drop_material_search(files)
    return files


@event_priority(50)  # after the tags listing is rendered (on_env), before notices and related links are added
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    search_pages.collect(page, config)
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    search_pages.write(config)
