"""Blog + i18n, phase 1: enable this language's blog and hand it every post, translated or as a fallback."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from handbook import blog_i18n
from handbook.vocabulary import load_vocabulary


@event_priority(100)  # before the blog plugins' on_config (0): they must exist and know if they are enabled
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    blog_i18n.ensure_blog_instances(config, load_vocabulary())
    blog_i18n.activate_blog(config)
    return config


@event_priority(-40)  # before the blog plugin reads its posts (-50)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    blog_i18n.prepare_posts(files, config, vocabulary=load_vocabulary())
    return files
