"""Content checks for untrusted Markdown: what a pull request must not slip into the published site.

Each rule has a stable code. Line and column are 1-based and count characters (not bytes) in the file
with line endings normalised as Python-Markdown does (CRLF and lone CR are one line break).

==========  ===========================================================================================
code        finding
==========  ===========================================================================================
MH001       the file is not UTF-8 (points at the first bad byte)
MH002       the file is larger than MAX_FILE_BYTES (points at the first byte over the limit)
MH003       a list nested deeper than MAX_LIST_DEPTH levels (points at the first item too deep)
MH004       a symbolic link under docs/ or snippets/ (it would publish what it points at)     [tree]
MH005       a file type under docs/ that can carry scripts or is not an inert asset            [tree]
MH101       front matter does not parse: YAML error, not closed, or a key given twice
MH102       front matter is not a mapping of keys to values
MH103       a required front matter field is missing or empty (per kind: chapter, post, page)
MH104       a front matter field has the wrong type
MH105       a date field is not a real date (2025-02-30, or a value YAML did not read as a date)
MH106       a tag that is not in the vocabulary
MH107       a blog category that is not in the vocabulary
MH108       markup or ASCII quotes in title or description (< > ` * _ [ ] ")
MH109       a post slug that is not lower-case ASCII words joined by hyphens
MH110       a chapter value out of range (level, duration, review_by not after last_reviewed)
MH201       two posts of one language share a slug                                             [tree]
MH202       two files would be built to the same page (foo.md and foo/index.md, README.md)   [tree]
MH203       a link to a page or file that does not exist                                       [tree]
MH204       a link to an anchor that the target page does not have                             [tree]
MH205       an image that does not exist                                                       [tree]
MH206       an absolute link (/path): it breaks under /ur/ and in the offline copy            [tree]
MH207       a translation (page, chapter or post) with no English file of the same path        [tree]
MH301       an HTML element that runs or loads something: script, iframe, frame(set), object,
            embed, applet, form, base, link, meta, svg, math, portal, fencedframe
MH302       an event-handler attribute (on...=), in HTML or through attr_list
MH303       a javascript:, vbscript: or data: URL (also entity-, percent-encoded or split by
            tabs and newlines)
MH304       a resource from another host: Markdown image, src/srcset/poster/... attribute or
            CSS url() with an http(s)://, // or other scheme URL
MH305       a stylesheet that loads or runs something (<style> with @import or url(), expression())
MH306       the rendered page has active HTML the source checks could not place, or it could
            not be rendered and parsed at all (so nothing in it could be confirmed as code)
MH401       a direction override or isolate character (U+202A-U+202E, U+2066-U+2069), anywhere
MH402       an invisible formatting character inside code, a URL or link target, or front matter
MH403       a character on an Urdu page that the Urdu web font subset cannot draw              [tree]
            (handbook.font_coverage; `handbook font` regenerates the subset)
MH501       a snippet include (--8<--) that points outside the snippets/ folder: an absolute path,
            a '..' step, a URL, '~' or a backslash (mkdocs.yml resolves includes inside snippets/)
==========  ===========================================================================================

Codes marked [tree] need the whole docs/ folder and come only from `check_tree`.

`check_tree` also checks every file of the snippets/ folder beside docs/ (kind "snippet": no front matter
and no link checks, every other rule), because pymdownx.snippets pastes them into pages.

HTML inside fenced code or inline code is shown, not run, so it is not reported. Deciding what
Python-Markdown treats as code is subtle (a backtick in a heading, a code span inside a tag's quoted
attribute, raw HTML blocks) and a wrong guess would let active HTML through. So the source scan finds
every candidate, and candidates that look like code are only dropped when rendering the body with the
site's Markdown extensions shows that they really did not become active HTML.
"""

from __future__ import annotations

import bisect
from array import array
import datetime as dt
import html
import os
import posixpath
import re
import unicodedata
import urllib.parse
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import markdown as _markdown
import yaml

from handbook.content import LEVELS
from handbook.frontmatter import FENCE
from handbook.vocabulary import Vocabulary

MAX_FILE_BYTES = 1_048_576
MAX_LIST_DEPTH = 10
# Every page this size or smaller is also rendered, as a net for active HTML the source scan cannot place.
# Python-Markdown is super-linear on some hostile input, so larger pages are rendered only when HTML that
# looks like code needs confirming.
RENDER_ALWAYS_BELOW = 131_072
DEFAULT_LANG = "en"
SNIPPETS_DIR = "snippets"  # beside docs/; mkdocs.yml's pymdownx.snippets base_path, with restrict_base_path

# The Markdown extensions of mkdocs.yml (MkDocs adds toc, tables and fenced_code itself), used only to
# confirm that HTML which looks like code in the source is escaped in the output. Keep in step with mkdocs.yml.
RENDER_EXTENSIONS: tuple[str, ...] = (
    "toc", "tables", "fenced_code", "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html",
    "pymdownx.details", "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.superfences",
    "pymdownx.tasklist",
)

ACTIVE_TAGS = frozenset({
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "link", "meta",
    "svg", "math", "portal", "fencedframe",
})
# Attributes whose value the browser fetches (or sends a request to) without the reader clicking.
RESOURCE_ATTRS = frozenset({
    "src", "srcset", "imagesrcset", "poster", "background", "lowsrc", "dynsrc", "ping", "action",
    "formaction", "codebase", "archive", "manifest", "xlink:href",
})
# Attributes holding URLs, for the invisible-character rule.
URL_ATTRS = RESOURCE_ATTRS | {"href", "cite", "longdesc", "usemap", "data", "itemid", "itemtype"}
# Attributes that hold prose, where "data: ..." is text and not a URL.
TEXT_ATTRS = frozenset({"alt", "title", "aria-label", "aria-description", "placeholder", "label", "summary",
                        "abbr", "value", "content", "class", "id", "lang", "dir", "name"})
DANGEROUS_SCHEMES = ("javascript", "vbscript", "data")

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Invisible formatting characters that are fine in prose (Urdu needs U+200C and U+200F) but hide
# text in code, addresses and metadata. Also the invisible math operators and the tag characters
# (U+E0001, U+E0020-U+E007F), which can smuggle hidden text.
INVISIBLE_CHARS = frozenset(
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f\u061c\u2061\u2062\u2063\u2064\U000e0001"
    + "".join(chr(c) for c in range(0xE0020, 0xE0080))
)

