"""Under `mkdocs serve`, each rebuild writes over the last one's site folder, then removes what it did not
write (handbook.site_output says why, and how "not written" is known)."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from handbook import build_context, site_output
from handbook import event_order as order


def on_startup(*, command: str, dirty: bool) -> None:
    site_output.enable(command == "serve" and not dirty)


def on_shutdown() -> None:
    site_output.enable(False)


def on_pre_build(*, config: MkDocsConfig) -> None:
    if not site_output.enabled():
        return
    context = build_context.of_build(config)
    if context.builds_open == 0:  # the default language's build, which mkdocs-static-i18n runs the others inside
        context.written_since = site_output.keep(config.site_dir)
    context.builds_open += 1


@event_priority(order.REMOVE_UNWRITTEN)  # after i18n built the other languages, before _headers lists the files
def on_post_build(*, config: MkDocsConfig) -> None:
    context = build_context.of_build(config)
    if context.written_since is None:
        return
    context.builds_open -= 1
    if context.builds_open == 0:  # every language is written
        site_output.release()
        site_output.remove_unwritten(config.site_dir, context.written_since)


def on_build_error(*, error: Exception) -> None:
    site_output.release()  # a failed build leaves MkDocs as it found it
