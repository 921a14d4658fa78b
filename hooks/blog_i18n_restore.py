"""Blog + i18n, phase 3: put the blog back with language-correct URLs and language-switcher alternates."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from handbook import blog_i18n


@event_priority(-110)  # after i18n (-100) has rebuilt the file list
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    blog_i18n.restore_blog_files(files, config)
    return files


@event_priority(-110)  # after i18n's on_nav (-100), which rewrites alternates of files under blog/
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    blog_i18n.reapply_alternates(files)
    return nav