INERT_FILE_TYPES = frozenset({
    ".md", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".pdf", ".txt", ".csv",
    ".mp3", ".mp4", ".webm", ".ogg", ".oga", ".ogv", ".wav", ".vtt",
})
IMAGE_TYPES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".svg", ".bmp"})

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TITLE_MARKUP = re.compile(r"[<>`*_\[\]\"]")


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


# --------------------------------------------------------------------------------------------------
# Decoders, exposed for table-driven tests.

_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.S)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\f]?|\n|(.))", re.S)
_CSS_ACTIVE = re.compile(r"@import|expression\s*\(|-moz-binding|(?<![\w-])behavior\s*:", re.I)
_CSS_LOADS = re.compile(r"(?<![\w-])(?:url|image|image-set|-webkit-image-set|cross-fade|src)\s*\(", re.I)
_CSS_URL = re.compile(r"""(?<![\w-])url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))\s*\)|"([^"]*)"|'([^']*)'""", re.I)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_STRIPPED_FROM_URLS = re.compile(r"[\x00-\x20\x7f]")


def decode_url(raw: str) -> str:
    """A URL as a browser would act on it: entities and percent-escapes decoded, spaces and controls removed.

    Decodes repeatedly (at most four rounds) so that an entity hiding a percent-escape is caught too;
    removing every space and control character is stricter than browsers (which drop only tabs and
    newlines inside, and C0 controls and spaces around), so `java\\tscript:` and `java script:` both count.
    """
    text = raw
    for _ in range(4):
        decoded = urllib.parse.unquote(html.unescape(text), errors="replace")
        if decoded == text:
            break
        text = decoded
    text = text.replace("\\", "/") if text.startswith(("\\", "/\\")) else text
    return _STRIPPED_FROM_URLS.sub("", text)


def url_head(text: str, start: int, end: int, size: int = 32) -> str:
    """The start of decode_url(text[start:end]), decoding only as much of a long destination as needed.

    The window grows until it yields far more than `size` characters, so an escape cut at its edge cannot
    reach the head, and padding (thousands of encoded tabs before 'javascript:') cannot hide the scheme.
    """
    length = 256
    while True:
        stop = min(end, start + length)
        decoded = decode_url(text[start:stop])
        if stop >= end:
            return decoded
        if len(decoded) >= size + 64:
            return decoded[:size]
        length *= 4


def dangerous_scheme(raw: str) -> str | None:
    """'javascript', 'vbscript' or 'data' if the (possibly encoded) URL uses that scheme, else None."""
    text = decode_url(raw).replace("\\", "")
    match = _SCHEME.match(text)
    if match and match.group(1).lower() in DANGEROUS_SCHEMES:
        return match.group(1).lower()
    return None


def is_remote_url(raw: str) -> bool:
    """True if the URL names another host: any scheme (https:, ftp:, ...) or a protocol-relative //host."""
    text = decode_url(raw)
    return bool(_SCHEME.match(text)) or text.replace("\\", "/").startswith("//")


def decode_css(css: str) -> str:
    """CSS with comments removed and escapes (\\75 rl, \\@) decoded, so hidden url( and @import show."""
    css = _CSS_COMMENT.sub("", css)

    def unescape(match: re.Match[str]) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        return match.group(2) or ""

    return _CSS_ESCAPE.sub(unescape, css)


def css_loads(css: str) -> bool:
    """True if a stylesheet imports, fetches (url(), image-set() ...) or runs (expression()) anything."""
    css = decode_css(css)
    return bool(_CSS_ACTIVE.search(css) or _CSS_LOADS.search(css))


def css_urls(css: str) -> list[str]:
    """Every url(...) and quoted string of a declaration list: what image-set() and friends may fetch."""
    return [next(g for g in m.groups() if g is not None).strip() for m in _CSS_URL.finditer(decode_css(css))]


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


_LIST_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
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
        match = _LIST_ITEM.match(line)
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


# --------------------------------------------------------------------------------------------------
# Positions and regions.

class _Positions:
    """Offsets in a text to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def __call__(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


class _Regions:
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
        return list(zip(self.starts, self.ends))


_FENCE_OPEN = re.compile(r"^(?P<prefix>(?:[ \t]*>)*[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_FENCE_CLOSE = re.compile(r"^[ \t>]*(`{3,}|~{3,})[ \t]*$")


def _fenced_blocks(text: str, start: int) -> list[tuple[int, int]]:
    """[start, end) of each closed fenced code block (fence lines included) in text[start:]."""
    blocks: list[tuple[int, int]] = []
    lines = text[start:].split("\n")
    offsets = []
    pos = start
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    # Where each fence string could close, found once: many unclosed fences must not cost quadratic time.
    closings: dict[str, list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        bare = _FENCE_CLOSE.match(line)
        if bare:
            closings[bare.group(1)].append(index)
    i = 0
    while i < len(lines):
        match = _FENCE_OPEN.match(lines[i])
        if match and not (match.group("fence")[0] == "`" and "`" in match.group("info")):
            candidates = closings.get(match.group("fence"), [])
            k = bisect.bisect_right(candidates, i)
            if k < len(candidates):
                j = candidates[k]
                blocks.append((offsets[i], offsets[j] + len(lines[j])))
                i = j
        i += 1
    return blocks


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


def _code_spans(text: str, start: int, fences: _Regions) -> list[tuple[int, int]]:
    """[start, end) of inline code spans, paired line by line, outside fenced blocks."""
    spans: list[tuple[int, int]] = []
    pos = start
    for line in text[start:].split("\n"):
        if pos not in fences:
            spans.extend((pos + a, pos + b) for a, b in code_spans_in_line(line))
        pos += len(line) + 1
    return spans


# --------------------------------------------------------------------------------------------------
# Active HTML, in the source and in rendered output.

_ACTIVE_TAG = re.compile(r"<(" + "|".join(sorted(ACTIVE_TAGS)) + r")(?=[\s/>]|$)", re.I)
_STYLE_TAG = re.compile(r"<style(?=[\s/>]|$)", re.I)
_STYLE_END = re.compile(r"</style", re.I)
_EVENT_ATTR = re.compile(r"(?<![\w:.\-])on[a-z][a-z0-9_\-]*\s*=", re.I)
_ATTR = re.compile(
    r"""(?<![\w:.\-])(?P<name>[A-Za-z_:][\w:.\-]*)\s*=\s*"""
    r"""(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\s"'=<>`{}]+))"""
)
_REF_DEF = re.compile(r"^[ ]{0,3}\[(?!\^)(?P<label>[^\]\n]+)\]:[ \t]*\n?[ \t]*(?P<open><?)(?P<dest>[^\s>]+)", re.M)
_AUTOLINK = re.compile(r"<((?:[a-zA-Z][a-zA-Z0-9+.\-]{1,31}):[^\s<>]*)>")


