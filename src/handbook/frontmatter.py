"""Split YAML front matter from Markdown, with line numbers for error messages."""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

FENCE = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


class FrontMatterError(ValueError):
    """Front matter that cannot be read, at a line of the file."""

    def __init__(self, line: int, message: str, hint: str = "") -> None:
        self.line, self.message, self.hint = line, message, hint
        super().__init__(f"{line}: {message}" + (f" ({hint})" if hint else ""))


@dataclass(frozen=True)
class Document:
    """A Markdown document: its metadata, its body, and the line the body starts on."""

    meta: dict
    body: str
    body_line: int


def split(text: str) -> Document:
    """Parse front matter; a file without any has empty metadata."""
    text = text.lstrip("\ufeff")
    match = FENCE.match(text)
    if not match:
        if text.startswith("---"):
            raise FrontMatterError(1, "front matter is not closed", "end it with a line of three dashes: ---")
        return Document({}, text, 1)
    raw = match.group("yaml") or ""
    try:
        meta = yaml.safe_load(raw)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error)
        raise FrontMatterError(line, f"front matter is not valid YAML: {problem}",
                               "quote values that contain ':' or '#'") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError(2, "front matter must be a mapping of keys to values", "write it as 'key: value' lines")
    body_line = text[: match.end()].count("\n") + 1
    return Document(meta, text[match.end():], body_line)


def key_line(text: str, key: str) -> int:
    """The line of a top-level front matter key, or 1 if it is not found."""
    for number, line in enumerate(text.lstrip("\ufeff").split("\n"), start=1):
        if number > 1 and line.startswith("---"):
            break
        if re.match(rf"^{re.escape(key)}\s*:", line):
            return number
    return 1


def dump(meta: dict, body: str) -> str:
    """Write metadata and body back as one Markdown document."""
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{head}---\n\n{body.lstrip(chr(10))}"
