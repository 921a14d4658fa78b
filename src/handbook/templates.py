"""The theme's Jinja environment, made cheaper to set up for every build and every language.

- Compiled templates are shared between builds: every language's build (and every `mkdocs serve` rebuild)
  gets a fresh Jinja environment from MkDocs, which would otherwise compile every template again. They are
  kept on disk too, in the user's cache folder (or $HANDBOOK_CACHE_DIR), so the next `mkdocs build` does
  not compile them either: compiling the 60 to 80 templates a build uses is about 0.4 s, a quarter of a
  minimal build. Never inside the clone: bytecode there could come with a pull request, and Jinja runs it.
- The theme's files are listed without its hidden folders. Before any plugin event, MkDocs lists every file
  of every theme folder, per language, to copy the theme's static files, and drops each path that has a
  hidden part ('.*', '*/.*'). Material's folder holds 14,500 files, nearly all of them icons under `.icons/`
  (templates that pages include, never copied): listing and filtering them cost 0.14 s per language, a
  quarter of a minimal build. The icons still load as templates: only the listing leaves them out.
"""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemLoader
from jinja2.bccache import Bucket
from mkdocs.theme import Theme


CACHE_ENV = "HANDBOOK_CACHE_DIR"


def cache_folder() -> Path:
    """Where compiled templates are kept on disk: $HANDBOOK_CACHE_DIR, else handbook/templates in the user's
    cache folder ($XDG_CACHE_HOME, or ~/.cache). Entries are keyed by each template's full path, so clones
    never share one, and a file in a folder of the clone (which a pull request could add) is never read."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "handbook" / "templates"


class CompiledTemplates(BytecodeCache):
    """Template bytecode kept in memory and, once `folder` is set, in files there.

    Entries are keyed by Jinja's own key (the template's name and file); Jinja stores the source's checksum
    and its own and Python's versions with the bytecode and compiles again when any of them differs, so a
    changed template is never run from an old compilation. A file that cannot be read or written, or is
    damaged, only means compiling again. Files are written whole and renamed into place, so builds running
    at the same time (the tests' workers) never read half of one.
    """

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}
        self.folder: Path | None = None

    def _path(self, key: str) -> Path | None:
        return self.folder / f"{key}.bytecode" if self.folder is not None else None

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._store.get(bucket.key)
        path = self._path(bucket.key)
        if data is None and path is not None:
            try:
                data = path.read_bytes()
            except OSError:
                return
        if data is None:
            return
        try:
            bucket.bytecode_from_string(data)  # Jinja discards it if the template's source changed
        except Exception:  # noqa: BLE001 - a damaged file: compile again, and overwrite it
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        data = bucket.bytecode_to_string()
        self._store[bucket.key] = data
        path = self._path(bucket.key)
        if path is None:
            return
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".partial-", delete=False) as handle:
                handle.write(data)
            os.replace(handle.name, path)
        except OSError:
            return  # without a writable cache folder a build compiles what it needs, as before

    def clear(self) -> None:
        self._store.clear()


# Shared on purpose: entries are keyed by template source, so a changed template is compiled again.
COMPILED = CompiledTemplates()


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
    """Make the environments this theme gives list its files with ThemeLoader, and load compiled templates
    from COMPILED (once per theme). Not only MkDocs' own environment: Material's blog makes one of its own
    for each word it translates (partials/language.html), and compiled it again on every build."""
    if getattr(theme.get_env, "handbook_lists_without_hidden", False):
        return  # every language's build runs on_config on the same theme
    make_env = theme.get_env

    @functools.wraps(make_env)
    def get_env() -> Environment:
        env = make_env()
        loader = env.loader
        if type(loader) is FileSystemLoader:  # MkDocs' own; anything else is left as it is
            env.loader = ThemeLoader(loader.searchpath, encoding=loader.encoding, followlinks=loader.followlinks)
        if env.bytecode_cache is None:
            env.bytecode_cache = COMPILED
        return env

    get_env.handbook_lists_without_hidden = True  # type: ignore[attr-defined]
    theme.get_env = get_env  # type: ignore[method-assign]