@dataclass(frozen=True)
class _Candidate:
    offset: int
    code: str
    message: str
    hint: str
    inert: bool = False


def _attr_problems(name: str, value: str) -> list[tuple[str, str, str]]:
    """(code, message, hint) for one attribute: event handler, dangerous URL, remote resource, CSS."""
    name = name.lower()
    out: list[tuple[str, str, str]] = []
    if name.startswith("on") and len(name) > 2:
        return [("MH302", f"event-handler attribute '{name}' runs a script", "remove it")]
    scheme = dangerous_scheme(value)
    if scheme and (scheme != "data" or name not in TEXT_ATTRS):
        out.append(("MH303", f"{scheme}: URL in attribute '{name}'", "link to a page or file of this site"))
    if name in RESOURCE_ATTRS:
        urls = [u.strip().split()[0] for u in value.split(",") if u.strip()] if "srcset" in name else [value]
        for url in urls:
            if not dangerous_scheme(url) and is_remote_url(url):
                out.append(("MH304", f"'{name}' loads {_short(url)} from another host",
                            "put the file in docs/ and use a relative path"))
    if name == "style":
        css = html.unescape(value)
        decoded = decode_css(css)
        if _CSS_ACTIVE.search(decoded):
            out.append(("MH305", "style attribute runs or imports something", "remove it"))
        for url in css_urls(css):
            scheme = dangerous_scheme(url)
            if scheme:
                out.append(("MH303", f"{scheme}: URL in a style attribute", "remove it"))
            elif is_remote_url(url):
                out.append(("MH304", f"style attribute loads {_short(url)} from another host",
                            "put the file in docs/ and use a relative path"))
    return out


def _short(url: str, limit: int = 60) -> str:
    url = url.strip()
    return repr(url if len(url) <= limit else url[: limit - 1] + "…")


class _OutputScanner(HTMLParser):
    """Counts active HTML in rendered output, by code: what a browser would run or fetch."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.counts: Counter[str] = Counter()
        self._style: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ACTIVE_TAGS:
            self.counts["MH301"] += 1
        if tag == "style":
            self._style = []
        for name, value in attrs:
            for code, _, _ in _attr_problems(name, value or ""):
                self.counts[code] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "style":
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._style is not None:
            self._style.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style" and self._style is not None:
            if css_loads("".join(self._style)):
                self.counts["MH305"] += 1
            self._style = None

    def close(self) -> None:
        super().close()
        self.handle_endtag("style")


def render(markdown_text: str) -> str | None:
    """The body as the site's Markdown extensions render it, or None if rendering fails."""
    try:
        return _markdown.Markdown(extensions=list(RENDER_EXTENSIONS)).convert(markdown_text)
    except Exception:  # hostile input may crash the renderer: then nothing counts as verified code
        return None


def active_html_counts(rendered: str) -> Counter[str] | None:
    """How many active elements, handlers, dangerous URLs, remote resources and stylesheets, by code.

    None if the HTML is too broken for the parser (html.parser asserts on some markup), in which case
    nothing can be confirmed as inert.
    """
    scanner = _OutputScanner()
    try:
        scanner.feed(rendered)
        scanner.close()
    except Exception:
        return None
    return scanner.counts


# --------------------------------------------------------------------------------------------------
# Markdown links.

@dataclass(frozen=True)
class Link:
    """A Markdown link or image destination: where it starts and ends, and its text (cut at 4096)."""

    offset: int
    end: int
    dest: str
    image: bool
    anchor_offset: int  # the '!' or '[' that starts it, or the reference definition


class _LinkSyntax:
    """Bracket pairs and link-destination ends of a text, precomputed in linear time.

    Hostile files may hold half a million '![' or '](': scanning forward from each would be quadratic.
    """

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        n = len(text)
        self.brackets: dict[int, int] = {}
        stack: list[int] = []
        depth = array("q", bytes(8 * (n + 1)))  # unescaped '(' minus ')' before each offset
        escaped = False
        for i in range(start, n):
            c = text[i]
            depth[i + 1] = depth[i]
            if escaped:
                escaped = False
                continue
            if c == "\\":
                escaped = True
            elif c == "[":
                stack.append(i)
            elif c == "]" and stack:
                self.brackets[stack.pop()] = i
            elif c == "(":
                depth[i + 1] += 1
            elif c == ")":
                depth[i + 1] -= 1
            elif c == "\n" and text.startswith("\n", i + 1):
                stack.clear()  # a blank line ends the paragraph
        # The first offset after i where the depth drops below depth[i] (next smaller element).
        self.drop = array("q", [n + 1]) * (n + 1)
        pending: list[int] = []
        for i in range(n + 1):
            while pending and depth[i] < depth[pending[-1]]:
                self.drop[pending.pop()] = i
            pending.append(i)
        self.next_space = array("q", [n]) * (n + 1)
        self.next_gt = array("q", [n]) * (n + 1)
        self.next_newline = array("q", [n]) * (n + 1)
        for i in range(n - 1, start - 1, -1):
            c = text[i]
            self.next_space[i] = i if c.isspace() else self.next_space[i + 1]
            self.next_gt[i] = i if c == ">" else self.next_gt[i + 1]
            self.next_newline[i] = i if c == "\n" else self.next_newline[i + 1]

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
            end = self.next_gt[k]
            return (k + 1, end) if end < n and end < self.next_newline[k] else None
        # Ends at whitespace, or at the ')' that would take the paren depth below where it started.
        return k, min(self.next_space[k], self.drop[k] - 1, n)


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


# --------------------------------------------------------------------------------------------------
# Front matter.

@dataclass(frozen=True)
class _BadDate:
    text: str


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps an impossible date (2025-02-30) as a value to report instead of raising."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return _BadDate(str(node.value))


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


@dataclass
class _FrontMatter:
    meta: dict | None = None
    start: int = 0           # offset of the YAML text
    end: int = 0             # offset just after the closing fence line (0: no front matter)
    keys: dict[str, yaml.Node] = field(default_factory=dict)     # value nodes by key


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


