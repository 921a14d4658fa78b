"""Where the project is: found the way mkdocs and git find theirs, from the working directory upward."""

from __future__ import annotations

import functools
import os
from pathlib import Path

CONFIG_FILE = "mkdocs.yml"


class ProjectNotFound(LookupError):
    """No handbook project around the working directory."""


# Projects found, by the folder asked about: a build asks for the project's files thousands of times.
# Only what was found is kept, so a project created later is still found.
_FOUND: dict[str, Path] = {}


def find_root(start: Path) -> Path | None:
    """The nearest folder from `start` upward that holds mkdocs.yml, or None."""
    key = os.fspath(start)
    if key in _FOUND:
        return _FOUND[key]
    resolved = Path(key).resolve()
    for folder in (resolved, *resolved.parents):
        if (folder / CONFIG_FILE).is_file():
            _FOUND[key] = folder
            return folder
    return None


def project_root(explicit: str | os.PathLike[str] | None = None, *, cwd: Path | None = None) -> Path:
    """The project: `explicit` (--root), else $HANDBOOK_ROOT, else the nearest folder with mkdocs.yml."""
    given = explicit or os.environ.get("HANDBOOK_ROOT")
    if given:
        root = _given_root(os.fspath(given))
        if not root.is_dir():
            raise ProjectNotFound(f"{root}: no such folder (given by {'--root' if explicit else 'HANDBOOK_ROOT'})")
        return root
    here = cwd or Path(os.getcwd())
    found = find_root(here)
    if found is None:
        raise ProjectNotFound(
            f"no {CONFIG_FILE} in {here} or any folder above it: run handbook inside a clone of the handbook, "
            f"or name the project with --root PATH or HANDBOOK_ROOT"
        )
    return found


@functools.lru_cache(maxsize=32)
def _given_root(path: str) -> Path:
    return Path(path).resolve()


def vocabulary_file(root: Path | None = None) -> Path:
    """The controlled vocabulary of tags and categories."""
    return (root or project_root()) / "data" / "vocabulary.yml"
