"""What changed: one page and one RSS feed per language of the substantive changes to chapters."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from handbook import changes_pages, languages
from handbook import event_order as order


@event_priority(order.FIRST)  # before `mkdocs build` forks the other languages, which share it
def on_pre_build(*, config: MkDocsConfig) -> None:
    lang, default, _ = languages.build_language(config)
    if lang == default:
        changes_pages.history(config)  # one `git log` for every language (hooks/parallel_languages)


@event_priority(order.CHANGES)  # once every chapter of the language is in the file list
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    changes_pages.collect(files, config)
    changes_pages.add_page(files, config)
    return files


def on_post_build(*, config: MkDocsConfig) -> None:
    changes_pages.write_feed(config)