REQUIRED = {
    "chapter": ("title", "description", "tags", "level", "duration", "last_reviewed", "review_by"),
    "post": ("date", "title", "description", "slug", "authors", "categories", "tags"),
    "translated-post": ("title", "description"),
    "page": ("title",),
}
STRING_FIELDS = ("title", "description", "slug", "level")
LIST_FIELDS = ("tags", "authors", "categories")
DATE_FIELDS = ("date", "last_reviewed", "review_by")


# --------------------------------------------------------------------------------------------------
# One file.

@dataclass
class FileInfo:
    """What check_tree needs from one file besides its own findings."""

    path: str
    kind: str
    lang: str
    findings: list[Finding] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    links: list[tuple[int, int, Link]] = field(default_factory=list)  # (line, col, link)
    slug: str | None = None
    slug_pos: tuple[int, int] = (1, 1)


class _File:
    """The analysis of one Markdown file."""

    def __init__(self, path: str, data: bytes, kind: str, lang: str, vocabulary: Vocabulary,
                 *, verify: bool = True) -> None:
        self.info = FileInfo(path, kind, lang)
        self.vocabulary = vocabulary
        self.verify = verify
        if len(data) > MAX_FILE_BYTES:
            line = data.count(b"\n", 0, MAX_FILE_BYTES) + 1
            line_start = data.rfind(b"\n", 0, MAX_FILE_BYTES) + 1
            col = len(data[line_start:MAX_FILE_BYTES].decode("utf-8", "replace")) + 1
            self.add_at(line, col, "MH002", f"file is {len(data):,} bytes, more than {MAX_FILE_BYTES:,}",
                        "split it or move large data out of docs/")
            return
        try:
            raw = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            line_start = data.rfind(b"\n", 0, error.start) + 1
            col = len(data[line_start:error.start].decode("utf-8", "replace")) + 1
            self.add_at(line, col, "MH001", f"not UTF-8 (byte 0x{data[error.start]:02x})",
                        "save the file as UTF-8")
            return
        self.text = raw.replace("\r\n", "\n").replace("\r", "\n")
        self.pos = _Positions(self.text)
        self.run()

    # -- reporting

    def add_at(self, line: int, col: int, code: str, message: str, hint: str) -> None:
        self.info.findings.append(Finding(self.info.path, line, col, code, message, hint))

    def add(self, offset: int, code: str, message: str, hint: str) -> None:
        self.add_at(*self.pos(offset), code, message, hint)

    # -- the rules

    def run(self) -> None:
        text = self.text
        self.lead = 1 if text.startswith("\ufeff") else 0
        # A snippet is pasted into a page as it is: a leading '---' block is not front matter there.
        self.fm = self.front_matter() if self.info.kind != "snippet" else _FrontMatter()
        self.body_start = self.fm.end or self.lead
        fences = _Regions(_fenced_blocks(text, self.body_start))
        spans = _Regions(_code_spans(text, self.body_start, fences))
        self.code = _Regions(fences.spans() + spans.spans())
        comments = [(m.start(), m.end()) for m in re.finditer(r"<!--.*?(?:-->|\Z)", text[self.body_start:], re.S)]
        comments = [(s + self.body_start, e + self.body_start) for s, e in comments
                    if s + self.body_start not in self.code]
        self.inert = _Regions(self.code.spans() + comments)
        self.fences = fences
        if self.fm.meta is not None:
            self.check_meta(self.fm.meta)
        elif not self.fm.end and not self.info.findings and self.info.kind != "snippet":
            self.check_meta({})  # no front matter at all: every required field is missing
        self.check_lists()
        self.check_snippets()
        self.links, self.refs = markdown_links(text, self.body_start)
        self.check_html()
        self.check_invisible()
        self.collect_ids()
        for link in self.links:
            if link.anchor_offset not in self.inert:
                line, col = self.pos(link.offset)
                self.info.links.append((line, col, link))

    def front_matter(self) -> _FrontMatter:
        fm = _FrontMatter()
        text = self.text[self.lead:]
        match = FENCE.match(text)
        if not match:
            if text.startswith("---") and re.match(r"---[ \t]*\n", text):
                self.add_at(1, 1 + self.lead, "MH101", "front matter is not closed",
                            "end it with a line of three dashes: ---")
            return fm
        fm.start = self.lead + match.start("yaml") if match.group("yaml") is not None else self.lead + match.end()
        fm.end = self.lead + match.end()
        raw = match.group("yaml") or ""
        loader: _Loader | None = None
        try:
            loader = _Loader(raw)  # the reader rejects control characters here already
            node = loader.get_single_node()
            if node is not None and isinstance(node, yaml.MappingNode):
                seen: dict[str, yaml.Node] = {}
                for key_node, value_node in node.value:
                    key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else ""
                    if key in seen:
                        self.add(fm.start + key_node.start_mark.index, "MH101", f"'{key}' is given twice",
                                 "keep one")
                    seen[key] = key_node
                    fm.keys[key] = value_node
            meta = loader.construct_document(node) if node is not None else None
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
            position = mark.index if mark is not None else getattr(error, "position", 0)  # ReaderError
            offset = fm.start + position
            problem = getattr(error, "problem", None) or str(error).splitlines()[0]
            self.add(min(offset, len(self.text)), "MH101", f"front matter is not valid YAML: {problem}",
                     "quote values that contain ':' or '#'")
            return fm
        except Exception as error:  # e.g. RecursionError on absurd nesting
            self.add(fm.start, "MH101", f"front matter cannot be read: {type(error).__name__}",
                     "write plain 'key: value' lines")
            return fm
        finally:
            if loader is not None:
                loader.dispose()
        if meta is None:
            meta = {}
        if not isinstance(meta, dict):
            self.add(fm.start, "MH102", "front matter is not a mapping of keys to values",
                     "write it as 'key: value' lines")
            return fm
        fm.meta = meta
        return fm

    def value_offset(self, key: str) -> int:
        node = self.fm.keys.get(key)
        return self.fm.start + node.start_mark.index if node is not None else self.lead

    def check_meta(self, meta: dict) -> None:
        kind = self.info.kind
        if kind == "post" and self.info.lang != DEFAULT_LANG:
            kind = "translated-post"
        for key in REQUIRED.get(kind, ()):
            value = meta.get(key)
            if value is None or value == "" or value == [] or value == {}:
                if kind == "page" and key == "title" and self.has_h1():
                    continue
                where = self.value_offset(key) if key in meta else self.lead
                self.add(where, "MH103", f"'{key}' is missing or empty" if key in meta else f"'{key}' is missing",
                         f"add '{key}: ...' (see CONTRIBUTING.md)")
        for key in STRING_FIELDS:
            value = meta.get(key)
            if value is not None and value != "" and not isinstance(value, str):
                self.add(self.value_offset(key), "MH104", f"'{key}' must be text, not {_type_name(value)}",
                         "write plain text")
        for key in ("title", "description"):
            value = meta.get(key)
            if isinstance(value, str):
                bad = _TITLE_MARKUP.search(value)
                if bad:
                    self.add(self.markup_offset(key, bad.group()), "MH108",
                             f"'{key}' contains markup or ASCII quotes ({bad.group()!r})",
                             "write plain text; use typographic quotes “ ” ‘ ’")
        for key in LIST_FIELDS:
            value = meta.get(key)
            if value is None or value == []:
                continue
            node = self.fm.keys.get(key)
            if not isinstance(value, list):
                self.add(self.value_offset(key), "MH104", f"'{key}' must be a list, not {_type_name(value)}",
                         f"e.g. {key}: [a, b]")
                continue
            items = node.value if isinstance(node, yaml.SequenceNode) else []
            for index, item in enumerate(value):
                offset = self.fm.start + items[index].start_mark.index if index < len(items) else self.value_offset(key)
                if not isinstance(item, str):
                    self.add(offset, "MH104", f"'{key}' item {item!r} must be text", "write the id as plain text")
                elif key == "tags" and item not in self.vocabulary.tags:
                    self.add(offset, "MH106", f"unknown tag '{item}'", "use an id from data/vocabulary.yml")
                elif key == "categories" and self.vocabulary.category_id(item) is None:
                    self.add(offset, "MH107", f"unknown category '{item}'", "use one from data/vocabulary.yml")
        for key in DATE_FIELDS:
            if key not in meta or meta[key] is None:
                continue
            value = meta[key]
            if key == "date" and isinstance(value, dict):
                created = value.get("created")
                if not isinstance(created, (dt.date, dt.datetime)) or isinstance(created, _BadDate):
                    self.add(self.value_offset(key), "MH105", "'date' needs a real 'created' date", "YYYY-MM-DD")
                continue
            ok = isinstance(value, (dt.date, dt.datetime)) if key == "date" else _is_date(value)
            if not ok:
                shown = value.text if isinstance(value, _BadDate) else value
                self.add(self.value_offset(key), "MH105", f"'{key}' is not a real date: {shown!r}",
                         "write YYYY-MM-DD without quotes")
        slug = meta.get("slug")
        if isinstance(slug, str):
            self.info.slug = slug
            self.info.slug_pos = self.pos(self.value_offset("slug"))
            if not _SLUG.match(slug):
                self.add(self.value_offset("slug"), "MH109", f"slug {slug!r} is not lower-case ASCII words and hyphens",
                         "e.g. slug: the-exact-title")
        if self.info.kind == "chapter":
            self.check_chapter_values(meta)

    def check_chapter_values(self, meta: dict) -> None:
        level = meta.get("level")
        if isinstance(level, str) and level not in LEVELS:
            self.add(self.value_offset("level"), "MH110", f"'level' must be one of {', '.join(LEVELS)}",
                     "beginner | intermediate | advanced")
        duration = meta.get("duration")
        if duration is not None and (not isinstance(duration, int) or isinstance(duration, bool)):
            self.add(self.value_offset("duration"), "MH104", "'duration' must be a whole number of minutes",
                     "e.g. duration: 60")
        elif isinstance(duration, int) and not 5 <= duration <= 480:
            self.add(self.value_offset("duration"), "MH110", "'duration' must be 5 to 480 minutes",
                     "minutes needed to teach the chapter")
        reviewed, review_by = meta.get("last_reviewed"), meta.get("review_by")
        if _is_date(reviewed) and _is_date(review_by) and review_by <= reviewed:
            self.add(self.value_offset("review_by"), "MH110", "'review_by' must come after 'last_reviewed'",
                     "e.g. six months later")

    def markup_offset(self, key: str, char: str) -> int:
        node = self.fm.keys.get(key)
        if node is None:
            return self.lead
        start, end = node.start_mark.index, node.end_mark.index
        raw = self.text[self.fm.start + start: self.fm.start + end]
        skip = 1 if getattr(node, "style", None) in ("'", '"') else 0
        found = raw.find(char, skip)
        return self.fm.start + start + (found if found >= 0 else 0)

    def has_h1(self) -> bool:
        body = self.text[self.body_start:]
        return bool(re.search(r"^[ \t]{0,3}#(?!#)[ \t]*\S", body, re.M) or re.search(r"^\S.*\n=+[ \t]*$", body, re.M))

    def check_lists(self) -> None:
        lines = self.text[self.body_start:].split("\n")
        offsets = []
        pos = self.body_start
        for line in lines:
            offsets.append(pos)
            pos += len(line) + 1
        visible = ["" if offsets[i] in self.fences else line for i, line in enumerate(lines)]
        reported = False
        for i, depth in enumerate(list_depths(visible)):
            if depth > MAX_LIST_DEPTH and not reported:
                indent = len(visible[i]) - len(visible[i].lstrip(" \t>"))
                self.add(offsets[i] + indent, "MH003", f"list nested {depth} levels deep, more than {MAX_LIST_DEPTH}",
                         "flatten the list")
                reported = True  # once per list: the items below it are as deep
            elif 0 < depth <= MAX_LIST_DEPTH:
                reported = False

    def check_snippets(self) -> None:
        block = False
        pos = self.body_start
        for line in self.text[self.body_start:].split("\n"):
            match = re.match(r"^[ \t]*(;*)(-+8<-+)(?:([ \t]+)(\"(?:\\\"|[^\"])+?\"|'(?:\\'|[^'])+?'))?[ \t]*$", line)
            if match:
                if match.group(1):
                    pass
                elif match.group(4):
                    if not block:
                        path_start = pos + match.start(4) + 1
                        self.check_snippet_path(match.group(4)[1:-1], path_start)
                else:
                    block = not block
            elif block:
                stripped = line.strip()
                if stripped and not stripped.startswith(";"):
                    self.check_snippet_path(stripped, pos + len(line) - len(line.lstrip()))
            pos += len(line) + 1

    def check_snippet_path(self, path: str, offset: int) -> None:
        """Include paths are relative to snippets/: anything that could climb out of it is refused."""
        stripped = path.strip()
        ok = (
            bool(stripped)
            and not stripped.startswith("/")
            and not _SCHEME.match(stripped)  # https:, file:, and C: drive letters
            and ".." not in stripped.split("/")
            and not any(c in stripped for c in "\\\x00~")
        )
        if not ok:
            self.add(offset, "MH501", f"snippet include {stripped!r} points outside {SNIPPETS_DIR}/",
                     f"include a file of {SNIPPETS_DIR}/ by its path inside it, e.g. --8<-- \"glossary/en.md\"")

    def check_html(self) -> None:
        text = self.text
        found: list[_Candidate] = []
        hint_remove = "remove it: pages must not run or load anything"
        for match in _ACTIVE_TAG.finditer(text):
            found.append(_Candidate(match.start(), "MH301", f"<{match.group(1).lower()}> element", hint_remove))
        style_ends = [m.start() for m in _STYLE_END.finditer(text)]
        for match in _STYLE_TAG.finditer(text):
            k = bisect.bisect_left(style_ends, match.end())
            css = text[match.end(): style_ends[k] if k < len(style_ends) else len(text)]
            css = css.split(">", 1)[1] if ">" in css else css
            if css_loads(css):
                found.append(_Candidate(match.start(), "MH305", "<style> imports or loads a resource", hint_remove))
        for match in _EVENT_ATTR.finditer(text):
            name = match.group().split("=")[0].strip().lower()
            found.append(_Candidate(match.start(), "MH302", f"event-handler attribute '{name}' runs a script",
                                    hint_remove))
        for match in _ATTR.finditer(text):
            name = match.group("name")
            group = next(g for g in ("dq", "sq", "uq") if match.group(g) is not None)
            value, offset = match.group(group), match.start(group)
            if name.lower().startswith("on"):
                continue
            for code, message, hint in _attr_problems(name, value):
                found.append(_Candidate(offset, code, message, hint))
        for link in self.links:
            head = url_head(text, link.offset, link.end)
            scheme = dangerous_scheme(head)
            if scheme:
                what = "image" if link.image else "link"
                found.append(_Candidate(link.offset, "MH303", f"{scheme}: URL in a {what}",
                                        "link to a page or file of this site"))
            elif link.image and is_remote_url(head):
                found.append(_Candidate(link.anchor_offset if link.anchor_offset >= self.body_start else link.offset,
                                        "MH304", f"image loads {_short(link.dest)} from another host",
                                        "put the image in docs/ and use a relative path"))
        for ref in self.refs.values():
            scheme = dangerous_scheme(ref.dest)
            if scheme:
                found.append(_Candidate(ref.offset, "MH303", f"{scheme}: URL in a link reference",
                                        "link to a page or file of this site"))
        unique: dict[tuple[int, str], _Candidate] = {}
        for candidate in found:
            inert = candidate.offset in self.inert
            unique.setdefault((candidate.offset, candidate.code),
                              _Candidate(candidate.offset, candidate.code, candidate.message, candidate.hint, inert))
        candidates = sorted(unique.values(), key=lambda c: (c.offset, c.code))
        live = Counter(c.code for c in candidates if not c.inert)
        inert_by_code: dict[str, list[_Candidate]] = defaultdict(list)
        for candidate in candidates:
            if candidate.inert:
                inert_by_code[candidate.code].append(candidate)
        for candidate in candidates:
            if not candidate.inert:
                self.add(candidate.offset, candidate.code, candidate.message, candidate.hint)
        body = text[self.body_start:] if self.fm.meta is not None else text
        if not self.verify or (not inert_by_code and len(body) > RENDER_ALWAYS_BELOW):
            return
        rendered = render(body)
        output = active_html_counts(rendered) if rendered is not None else None
        if output is None:
            for candidates_of_code in inert_by_code.values():
                for candidate in candidates_of_code:
                    self.add(candidate.offset, candidate.code, candidate.message + " (could not confirm it is code)",
                             candidate.hint)
            self.add(self.body_start, "MH306", "the page could not be rendered and checked as HTML",
                     "simplify the raw HTML in it")
            return
        for code, count in sorted(output.items()):
            if count > live[code]:
                for candidate in inert_by_code.get(code, []):
                    self.add(candidate.offset, candidate.code, candidate.message + " (it is not code once rendered)",
                             candidate.hint)
                if count > live[code] + len(inert_by_code.get(code, [])):
                    self.add(self.body_start, "MH306",
                             f"the rendered page has {count - live[code]} more {code} problem(s) than the source shows",
                             f"look for hidden HTML; run the {code} checks on the rendered page")

    def check_invisible(self) -> None:
        text = self.text
        for match in re.finditer("[" + "".join(sorted(BIDI_CONTROLS)) + "]", text):
            char = match.group()
            self.add(match.start(), "MH401", f"direction control U+{ord(char):04X} {unicodedata.name(char, '')}",
                     "remove it: it can make text read differently from what it is")
        contexts: list[tuple[int, int]] = []
        if self.fm.end:
            contexts.append((0, self.fm.end))
        contexts.extend(self.code.spans())
        contexts.extend((link.offset, link.end) for link in self.links)
        contexts.extend((ref.offset, ref.end) for ref in self.refs.values())
        for match in _AUTOLINK.finditer(text, self.body_start):
            contexts.append((match.start(1), match.end(1)))
        for match in _ATTR.finditer(text):
            if match.group("name").lower() in URL_ATTRS | {"style"}:
                group = next(g for g in ("dq", "sq", "uq") if match.group(g) is not None)
                contexts.append((match.start(group), match.end(group)))
        seen: set[int] = set()
        for start, end in _Regions(contexts).spans():
            for index in range(start, end):
                char = text[index]
                if char in INVISIBLE_CHARS and index not in seen and not (index == 0 and char == "\ufeff"):
                    seen.add(index)
                    where = "front matter" if index < self.fm.end else (
                        "code" if index in self.code else "an address")
                    self.add(index, "MH402", f"invisible character U+{ord(char):04X} "
                             f"{unicodedata.name(char, 'FORMAT CHARACTER')} in {where}",
                             "remove it: it makes code and addresses differ from what readers see")

    def collect_ids(self) -> None:
        text = self.text
        ids: set[str] = set()
        body_lines = text[self.body_start:].split("\n")
        offsets = []
        pos = self.body_start
        for line in body_lines:
            offsets.append(pos)
            pos += len(line) + 1
        for match in re.finditer(r"\{:?[ \t]*([^}\n]*)\}", text[self.body_start:]):
            if self.body_start + match.start() in self.inert:
                continue
            ids.update(m.group(1) for m in re.finditer(r"(?:^|\s)#([^\s}#.]+)", match.group(1)))
        for match in _ATTR.finditer(text, self.body_start):
            if match.group("name").lower() in ("id", "name") and match.start() not in self.inert:
                group = next(g for g in ("dq", "sq", "uq") if match.group(g) is not None)
                ids.add(html.unescape(match.group(group)))
        for match in re.finditer(r"\[\^([^\]\s]+)\]", text[self.body_start:]):
            ids.update({f"fn:{match.group(1)}", f"fnref:{match.group(1)}"})
        headings: list[str] = []
        previous = ""
        for i, line in enumerate(body_lines):
            if offsets[i] in self.fences:
                previous = ""
                continue
            atx = re.match(r"^[ \t]*#{1,6}(?!#)(.*)$", line)
            if atx:
                headings.append(re.sub(r"(?:^|[ \t]+)#+[ \t]*$", "", atx.group(1)).strip())
            elif re.match(r"^(=+|-+)[ \t]*$", line) and previous.strip() and not _LIST_ITEM.match(previous) \
                    and not previous.lstrip().startswith(("#", "<", "|", ">")):
                headings.append(previous.strip())
            previous = line
        explicit = re.compile(r"[ \t]+\{:?[ \t]*([^}\n]*)\}[ \t]*$")
        pending: list[str] = []
        for content in headings:
            attrs = explicit.search(" " + content)
            heading_id = None
            if attrs:
                found = re.search(r"(?:^|\s)#([^\s}#.]+)", attrs.group(1))
                heading_id = found.group(1) if found else None
                content = (" " + content)[: attrs.start()].strip()
            if heading_id:
                ids.add(heading_id)
            else:
                pending.append(content)
        counters: dict[str, int] = {}
        for content in pending:
            unique_id(slugify(heading_text(content)), ids, counters)
        self.info.ids = ids


