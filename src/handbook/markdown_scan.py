"""Markdown read as Python-Markdown will render it: code fences, code spans, links, headings and their ids.

Every feature that needs to know where code is, where a link points or what id a heading gets reads it
here, so the content checks, translations, trainer views and chapter rules agree on one reading.
Offsets are character offsets in text whose line endings are already '\\n'.
"""

from __future__ import annotations

import bisect
import html
import posixpath
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

IMAGE_TYPES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".svg", ".bmp"})


# --- positions and regions --------------------------------------------------------------------------

class Positions:
    """Offsets in a text to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def __call__(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


class Regions:
    """A set of half-open [start, end) ranges of offsets."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(s for s in spans if s[1] > s[0]):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def __contains__(self, offset: int) -> bool:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]

    def spans(self) -> list[tuple[int, int]]:
        """The merged ranges, in order."""
        return list(zip(self.starts, self.ends))


def lines_with_offsets(text: str, start: int = 0) -> list[tuple[int, str]]:
    """(offset, line) of every line of text[start:]."""
    out: list[tuple[int, str]] = []
    pos = start
    for line in text[start:].split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


# --- code -------------------------------------------------------------------------------------------

_FENCE_OPEN = re.compile(r"^(?P<prefix>(?:[ \t]*>)*[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_FENCE_CLOSE = re.compile(r"^[ \t>]*(`{3,}|~{3,})[ \t]*$")
FENCE_MARK = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def fenced_blocks(text: str, start: int = 0) -> list[tuple[int, int]]:
    """[start, end) of each closed fenced code block (fence lines included) in text[start:]."""
    lines = lines_with_offsets(text, start)
    # Where each fence string could close, found once: many unclosed fences must not cost quadratic time.
    closings: dict[str, list[int]] = defaultdict(list)
    for index, (_, line) in enumerate(lines):
        bare = _FENCE_CLOSE.match(line)
        if bare:
            closings[bare.group(1)].append(index)
    blocks: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        match = _FENCE_OPEN.match(lines[i][1])
        if match and not (match.group("fence")[0] == "`" and "`" in match.group("info")):
            candidates = closings.get(match.group("fence"), [])
            k = bisect.bisect_right(candidates, i)
            if k < len(candidates):
                j = candidates[k]
                blocks.append((lines[i][0], lines[j][0] + len(lines[j][1])))
                i = j
        i += 1
    return blocks


def next_fence(line: str, fence: str | None) -> str | None:
    """The code fence open after `line`, given the one open before it (None outside code).

    The line-by-line reading for splitting a page into sections: an unclosed fence runs to the end, so no
    heading inside a code sample ever starts a section. `fenced_blocks` is the stricter reading for checks.
    """
    marker = FENCE_MARK.match(line)
    if not marker:
        return fence
    return None if fence and line.strip().startswith(fence) else (fence or marker.group(1))


_BACKTICK_RUN = re.compile(r"(\\*)(`+)")


def code_spans_in_line(line: str) -> list[tuple[int, int]]:
    """[start, end) of the code spans of one line: a run of backticks up to the next run as long.

    A run after an odd number of backslashes starts one backtick later. Linear, where Python-Markdown's
    regex can take quadratic time on a long line of ever longer runs; where the two disagree, the
    rendered-page check decides.
    """
    runs: list[tuple[int, int]] = []
    for match in _BACKTICK_RUN.finditer(line):
        start, length = match.start(2), len(match.group(2))
        if len(match.group(1)) % 2:
            start, length = start + 1, length - 1
        if length:
            runs.append((start, length))
    by_length: dict[int, list[int]] = defaultdict(list)
    for index, (_, length) in enumerate(runs):
        by_length[length].append(index)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(runs):
        start, length = runs[i]
        same = by_length[length]
        k = bisect.bisect_right(same, i)
        if k < len(same) and runs[same[k]][0] > start + length:
            j = same[k]
            spans.append((start, runs[j][0] + length))
            i = j + 1
        else:
            i += 1
    return spans


def code_spans(text: str, start: int, fences: Regions) -> list[tuple[int, int]]:
    """[start, end) of inline code spans, paired line by line, outside fenced blocks."""
    spans: list[tuple[int, int]] = []
    for pos, line in lines_with_offsets(text, start):
        if pos not in fences:
            spans.extend((pos + a, pos + b) for a, b in code_spans_in_line(line))
    return spans


# --- lists ------------------------------------------------------------------------------------------

LIST_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_QUOTE_PREFIX = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+")


def list_depths(lines: Sequence[str]) -> list[int]:
    """The list nesting depth of each line (0 outside lists), judged by indentation.

    Any deeper indentation counts as a new level, which is stricter than Python-Markdown (it needs four
    spaces), so a list cannot hide its depth by indenting less.
    """
    stack: list[int] = []
    depths: list[int] = []
    for line in lines:
        line = _QUOTE_PREFIX.sub("", line)
        if not line.strip():
            depths.append(0)
            continue
        match = LIST_ITEM.match(line)
        indent = len(match.group("indent").expandtabs(4)) if match else len(line) - len(line.lstrip(" \t"))
        if match:
            while stack and stack[-1] >= indent:
                stack.pop()
            stack.append(indent)
            depths.append(len(stack))
        else:
            if indent == 0:
                stack.clear()
            depths.append(0)
    return depths


# --- links ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Link:
    """A Markdown link or image destination: where it starts and ends, and its text (cut at 4096)."""

    offset: int
    end: int
    dest: str
    image: bool
    anchor_offset: int  # the '!' or '[' that starts it, or the reference definition


_REF_DEF = re.compile(r"^[ ]{0,3}\[(?!\^)(?P<label>[^\]\n]+)\]:[ \t]*\n?[ \t]*(?P<open><?)(?P<dest>[^\s>]+)", re.M)


_SYNTAX = re.compile(r"\\[\s\S]|[\[\]()]|\n(?=\n)")  # an escape pair, a bracket or paren, a blank line
_SPACE, _GT, _NEWLINE = re.compile(r"\s"), re.compile(">"), re.compile("\n")


class _LinkSyntax:
    """Bracket pairs and link-destination ends of a text, precomputed in linear time.

    Hostile files may hold half a million '![' or '](': scanning forward from each would be quadratic.
    Only the characters that matter are visited (by regex), so an ordinary page costs a few hundred steps.
    """

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.brackets: dict[int, int] = {}
        stack: list[int] = []
        self.parens: list[int] = []  # offsets of unescaped '(' and ')'
        depths = [0]  # unescaped '(' minus ')' before each of them, then at the end
        for match in _SYNTAX.finditer(text, start):
            c, at = match.group(), match.start()
            if c == "[":
                stack.append(at)
            elif c == "]":
                if stack:
                    self.brackets[stack.pop()] = at
            elif c in "()":
                self.parens.append(at)
                depths.append(depths[-1] + (1 if c == "(" else -1))
            elif c == "\n":
                stack.clear()  # a blank line ends the paragraph
        # For each paren, the first later index whose depth is lower (next smaller element), if any.
        self.lower: list[int | None] = [None] * len(depths)
        pending: list[int] = []
        for index, depth in enumerate(depths):
            while pending and depth < depths[pending[-1]]:
                self.lower[pending.pop()] = index
            pending.append(index)
        self.spaces = [m.start() for m in _SPACE.finditer(text, start)]
        self.gts = [m.start() for m in _GT.finditer(text, start)]
        self.newlines = [m.start() for m in _NEWLINE.finditer(text, start)]

    @staticmethod
    def _next(offsets: list[int], k: int, default: int) -> int:
        at = bisect.bisect_left(offsets, k)
        return offsets[at] if at < len(offsets) else default

    def _closing_paren(self, k: int) -> int:
        """The offset of the ')' that takes the paren depth below its depth at k, or len(text)."""
        lower = self.lower[bisect.bisect_left(self.parens, k)]
        return self.parens[lower - 1] if lower is not None else len(self.text)

    def dest(self, k: int) -> tuple[int, int] | None:
        """[start, end) of a link destination whose '(' is just before k."""
        text, n = self.text, len(self.text)
        while k < n and text[k] in " \t":
            k += 1
        if k < n and text[k] == "\n":
            k += 1
            while k < n and text[k] in " \t":
                k += 1
        if k < n and text[k] == "<":
            end = self._next(self.gts, k, n)
            return (k + 1, end) if end < n and end < self._next(self.newlines, k, n) else None
        # Ends at whitespace, or at the ')' that would take the paren depth below where it started.
        return k, min(self._next(self.spaces, k, n), self._closing_paren(k), n)


def _normal_label(label: str) -> str:
    return " ".join(label.lower().split())


def markdown_links(text: str, start: int = 0) -> tuple[list[Link], dict[str, Link]]:
    """Inline links and images, and reference definitions by label, in text[start:]."""
    links: list[Link] = []
    image_parens: set[int] = set()
    refs: dict[str, Link] = {}
    for match in _REF_DEF.finditer(text, start):
        dest = match.group("dest")
        image = posixpath.splitext(dest.split("#")[0].split("?")[0])[1].lower() in IMAGE_TYPES
        refs.setdefault(_normal_label(match.group("label")),
                        Link(match.start("dest"), match.end("dest"), dest, image, match.start()))
    syntax = _LinkSyntax(text, start)
    for match in re.finditer(r"!\[", text[start:]):
        bang = start + match.start()
        if bang > 0 and text[bang - 1] == "\\":
            continue
        close = syntax.brackets.get(bang + 1)
        if close is None:
            continue
        after = text[close + 1: close + 2]
        if after == "(":
            span = syntax.dest(close + 2)
            image_parens.add(close)
            if span:
                links.append(Link(span[0], span[1], text[span[0]:min(span[1], span[0] + 4096)], True, bang))
        else:
            label = text[bang + 2: close]
            second = syntax.brackets.get(close + 1) if after == "[" else None
            if second is not None and text[close + 2: second].strip():
                label = text[close + 2: second]
            ref = refs.get(_normal_label(label))
            if ref:
                links.append(Link(ref.offset, ref.end, ref.dest, True, bang))
    # Every '](' counts, with or without a matching '[': Python-Markdown pairs brackets after code spans.
    for match in re.finditer(r"\]\(", text[start:]):
        close = start + match.start()
        if close in image_parens:
            continue
        span = syntax.dest(close + 2)
        if span:
            links.append(Link(span[0], span[1], text[span[0]:min(span[1], span[0] + 4096)], False, close))
    return links, refs


# --- headings and ids -------------------------------------------------------------------------------

_SLUG_INVALID = re.compile(r"[^\w\- ]")
_SLUG_TAGS = re.compile(r"</?[^>]*>")


def slugify(text: str, sep: str = "-") -> str:
    """Heading ids as pymdownx.slugs.slugify(case="lower") makes them (mkdocs.yml's toc slugify).

    NFC, tags stripped, lower-cased; every character that is not a letter, digit, '_', '-' or space is
    dropped, and spaces become `sep`. Like pymdownx, this drops U+200C and Arabic-script combining marks
    (Python's \\w does not match them): the id of 'آزادیٔ اظہار' is 'آزادی-اظہار'.
    """
    slug = _SLUG_TAGS.sub("", unicodedata.normalize("NFC", text)).strip().lower()
    return _SLUG_INVALID.sub("", slug).replace(" ", sep)


_IDCOUNT = re.compile(r"^(.*)_([0-9]+)$")


def unique_id(candidate: str, used: set[str], counters: dict[str, int] | None = None) -> str:
    """Python-Markdown's toc rule for repeated ids: 'a', 'a_1', 'a_2' ... (with its cache of taken suffixes)."""
    if candidate in used or not candidate:
        match = _IDCOUNT.match(candidate)
        base, count = (match.group(1), int(match.group(2))) if match else (candidate, 0)
        skip = False
        if counters is not None:
            known = counters.get(base, 0)
            if count <= known or candidate == f"{base}_{known + 1}":
                skip = True
                count = max(count, known)
        count += 1
        while f"{base}_{count}" in used:
            count += 1
        candidate = f"{base}_{count}"
        if skip and counters is not None:
            counters[base] = count
    used.add(candidate)
    return candidate


_INLINE_IMAGE = re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])?")
_INLINE_LINK = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
_UNDERSCORE_EM = re.compile(r"(?<![\w])(_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w])")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!])")


