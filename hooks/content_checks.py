"""Run `handbook check` inside the build: each finding is a warning, so the strict build stops on it.

The pages are not rendered a second time: what looks like code is confirmed against the HTML the build
renders (handbook.checks.build says when that rendering qualifies and what happens to the rest).
"""

import copy
import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import build_context, languages, parallel_languages, render_cache, serve_memo
from handbook.checks import active_html_counts, scan_tree
from handbook.checks.build import BuildChecks, settle_page, settle_rest
from handbook.checks.page import FileInfo, analyse_file
from handbook import event_order as order
from handbook.vocabulary import load_vocabulary

log = logging.getLogger("mkdocs.plugins.handbook.checks")


def _report(checks: BuildChecks, findings) -> None:
    for finding in findings:
        log.warning(finding.relative_to(checks.root))


def _analysis(config: MkDocsConfig, project: Path):
    """analyse_file; under `mkdocs serve`, reusing the last rebuild's analysis of a file whose bytes, and
    whose inputs (the vocabulary, Urdu style list and facts registry, all under data/), did not change."""
    if not serve_memo.enabled():
        return analyse_file
    inputs = render_cache.tree_digest(project)

    def analyse(path: str, data: bytes, **options) -> FileInfo:
        def key() -> tuple[object, ...]:
            return ("analyse_file", path, serve_memo.digest(data), inputs, tuple(  # what comes from data/ is in `inputs`
                (name, None if name in ("vocabulary", "style", "registry") else value) for name, value in sorted(options.items())))

        kept = serve_memo.remember(config, key, lambda: analyse_file(path, data, **options))
        return copy.deepcopy(kept)  # the kept one is never handed out: nothing can change it

    return analyse


@event_priority(order.FIRST)  # before anything reads the content
def on_pre_build(*, config: MkDocsConfig) -> None:
    lang, default, _ = languages.build_language(config)
    if lang != default:  # once per build: the default language's build checks every language
        return
    docs = Path(config.docs_dir)
    scan = scan_tree(docs, vocabulary=load_vocabulary(), render=False, analyse=_analysis(config, docs.parent),
                     in_two_processes=parallel_languages.enabled())  # `mkdocs build`, as for the languages
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