def _type_name(value: object) -> str:
    if isinstance(value, _BadDate):
        return "an impossible date"
    return {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a mapping",
            dt.date: "a date", dt.datetime: "a date and time"}.get(type(value), type(value).__name__)


def analyse_file(path: str, data: bytes, *, kind: str, lang: str, vocabulary: Vocabulary,
                 verify: bool = True) -> FileInfo:
    """Check one file and keep what the cross-file checks need (ids, links, slug)."""
    return _File(path, data, kind, lang, vocabulary, verify=verify).info


def check_file(path: str, data: bytes, *, kind: str, lang: str, vocabulary: Vocabulary) -> list[Finding]:
    """Every single-file rule for one file of a kind ('chapter', 'post', 'page', 'snippet') and language."""
    return sorted(analyse_file(path, data, kind=kind, lang=lang, vocabulary=vocabulary).findings)


# --------------------------------------------------------------------------------------------------
# The whole tree.

def kind_of(relative: PurePosixPath | str) -> tuple[str, str]:
    """(kind, lang) of a file from its path under docs/: docs/<lang>/handbook/x.md is a chapter."""
    parts = PurePosixPath(relative).parts
    lang, rest = parts[0], parts[1:]
    if len(rest) == 2 and rest[0] == "handbook" and rest[1] != "index.md":
        return "chapter", lang
    if len(rest) >= 3 and rest[0] == "blog" and rest[1] == "posts":
        return "post", lang
    return "page", lang