def heading_text(source: str) -> str:
    """The plain text of a heading's Markdown, as toc sees it before slugifying (first 4096 characters)."""
    # Backslash-escaped characters are literal: park them in the private use area while markup goes.
    text = _ESCAPED.sub(lambda m: chr(0xF0000 + ord(m.group(1))), source[:4096])
    pieces, last = [], 0
    for start, end in code_spans_in_line(text):
        run = len(text[start:end]) - len(text[start:end].lstrip("`"))
        pieces += [text[last:start], text[start + run: end - run].strip()]
        last = end
    text = "".join(pieces) + text[last:]
    text = _INLINE_IMAGE.sub("", text)
    text = _FOOTNOTE_REF.sub("", text)
    text = _INLINE_LINK.sub(lambda m: m.group(1), text)
    text = _HTML_TAG.sub("", _HTML_COMMENT.sub("", text))
    text = text.replace("*", "")
    for _ in range(8):  # nested emphasis, a level per round
        previous, text = text, _UNDERSCORE_EM.sub(lambda m: m.group(2), text)
        if text == previous:
            break
    text = re.sub("[\U000f0000-\U000f007f]", lambda m: chr(ord(m.group()) - 0xF0000), text)
    return " ".join(html.unescape(text).split())


ATTR = re.compile(
    r"""(?<![\w:.\-])(?P<name>[A-Za-z_:][\w:.\-]*)\s*=\s*"""
    r"""(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\s"'=<>`{}]+))"""
)


