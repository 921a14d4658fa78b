"""Where the project is: found the way mkdocs and git find theirs, from the working directory upward."""

from __future__ import annotations

import os
from pathlib import Path

CONFIG_FILE = "mkdocs.yml"


class ProjectNotFound(LookupError):
    """No handbook project around the working directory."""


def find_root(start: Path) -> Path | None:
    """The nearest folder from `start` upward that holds mkdocs.yml, or None."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return None


def project_root(explicit: str | os.PathLike[str] | None = None, *, cwd: Path | None = None) -> Path:
    """The project: `explicit` (--root), else $HANDBOOK_ROOT, else the nearest folder with mkdocs.yml."""
    given = explicit or os.environ.get("HANDBOOK_ROOT")
    if given:
        root = Path(given).resolve()
        if not root.is_dir():
            raise ProjectNotFound(f"{root}: no such folder (given by {'--root' if explicit else 'HANDBOOK_ROOT'})")
        return root
    here = cwd or Path.cwd()
    found = find_root(here)
    if found is None:
        raise ProjectNotFound(
            f"no {CONFIG_FILE} in {here} or any folder above it: run handbook inside a clone of the handbook, "
            f"or name the project with --root PATH or HANDBOOK_ROOT"
        )
    return found


def vocabulary_file(root: Path | None = None) -> Path:
    """The controlled vocabulary of tags and categories."""
    return (root or project_root()) / "data" / "vocabulary.yml"
