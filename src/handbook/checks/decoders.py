"""URLs and CSS as a browser would act on them: what hides a scheme, a host or a stylesheet import."""

from __future__ import annotations

import html
import re
import urllib.parse

DANGEROUS_SCHEMES = ("javascript", "vbscript", "data")

_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.S)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\f]?|\n|(.))", re.S)
CSS_ACTIVE = re.compile(r"@import|expression\s*\(|-moz-binding|(?<![\w-])behavior\s*:", re.I)
_CSS_LOADS = re.compile(r"(?<![\w-])(?:url|image|image-set|-webkit-image-set|cross-fade|src)\s*\(", re.I)
_CSS_URL = re.compile(r"""(?<![\w-])url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))\s*\)|"([^"]*)"|'([^']*)'""", re.I)
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
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
    match = SCHEME.match(text)
    if match and match.group(1).lower() in DANGEROUS_SCHEMES:
        return match.group(1).lower()
    return None


def is_remote_url(raw: str) -> bool:
    """True if the URL names another host: any scheme (https:, ftp:, ...) or a protocol-relative //host."""
    text = decode_url(raw)
    return bool(SCHEME.match(text)) or text.replace("\\", "/").startswith("//")


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
    return bool(CSS_ACTIVE.search(css) or _CSS_LOADS.search(css))


def css_urls(css: str) -> list[str]:
    """Every url(...) and quoted string of a declaration list: what image-set() and friends may fetch."""
    return [next(g for g in m.groups() if g is not None).strip() for m in _CSS_URL.finditer(decode_css(css))]