def attr_value_group(match: re.Match[str]) -> str:
    """The name of the group holding an ATTR match's value: 'dq', 'sq' or 'uq'."""
    return next(g for g in ("dq", "sq", "uq") if match.group(g) is not None)


_ATTR_LIST = re.compile(r"\{:?[ \t]*([^}\n]*)\}")
_ATTR_LIST_ID = re.compile(r"(?:^|\s)#([^\s}#.]+)")
_ATX = re.compile(r"^[ \t]*#{1,6}(?!#)(.*)$")
_ATX_CLOSE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_SETEXT = re.compile(r"^(=+|-+)[ \t]*$")
_HEADING_ATTRS = re.compile(r"[ \t]+\{:?[ \t]*([^}\n]*)\}[ \t]*$")
_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")


def heading_sources(text: str, start: int, fences: Regions) -> list[str]:
    """The Markdown of every ATX and setext heading of text[start:] outside fenced code, in order."""
    headings: list[str] = []
    previous = ""
    for pos, line in lines_with_offsets(text, start):
        if pos in fences:
            previous = ""
            continue
        atx = _ATX.match(line)
        if atx:
            headings.append(_ATX_CLOSE.sub("", atx.group(1)).strip())
        elif _SETEXT.match(line) and previous.strip() and not LIST_ITEM.match(previous) \
                and not previous.lstrip().startswith(("#", "<", "|", ">")):
            headings.append(previous.strip())
        previous = line
    return headings


