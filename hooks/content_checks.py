"""Run `handbook check` inside the build: each finding is a warning, so the strict build stops on it."""

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from handbook import languages
from handbook.checks import check_tree
from handbook.vocabulary import load_vocabulary
from handbook import event_order as order

log = logging.getLogger("mkdocs.plugins.handbook.checks")


@event_priority(order.FIRST)  # before anything reads the content
def on_pre_build(*, config: MkDocsConfig) -> None:
    lang, default, _ = languages.build_language(config)
    if lang != default:  # once per build: the default language's build checks every language
        return
    docs = Path(config.docs_dir)
    for finding in check_tree(docs, vocabulary=load_vocabulary()):
        log.warning(finding.relative_to(docs.parent))