def _output_key(relative: PurePosixPath) -> str:
    """The page a file becomes under use_directory_urls: foo.md and foo/index.md are both foo/."""
    stem = relative.name[:-3]
    parent = str(relative.parent) if str(relative.parent) != "." else ""
    key = parent if stem in ("index", "README") else posixpath.join(parent, stem)
    return key.lower()


def _walk(docs_dir: Path) -> tuple[list[tuple[str, PurePosixPath]], list[tuple[str, PurePosixPath, str]]]:
    """Markdown files as (lang, path under the language), and other entries with a problem code."""
    pages: list[tuple[str, PurePosixPath]] = []
    others: list[tuple[str, PurePosixPath, str]] = []
    if not docs_dir.is_dir():
        return pages, others
    for lang_dir in sorted(docs_dir.iterdir()):
        if lang_dir.name.startswith("."):
            continue
        if lang_dir.is_symlink():
            others.append((lang_dir.name, PurePosixPath("."), "MH004"))
            continue
        if not lang_dir.is_dir():
            continue
        for root, dirs, files in os.walk(lang_dir, followlinks=False):
            rel_root = PurePosixPath(Path(root).relative_to(lang_dir).as_posix())
            for name in sorted(dirs):
                if name.startswith("."):
                    continue
                if (Path(root) / name).is_symlink():
                    others.append((lang_dir.name, rel_root / name, "MH004"))
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (Path(root) / d).is_symlink())
            for name in sorted(files):
                if name.startswith("."):
                    continue
                rel = rel_root / name
                full = Path(root) / name
                if full.is_symlink():
                    others.append((lang_dir.name, rel, "MH004"))
                elif name.endswith(".md"):
                    pages.append((lang_dir.name, rel))
                elif Path(name).suffix.lower() not in INERT_FILE_TYPES:
                    others.append((lang_dir.name, rel, "MH005"))
                else:
                    others.append((lang_dir.name, rel, ""))
    return pages, others


