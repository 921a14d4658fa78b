"""The theme's Jinja environment, made cheaper to set up for every build and every language.

- Compiled templates are shared between builds: every language's build (and every `mkdocs serve` rebuild)
  gets a fresh Jinja environment from MkDocs, which would otherwise compile every template again.
- The theme's files are listed without its hidden folders. Before any plugin event, MkDocs lists every file
  of every theme folder, per language, to copy the theme's static files, and drops each path that has a
  hidden part ('.*', '*/.*'). Material's folder holds 14,500 files, nearly all of them icons under `.icons/`
  (templates that pages include, never copied): listing and filtering them cost 0.14 s per language, a
  quarter of a minimal build. The icons still load as templates: only the listing leaves them out.
"""

from __future__ import annotations

import functools
import os

from jinja2 import BytecodeCache, Environment, FileSystemLoader
from jinja2.bccache import Bucket
from mkdocs.theme import Theme


class MemoryBytecodeCache(BytecodeCache):
    """Template bytecode kept in memory, keyed by Jinja's own key (template name and source checksum)."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)  # Jinja discards it if the template's source changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._store.clear()


# Shared on purpose: entries are keyed by template source, so a changed template is compiled again.
COMPILED = MemoryBytecodeCache()


class ThemeLoader(FileSystemLoader):
    """A FileSystemLoader whose listing leaves out hidden files and folders, which MkDocs never copies."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            for root, dirs, names in os.walk(folder, followlinks=self.followlinks):
                dirs[:] = [name for name in dirs if not name.startswith(".")]
                relative = os.path.relpath(root, folder)
                for name in names:
                    if not name.startswith("."):
                        found.add(name if relative == "." else f"{relative}/{name}".replace(os.sep, "/"))
        return sorted(found)


def list_without_hidden(theme: Theme) -> None:
    """Make the environments this theme gives MkDocs list its files with ThemeLoader (once per theme)."""
    if getattr(theme.get_env, "handbook_lists_without_hidden", False):
        return  # every language's build runs on_config on the same theme
    make_env = theme.get_env

    @functools.wraps(make_env)
    def get_env() -> Environment:
        env = make_env()
        loader = env.loader
        if type(loader) is FileSystemLoader:  # MkDocs' own; anything else is left as it is
            env.loader = ThemeLoader(loader.searchpath, encoding=loader.encoding, followlinks=loader.followlinks)
        return env

    get_env.handbook_lists_without_hidden = True  # type: ignore[attr-defined]
    theme.get_env = get_env  # type: ignore[method-assign]