def page_ids(text: str, start: int, fences: Regions, inert: Regions) -> set[str]:
    """Every id a link can point at in the rendered page: attr_list and HTML ids, footnotes, headings."""
    ids: set[str] = set()
    body = text[start:]
    for match in _ATTR_LIST.finditer(body):
        if start + match.start() not in inert:
            ids.update(m.group(1) for m in _ATTR_LIST_ID.finditer(match.group(1)))
    for match in ATTR.finditer(text, start):
        if match.group("name").lower() in ("id", "name") and match.start() not in inert:
            ids.add(html.unescape(match.group(attr_value_group(match))))
    for match in _FOOTNOTE.finditer(body):
        ids.update({f"fn:{match.group(1)}", f"fnref:{match.group(1)}"})
    pending: list[str] = []
    for content in heading_sources(text, start, fences):
        attrs = _HEADING_ATTRS.search(" " + content)
        heading_id = None
        if attrs:
            found = _ATTR_LIST_ID.search(attrs.group(1))
            heading_id = found.group(1) if found else None
            content = (" " + content)[: attrs.start()].strip()
        if heading_id:
            ids.add(heading_id)
        else:
            pending.append(content)
    counters: dict[str, int] = {}
    for content in pending:
        unique_id(slugify(heading_text(content)), ids, counters)
    return ids


HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{[^}]*#(?P<id>[A-Za-z0-9_-]+)[^}]*\})?\s*$")


def heading_ids(markdown: str) -> list[tuple[int, int, str | None]]:
    """(line, level, explicit id or None) of every ATX heading outside fenced code (sections of a page)."""
    out: list[tuple[int, int, str | None]] = []
    fence: str | None = None
    for number, line in enumerate(markdown.split("\n"), start=1):
        if FENCE_MARK.match(line):
            fence = next_fence(line, fence)
            continue
        if fence:
            continue
        match = HEADING.match(line)
        if match:
            out.append((number, len(match.group(1)), match.group("id")))
    return out
