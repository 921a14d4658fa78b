"""`mkdocs build`: each further language is built in a forked process while the default language builds
(handbook.parallel_languages says how, and what is merged back)."""

import mkdocs_static_i18n.plugin as i18n_module
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from handbook import parallel_languages
from handbook import event_order as order
from handbook.languages import i18n_plugin


def _i18n_build(config: MkDocsConfig, dirty: bool = False) -> None:
    """i18n's call to build a further language: taken over from its child when it has one."""
    if not parallel_languages.finish(config, i18n_plugin(config).current_language):
        mkdocs_build(config, dirty=dirty)


def on_startup(*, command: str, dirty: bool) -> None:
    parallel_languages.enable(command == "build" and not dirty)
    i18n_module.build = _i18n_build


@event_priority(order.FIRST)  # the site folder emptied, the docs listed: nothing of the language read yet
def on_files(files, *, config: MkDocsConfig):
    parallel_languages.start(config, mkdocs_build)
    return files


@event_priority(order.LAST)  # every page is rendered and its checks settled, if the build could
def on_env(env, *, config: MkDocsConfig, files):
    parallel_languages.send_default_pages(config)  # in the default language: each child's sitemap lists them
    parallel_languages.send_checks_left(config)  # in a child: the default language renders what is left
    return env


@event_priority(order.FIRST)  # before i18n (0) gives the sitemap every language's pages
def on_template_context(context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
    if template_name == "sitemap.xml":
        parallel_languages.receive_default_pages(config)
    return context


@event_priority(order.LAST)  # after i18n (-100) has built, or here collected, every further language
def on_post_build(*, config: MkDocsConfig) -> None:
    if not i18n_plugin(config).building:  # the whole build's end, not one language's inside it
        parallel_languages.collect_leftovers()


def on_build_error(*, error: Exception) -> None:
    parallel_languages.stop()
