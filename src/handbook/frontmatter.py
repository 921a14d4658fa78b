"""YAML front matter: split from Markdown, or read with the offset of every key, duplicate and bad date.

`split` is for tools that need the metadata and stop at the first problem; `read` is for the content checks,
which report every problem at its line and column and must not trust any of it.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import yaml

FENCE = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


class FrontMatterError(ValueError):
    """Front matter that cannot be read, at a line of the file."""

    def __init__(self, line: int, message: str, hint: str = "") -> None:
        self.line, self.message, self.hint = line, message, hint
        super().__init__(f"{line}: {message}" + (f" ({hint})" if hint else ""))


T = TypeVar("T")


@dataclass(frozen=True)
class Document:
    """A Markdown document: its metadata, its body, and the line the body starts on."""

    meta: dict
    body: str
    body_line: int


def _libyaml_first(read: Callable[..., T], text: str) -> T:
    """`read(text, Loader=...)` through libyaml when PyYAML has it (10 to 20 times faster); text the pure
    reader would refuse, and any error, go to the pure SafeLoader, so what is accepted and each message and
    line are the ones it gives."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None and not yaml.reader.Reader.NON_PRINTABLE.search(text):
        try:
            return read(text, Loader=fast)  # noqa: S506 - CSafeLoader is the safe loader
        except yaml.YAMLError:
            pass
    return read(text, Loader=yaml.SafeLoader)


def _load_fast(raw: str) -> object:
    """Front matter's YAML (see _libyaml_first); errors worded as PyYAML's own."""
    return _libyaml_first(yaml.load, raw)


class LibyamlFirstLoader:
    """A Loader for `yaml.load(text, LibyamlFirstLoader)` that reads as _libyaml_first does: libyaml when it
    can, else (and on any error, with its message) PyYAML's pure SafeLoader. Material's blog reads each post's
    front matter with the pure loader, about 4 ms a post; this gives it the same data in a tenth of that."""

    def __init__(self, stream: str) -> None:
        self._text = stream

    def get_single_data(self) -> object:
        return _load_fast(self._text)

    def dispose(self) -> None:
        pass


def split(text: str) -> Document:
    """Parse front matter; a file without any has empty metadata. The metadata is the caller's own copy: the
    same text is parsed once per process (_parsed), and a build splits each page's text for several features
    (translation status, cross-links, the blog bridge), as does every `mkdocs serve` rebuild."""
    meta, body_start, body_line = _parsed(text)
    return Document(copy.deepcopy(meta), text[body_start:], body_line)


@functools.lru_cache(maxsize=4096)
def _parsed(text: str) -> tuple[dict, int, int]:
    """The metadata, where the body starts in `text` (kept as an offset, not a second copy of the body), and
    its line."""
    start = len(text) - len(text.lstrip("\ufeff"))
    text = text[start:]
    match = FENCE.match(text)
    if not match:
        if text.startswith("---"):
            raise FrontMatterError(1, "front matter is not closed", "end it with a line of three dashes: ---")
        return {}, start, 1
    raw = match.group("yaml") or ""
    try:
        meta = _load_fast(raw)
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
    return meta, start + match.end(), body_line


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
    # libyaml's emitter when PyYAML has it: the same text for every page's metadata, about 9x faster.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    head = yaml.dump(meta, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{head}---\n\n{body.lstrip(chr(10))}"


# --- reading for the checks -------------------------------------------------------------------------


@dataclass(frozen=True)
class BadDate:
    """A date YAML recognised but that does not exist (2025-02-30), kept to be reported."""

    text: str


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps an impossible date (2025-02-30) as a value to report instead of raising."""


# The same through libyaml, several times faster: it reads every page's front matter on every build. Node
# positions count characters as the pure loader's do; on any error the pure loader reads the text again, so
# messages and positions are the ones it gives.
_FastLoader: type[yaml.SafeLoader] = type("_FastLoader", (getattr(yaml, "CSafeLoader", _Loader),), {})


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return BadDate(str(node.value))


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
_FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _compose(raw: str, loader_class: type[yaml.SafeLoader]) -> tuple[yaml.Node | None, object]:
    """The document's node tree and its value, read with `loader_class`."""
    loader = loader_class(raw)  # the reader rejects control characters here already
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def compose_yaml(text: str) -> yaml.Node | None:
    """A whole YAML file's node tree, for the data files whose every problem is reported at its line
    (data/facts.yml, data/urdu-style.yml), which every build reads (see _libyaml_first). Plain scalars'
    `style` is '' from libyaml and None from the pure loader; nothing here reads it."""
    return _libyaml_first(yaml.compose, text)


def is_date(value: object) -> bool:
    """True for a calendar date (not a date and time, not a BadDate)."""
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


@dataclass
class Parsed:
    """Front matter read from a text: metadata (None if unusable), where it is, and what is wrong with it."""

    meta: dict | None = None
    start: int = 0           # offset of the YAML text
    end: int = 0             # offset just after the closing fence line (0: no front matter)
    keys: dict[str, yaml.Node] = field(default_factory=dict)     # value nodes by key
    problems: list[tuple[int, str, str, str]] = field(default_factory=list)  # (offset, code, message, hint)

    def value_offset(self, key: str, default: int) -> int:
        """Offset of a key's value in the text, or `default` if the key is absent."""
        node = self.keys.get(key)
        return self.start + node.start_mark.index if node is not None else default


def read(text: str, lead: int = 0) -> Parsed:
    """Front matter of `text` (LF line ends) starting at `lead` (1 after a byte-order mark), problems by offset.

    MH101: not closed, not YAML, a key given twice; MH102: not a mapping.
    """
    fm = Parsed()
    body = text[lead:]
    match = FENCE.match(body)
    if not match:
        if body.startswith("---") and re.match(r"---[ \t]*\n", body):
            fm.problems.append((lead, "MH101", "front matter is not closed", "end it with a line of three dashes: ---"))
        return fm
    fm.start = lead + match.start("yaml") if match.group("yaml") is not None else lead + match.end()
    fm.end = lead + match.end()
    raw = match.group("yaml") or ""
    try:
        try:
            node, meta = _compose(raw, _FastLoader)
        except Exception:
            node, meta = _compose(raw, _Loader)
        if node is not None and isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else ""
                if key in seen:
                    fm.problems.append((fm.start + key_node.start_mark.index, "MH101", f"'{key}' is given twice",
                                        "keep one"))
                seen.add(key)
                fm.keys[key] = value_node
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        position = mark.index if mark is not None else getattr(error, "position", 0)  # ReaderError
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        fm.problems.append((min(fm.start + position, len(text)), "MH101",
                            f"front matter is not valid YAML: {problem}", "quote values that contain ':' or '#'"))
        return fm
    except Exception as error:  # e.g. RecursionError on absurd nesting
        fm.problems.append((fm.start, "MH101", f"front matter cannot be read: {type(error).__name__}",
                            "write plain 'key: value' lines"))
        return fm
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        fm.problems.append((fm.start, "MH102", "front matter is not a mapping of keys to values",
                            "write it as 'key: value' lines"))
        return fm
    fm.meta = meta
    return fm
