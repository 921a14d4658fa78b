"""What one build knows, in one typed place that every hook reads and writes.

A build is one `mkdocs build` (or one rebuild under `mkdocs serve`, which loads a fresh config each time);
mkdocs-static-i18n runs the events from `on_config` to `on_post_build` once per language inside it, on the
same config object. So the context is keyed by that config object and dropped with it: it lives as long as the
build, and nothing is kept on MkDocs', Material's or i18n's own objects.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig

from handbook.languages import build_language

if TYPE_CHECKING:
    from jinja2 import Environment

    from handbook.checks.build import BuildChecks


@dataclass
class LanguageContext:
    """The state of one language's build: the page extras the templates show, keyed by File.src_uri."""

    lang: str
    env: Environment | None = None
    related: dict[str, list[Any]] = field(default_factory=dict)
    translations: dict[str, Any] = field(default_factory=dict)
    translation_scan: dict[str, list[Any]] = field(default_factory=dict)


@dataclass
class BuildContext:
    """The state of a whole build, across its languages."""

    languages: dict[str, LanguageContext] = field(default_factory=dict)
    default_404: str | None = None
    checks: BuildChecks | None = None  # the content checks' open confirmations (hooks/content_checks.py)


# By id(config): MkDocs configs are unhashable. The entry goes when its config is collected.
_BUILDS: dict[int, BuildContext] = {}


def of_build(config: MkDocsConfig) -> BuildContext:
    """The context of the build that `config` belongs to (made on first use)."""
    context = _BUILDS.get(id(config))
    if context is None:
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
