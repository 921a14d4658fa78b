"""Where the project's files live, resolved from the package, never from the working directory."""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """The repository root: $HANDBOOK_ROOT if set, else the folder above `src/`."""
    env = os.environ.get("HANDBOOK_ROOT")
    if env:
        return Path(env).resolve()
    return Path(__file__).resolve().parents[2]


def vocabulary_file(root: Path | None = None) -> Path:
    """The controlled vocabulary of tags and categories."""
    return (root or project_root()) / "data" / "vocabulary.yml"
