"""Blog + i18n (static-i18n issue #283): one blog per language, every English post in every language's blog.

The three phases of the bridge around i18n's file rebuild (logic in handbook.blog_i18n):
prepare (before the blog reads its posts), shelter (after the blog, before i18n), restore (after i18n).
"""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from handbook import blog_i18n
from handbook.vocabulary import load_vocabulary
from handbook import event_order as order


@event_priority(order.FIRST)  # before the blog plugins' on_config (0): they must exist and know if they are enabled
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    blog_i18n.ensure_blog_instances(config, load_vocabulary())
    blog_i18n.activate_blog(config)
    return config


@event_priority(order.PREPARE_BLOG)  # before the blog plugin reads its posts (-50)
def _prepare(files: Files, *, config: MkDocsConfig) -> Files:
    blog_i18n.prepare_posts(files, config, vocabulary=load_vocabulary())
    return files


@event_priority(order.SHELTER_BLOG)  # after the blog plugin (-50), before i18n (-100) rebuilds the file list
def _shelter(files: Files, *, config: MkDocsConfig) -> Files:
    blog_i18n.shelter_blog_files(files, config)
    return files


@event_priority(order.AFTER_I18N)  # after i18n (-100) has rebuilt the file list
def _restore(files: Files, *, config: MkDocsConfig) -> Files:
    blog_i18n.restore_blog_files(files, config)
    return files


on_files = CombinedEvent(_prepare, _shelter, _restore)


@event_priority(order.AFTER_I18N)  # after i18n's on_nav (-100), which rewrites alternates of files under blog/
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    blog_i18n.reapply_alternates(files, config)
    return nav
