"""Keep the build and serve logs to what a contributor must act on: mkdocs-static-i18n announces every
language build and navigation translation at INFO, several lines per rebuild."""

import logging


def on_startup(*, command: str, dirty: bool) -> None:
    logging.getLogger("mkdocs.plugins.mkdocs_static_i18n").setLevel(logging.WARNING)
