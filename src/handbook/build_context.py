"""What one build knows, in one typed place that every hook reads and writes.

A build is one `mkdocs build` (or one rebuild under `mkdocs serve`, which loads a fresh config each time);
mkdocs-static-i18n runs the events from `on_config` to `on_post_build` once per language inside it, on the
same config object. So the context is keyed by that config object and dropped with it: it lives as long as the
build, and nothing is kept on MkDocs', Material's or i18n's own objects.
"""

from __future__ import annotations

import os
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from handbook.languages import build_language

if TYPE_CHECKING:
    from jinja2 import Environment

    from handbook.checks.build import BuildChecks


@dataclass
class LanguageContext:
    """The state of one language's build. Everything about a page is keyed by its File.src_uri."""

    lang: str
    env: Environment | None = None
    # The blog bridge: where a merged post came from, the language it is shown in, the blog's files kept
    # out of i18n's rebuild, and the language alternates i18n's on_nav would otherwise rewrite.
    origins: dict[str, str] = field(default_factory=dict)
    shown_in: dict[str, str] = field(default_factory=dict)
    sheltered: list[File] = field(default_factory=list)
    alternates: dict[str, dict[str, File]] = field(default_factory=dict)
    # Trainer views: which generated page is which view, and each chapter's views.
    trainer_views: dict[str, str] = field(default_factory=dict)
    trainer_links: dict[str, dict[str, File]] = field(default_factory=dict)
    # Cross-links and translation status, for the page extras the templates show.
    related: dict[str, list[Any]] = field(default_factory=dict)
    translations: dict[str, Any] = field(default_factory=dict)
    # Every page by its path inside the language ('handbook/passwords.md'), for posts' notes that link to one.
    pages_by_path: dict[str, File] = field(default_factory=dict)
    # What changed: this language's changes and its page (handbook.changes_pages.Listing).
    changes: Any = None
    # The pages of this language's search index, collected as they are rendered.
    search_pages: list[Any] = field(default_factory=list)
    # The offline copy's iframe-worker shim, whose inline bootstrap script the CSP must allow by hash.
    csp_shim: str | None = None
    # Under `mkdocs serve`: the digest of what this language's pages' rendering depends on (hooks/render_cache.py).
    render_signature: str | None = None
    # Under `mkdocs serve`: this language's pages and files as each page's cached HTML is keyed by them
    # (handbook.page_html_cache.SiteDescription, made at on_env).
    page_html: Any = None


@dataclass
class BuildContext:
    """The state of a whole build, across its languages."""

    languages: dict[str, LanguageContext] = field(default_factory=dict)
    default_404: str | None = None
    # Each source file's text, read once per build however many languages and features need it.
    texts: dict[str, str] = field(default_factory=dict)
    # The translation status of each language, scanned once per build (every language's build shows it).
    translation_scans: dict[str, list[Any]] = field(default_factory=dict)
    # The chapters' git history, read with one `git log` per build (handbook.changes.History).
    history: Any = None
    # The cross-links ranked from the English documents, which every language ranks the same (related_site).
    related_ranks: dict[Any, Any] = field(default_factory=dict)
    # Every inline-script hash any page's CSP allows, in every language: the _headers file's policy lists them all.
    csp_hashes: dict[str, None] = field(default_factory=dict)
    # Under `mkdocs serve`: the time from which a file in the site folder counts as written by this build, and
    # how many languages' builds have started and not finished (i18n runs the others inside the default one's).
    written_since: int | None = None
    builds_open: int = 0

    def read(self, path: str | os.PathLike[str]) -> str:
        """The text of a source file (UTF-8; the same errors as reading it), from disk the first time only."""
        key = os.path.abspath(path)
        text = self.texts.get(key)
        if text is None:
            with open(key, "rb") as handle:
                text = self.texts[key] = handle.read().decode("utf-8")
        return text
    checks: BuildChecks | None = None  # the content checks' open confirmations (hooks/content_checks.py)


# By id(config): MkDocs configs are unhashable. Only the current build's entry is kept (see of_build).
_BUILDS: dict[int, BuildContext] = {}


def of_build(config: MkDocsConfig) -> BuildContext:
    """The context of the build that `config` belongs to (made on first use; it replaces the last build's)."""
    context = _BUILDS.get(id(config))
    if context is None:
        # Builds in one process run one after another (each `mkdocs serve` rebuild loads a new config). The
        # last build's context must go now: its Jinja environment's filters reference its config, so that
        # config is never collected while the context holds the environment, and every rebuild's pages
        # would stay in memory (about 12 MB and 15,000 objects per rebuild of this site).
        _BUILDS.clear()
        context = _BUILDS[id(config)] = BuildContext()
        weakref.finalize(config, _BUILDS.pop, id(config), None)
    return context


def of_language(config: MkDocsConfig) -> LanguageContext:
    """The context of the language being built (made on first use)."""
    lang = build_language(config).lang
    build = of_build(config)
    context = build.languages.get(lang)
    if context is None:
        context = build.languages[lang] = LanguageContext(lang)
    return context


def template_env(config: MkDocsConfig) -> Environment:
    """The build's one Jinja environment, kept at `on_env` (compiling another costs seconds per 1,000 pages)."""
    env = of_language(config).env
    if env is None:
        raise RuntimeError("the Jinja environment is only known from on_env on: render templates after it")
    return env


def source_of(config: MkDocsConfig, file: File) -> str | None:
    """The Markdown file a page was read from: a merged blog post's original, else its own source."""
    return of_language(config).origins.get(file.src_uri) or file.abs_src_path


def trainer_view(config: MkDocsConfig, file: File) -> str | None:
    """'slides', 'checklist' or 'facilitator' for a generated trainer view, else None."""
    return of_language(config).trainer_views.get(file.src_uri)


def text_of(config: MkDocsConfig, file: File) -> str:
    """A file's text: a source file from the build's one copy of it, a generated one from the File."""
    if file.abs_src_path and not file.generated_by:
        return of_build(config).read(file.abs_src_path)
    return file.content_string