def check_tree(docs_dir: Path, *, vocabulary: Vocabulary, paths: Sequence[Path] | None = None,
               snippets_dir: Path | None = None) -> list[Finding]:
    """Every rule over docs/<lang>/**: each Markdown file, plus slugs, output paths, links and anchors.

    Also every file of `snippets_dir` (default: the snippets/ folder beside docs/, if there is one).
    With `paths`, only findings in those files are returned, but the whole tree is still read so that
    links, anchors, slugs and output paths are judged against everything.
    """
    docs_dir = Path(docs_dir)
    if snippets_dir is None:
        snippets_dir = docs_dir.parent / SNIPPETS_DIR
    wanted = {os.path.abspath(p) for p in paths} if paths is not None else None

    def selected(full: Path) -> bool:
        return wanted is None or os.path.abspath(full) in wanted

    pages, others = _walk(docs_dir)
    findings: list[Finding] = []
    existing: dict[str, set[str]] = defaultdict(set)
    for lang, rel in pages:
        existing[lang].add(str(rel))
    for lang, rel, code in others:
        full = docs_dir / lang / rel
        if code == "MH004" and selected(full):
            findings.append(Finding(str(full), 1, 1, "MH004", "symbolic link in docs/",
                                    "replace it with the real file: the build would publish what it points at"))
        elif code == "MH005" and selected(full):
            findings.append(Finding(str(full), 1, 1, "MH005",
                                    f"file type '{full.suffix or full.name}' can carry scripts or is not an asset",
                                    "use Markdown for pages and PNG, JPEG, WebP or PDF for files"))
        if code in ("", "MH005"):
            existing[lang].add(str(rel))
    infos: dict[tuple[str, str], FileInfo] = {}
    for lang, rel in pages:
        full = docs_dir / lang / rel
        kind, _ = kind_of(PurePosixPath(lang) / rel)
        try:
            data = full.read_bytes()
        except OSError as error:
            if selected(full):
                findings.append(Finding(str(full), 1, 1, "MH001", f"cannot be read: {error.strerror}", "check the file"))
            continue
        info = analyse_file(str(full), data, kind=kind, lang=lang, vocabulary=vocabulary, verify=selected(full))
        infos[(lang, str(rel))] = info
        if selected(full):
            findings.extend(info.findings)

    findings.extend(_check_snippets_dir(Path(snippets_dir), vocabulary, selected))
    from handbook.font_coverage import font_findings  # imported here: it builds Finding from this module

    findings.extend(font_findings(docs_dir, selected))

    by_slug: dict[tuple[str, str], list[FileInfo]] = defaultdict(list)
    by_output: dict[tuple[str, str], list[tuple[str, FileInfo]]] = defaultdict(list)
    for (lang, rel), info in infos.items():
        if info.kind == "post" and info.slug:
            by_slug[(lang, info.slug)].append(info)
        by_output[(lang, _output_key(PurePosixPath(rel)))].append((rel, info))
    for (lang, slug), group in by_slug.items():
        if len(group) > 1:
            for info in group:
                if selected(Path(info.path)):
                    others_named = ", ".join(Path(o.path).name for o in group if o is not info)
                    findings.append(Finding(info.path, *info.slug_pos, "MH201",
                                            f"slug '{slug}' is also used by {others_named}",
                                            "give every post its own slug"))
    for (lang, rel), info in infos.items():
        # The build refuses these (translations.scan calls them orphans; blog_i18n for posts).
        if lang != DEFAULT_LANG and (DEFAULT_LANG, rel) not in infos and selected(Path(info.path)):
            findings.append(Finding(info.path, 1, 1, "MH207", f"translation has no English source {DEFAULT_LANG}/{rel}",
                                    "give it the same path as its English file, or add the English file first"))
    for (lang, key), group in by_output.items():
        if len(group) > 1:
            for rel, info in group:
                if selected(Path(info.path)):
                    clash = ", ".join(r for r, o in group if o is not info)
                    findings.append(Finding(info.path, 1, 1, "MH202",
                                            f"builds to the same page '{key or '/'}/' as {clash}",
                                            "rename or remove one of them"))

    for (lang, rel), info in infos.items():
        if not selected(Path(info.path)):
            continue
        for line, col, link in info.links:
            problem = _link_problem(lang, rel, link, infos, existing)
            if problem:
                findings.append(Finding(info.path, line, col, *problem))
    return sorted(findings)


