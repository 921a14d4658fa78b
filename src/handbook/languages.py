"""The site's languages: which one is being built, which is the default, and how their URLs relate.

mkdocs-static-i18n owns the list of languages and the default one; everything here reads them from its
configuration, so no other module needs to know that the default language happens to be English.
"""

from __future__ import annotations

import os
import weakref
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url


class BuildLanguage(NamedTuple):
    """The language being built, the default language, and every language built."""

    lang: str
    default: str
    languages: list[str]


# --- pure functions -------------------------------------------------------------------------------


def language_prefix(lang: str, default: str) -> str:
    """The URL prefix of a language: nothing for the default language, 'ur/' for Urdu."""
    return "" if lang == default else f"{lang}/"


def site_relative_link(link: str, site_url: str | None) -> str:
    """An absolute-path language link ('/ur/') as a site-relative one ('ur/'), so it works from file://."""
    if not link.startswith("/") or link.startswith("//"):
        return link
    base = urlsplit(site_url or "").path or "/"
    if not base.endswith("/"):
        base += "/"
    return link[len(base):] if link.startswith(base) else link.lstrip("/")


def is_fallback(page_file: File, lang: str) -> bool:
    """True when a page of language `lang` shows content of another language."""
    locale = getattr(page_file, "locale", None)
    return locale is not None and locale != lang


def genuine_languages(page_file: File, lang: str) -> set[str]:
    """The languages in which a page really exists (not shown in another language as a fallback)."""
    genuine = {lang} if getattr(page_file, "locale", lang) == lang else set()
    for other, twin in (getattr(page_file, "alternates", None) or {}).items():
        if other != lang and getattr(twin, "locale", other) == other:
            genuine.add(other)
    return genuine


# --- MkDocs glue ----------------------------------------------------------------------------------


def i18n_plugin(config: MkDocsConfig) -> Any:
    """The mkdocs-static-i18n plugin instance."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError("this site needs the 'i18n' plugin (mkdocs-static-i18n) in mkdocs.yml")
    return plugin


# (default language, built languages) by id(config): i18n computes both from its settings on every access, and
# hooks ask tens of thousands of times per build. Both are fixed once the config is loaded; each entry is made
# on the first question and dropped with its config.
_SETTLED: dict[int, tuple[str, tuple[str, ...]]] = {}


def _settled_languages(config: MkDocsConfig, i18n: Any) -> tuple[str, tuple[str, ...]]:
    settled = _SETTLED.get(id(config))
    if settled is None:
        settled = (i18n.default_language, tuple(i18n.build_languages))
        try:
            weakref.finalize(config, _SETTLED.pop, id(config), None)
        except TypeError:  # an object that cannot be watched (a test's stand-in): not kept
            return settled
        _SETTLED[id(config)] = settled
    return settled


def build_language(config: MkDocsConfig) -> BuildLanguage:
    """(language being built, default language, every built language)."""
    i18n = i18n_plugin(config)
    default, built = _settled_languages(config, i18n)
    return BuildLanguage(i18n.current_language or default, default, list(built))


def language_name(config: MkDocsConfig, lang: str) -> str:
    """A language's own name, as configured for the language switcher ('اردو')."""
    try:
        return str(i18n_plugin(config).get_language_config(lang).name or lang)
    except Exception:  # noqa: BLE001 - i18n raises a bare Exception for an unknown locale
        return lang


def about_url(page: Any, config: MkDocsConfig, section: str) -> str:
    """Link from a page to a section of the about page of its language ('../about/#help-translate')."""
    lang, default, _ = build_language(config)
    target = language_prefix(lang, default) + ("about/" if config.use_directory_urls else "about/index.html")
    return get_relative_url(target, page.url) + f"#{section}"


def project_dir(config: MkDocsConfig) -> str:
    """The folder holding the site's mkdocs.yml: data/, snippets/ and the git history live there."""
    return os.path.dirname(os.path.abspath(config.config_file_path))
