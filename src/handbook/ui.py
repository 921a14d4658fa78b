"""Interface strings per language (data/ui.yml), for the partials that hooks render."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from handbook.paths import project_root


@lru_cache(maxsize=4)
def _load(path: str, mtime_ns: int) -> dict[str, dict[str, str]]:
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    if not isinstance(data, dict) or "en" not in data:
        raise ValueError(f"{path}: expected a mapping of language codes to strings, with 'en'")
    return data


def strings(lang: str, path: Path | None = None) -> dict[str, str]:
    """The interface strings of a language; missing ones fall back to English."""
    path = path or project_root() / "data" / "ui.yml"
    data = _load(str(path), path.stat().st_mtime_ns)
    return {**data["en"], **(data.get(lang) or {})}
