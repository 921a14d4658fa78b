"""A finding: one problem in one file, at a line and column, with a stable code and how to fix it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from handbook.markdown_scan import Positions


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one file, at a line and column, with a stable code and how to fix it."""

    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message} ({self.hint})"

    def relative_to(self, root: Path) -> str:
        """The finding with its path shown from the repository root ('docs/en/x.md:3:1: ...')."""
        prefix = str(root) + os.sep
        text = str(self)
        return text[len(prefix):] if text.startswith(prefix) else text


class Report:
    """Findings of one file, placed by offset in its text."""

    def __init__(self, path: str, positions: Positions | None = None) -> None:
        self.path = path
        self.positions = positions
        self.findings: list[Finding] = []

    def add_at(self, line: int, col: int, code: str, message: str, hint: str) -> None:
        """A finding at a 1-based line and column."""
        self.findings.append(Finding(self.path, line, col, code, message, hint))

    def add(self, offset: int, code: str, message: str, hint: str) -> None:
        """A finding at a character offset of the file's text."""
        assert self.positions is not None, "add() needs the file's text"
        self.add_at(*self.positions(offset), code, message, hint)