def _check_snippets_dir(snippets_dir: Path, vocabulary: Vocabulary, selected) -> list[Finding]:
    """Every file that pymdownx.snippets may paste into a page, whatever its extension."""
    findings: list[Finding] = []
    if not snippets_dir.is_dir():
        return findings
    for root, dirs, files in os.walk(snippets_dir, followlinks=False):
        for name in sorted(dirs + files):
            full = Path(root) / name
            if not selected(full):
                continue
            if full.is_symlink():
                findings.append(Finding(str(full), 1, 1, "MH004", f"symbolic link in {SNIPPETS_DIR}/",
                                        "replace it with the real file: it would be pasted into pages"))
            elif name in files:
                findings.extend(analyse_file(str(full), full.read_bytes(), kind="snippet", lang="",
                                             vocabulary=vocabulary).findings)
        dirs[:] = sorted(d for d in dirs if not (Path(root) / d).is_symlink())
    return findings


def _link_problem(lang: str, rel: str, link: Link, infos: dict[tuple[str, str], FileInfo],
                  existing: dict[str, set[str]]) -> tuple[str, str, str] | None:
    """(code, message, hint) if a relative link or image does not resolve, else None."""
    dest = link.dest.strip()
    if dest.startswith("<") and dest.endswith(">"):
        dest = dest[1:-1]
    dest = re.sub(r"\\([\\`*_{}\[\]()>#+\-.!])", r"\1", html.unescape(dest))
    if not dest or dangerous_scheme(dest) or is_remote_url(dest):
        return None
    try:
        parts = urllib.parse.urlsplit(dest)
    except ValueError:  # e.g. an unbalanced '[' in what looks like a host
        return None
    if parts.scheme or parts.netloc:
        return None
    path, fragment = urllib.parse.unquote(parts.path), urllib.parse.unquote(parts.fragment)
    if path.startswith("/"):
        return ("MH206", f"absolute link '{dest}'", "link relative to this file, e.g. ../handbook/passwords.md")
    what = "image" if link.image else "link"
    if not path:
        target: tuple[str, str] | None = (lang, rel)
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
        if joined.startswith("..") or joined.startswith("/"):
            return ("MH205" if link.image else "MH203", f"{what} '{dest}' leaves the {lang}/ folder",
                    "link to a file of the same language")
        target = None
        for candidate_lang in (lang, DEFAULT_LANG):
            if joined in existing.get(candidate_lang, set()):
                target = (candidate_lang, joined)
                break
        if target is None:
            if link.image:
                return ("MH205", f"image '{dest}' does not exist", "add the file or fix the path")
            hint = "link to the .md file" if not posixpath.splitext(path)[1] else "fix the path or add the page"
            return ("MH203", f"link to '{dest}': no such page or file", hint)
    if fragment and target[1].endswith(".md"):
        info = infos.get(target)
        if info is not None and fragment not in info.ids:
            return ("MH204", f"no anchor '#{fragment}' in {target[0]}/{target[1]}",
                    "use an id the page has, e.g. {#checklist} on its heading")
    return None
