"""Blog + i18n, phase 3: put the blog back with language-correct URLs and language-switcher alternates."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from handbook import blog_i18n


@event_priority(-110)  # after i18n (-100) has rebuilt the file list
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    blog_i18n.restore_blog_files(files, config)
    return files
