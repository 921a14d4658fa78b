"""Blog + i18n, phase 2: keep the blog's posts and views out of i18n's file rebuild."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from handbook import blog_i18n


@event_priority(-75)  # after the blog plugin (-50), before i18n (-100)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    blog_i18n.shelter_blog_files(files, config)
    return files
