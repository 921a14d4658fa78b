"""Run `handbook check` inside the build: each finding is a warning, so the strict build stops on it.

The pages are not rendered a second time: what looks like code is confirmed against the HTML the build
renders (handbook.checks.build says when that rendering qualifies and what happens to the rest).
"""

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import build_context, languages
from handbook.checks import active_html_counts, scan_tree
from handbook.checks.build import BuildChecks, settle_page, settle_rest
from handbook import event_order as order
from handbook.vocabulary import load_vocabulary

log = logging.getLogger("mkdocs.plugins.handbook.checks")


def _report(checks: BuildChecks, findings) -> None:
    for finding in findings:
        log.warning(finding.relative_to(checks.root))


@event_priority(order.FIRST)  # before anything reads the content
def on_pre_build(*, config: MkDocsConfig) -> None:
    lang, default, _ = languages.build_language(config)
    if lang != default:  # once per build: the default language's build checks every language
        return
    docs = Path(config.docs_dir)
    scan = scan_tree(docs, vocabulary=load_vocabulary(), render=False)
    checks = build_context.of_build(config).checks = BuildChecks(docs.parent, scan.pending)
    _report(checks, scan.findings)


@event_priority(order.FIRST)  # Python-Markdown's own HTML: before hooks add to it and before the sanitiser (-200)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    checks = build_context.of_build(config).checks
    if checks is None or not checks.pending:
        return
    source = build_context.source_of(config, page.file)
    key = os.path.normpath(source) if source else None
    _report(checks, settle_page(checks, key, page.markdown or "", lambda: active_html_counts(html)))


@event_priority(order.FIRST)  # before i18n (-100) builds the other languages inside this event: this one's pages are done
def _language_done(*, config: MkDocsConfig) -> None:
    checks = build_context.of_build(config).checks
    if checks is not None:
        checks.languages_done.add(languages.build_language(config).lang)


@event_priority(order.LAST)  # last: the pages no language's build rendered as written are rendered here
def _settle_rest(*, config: MkDocsConfig) -> None:
    checks = build_context.of_build(config).checks
    if checks is not None and checks.languages_done >= set(languages.build_language(config).languages):
        _report(checks, settle_rest(checks))


on_post_build = CombinedEvent(_language_done, _settle_rest)
