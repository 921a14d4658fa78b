"""Invisible characters: direction controls anywhere (MH401), formatting characters where text must be exact (MH402)."""

from __future__ import annotations

import re
import unicodedata

from handbook.checks.active import RESOURCE_ATTRS
from handbook.checks.findings import Report
from handbook.checks.source import Source
from handbook.markdown_scan import ATTR, Regions, attr_value_group

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Invisible formatting characters that are fine in prose (Urdu needs U+200C and U+200F) but hide
# text in code, addresses and metadata. Also the invisible math operators and the tag characters
# (U+E0001, U+E0020-U+E007F), which can smuggle hidden text.
INVISIBLE_CHARS = frozenset(
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f\u061c\u2061\u2062\u2063\u2064\U000e0001"
    + "".join(chr(c) for c in range(0xE0020, 0xE0080))
)
# Attributes holding URLs, where an invisible character changes the address.
URL_ATTRS = RESOURCE_ATTRS | {"href", "cite", "longdesc", "usemap", "data", "itemid", "itemtype"}
_BIDI = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")
_AUTOLINK = re.compile(r"<((?:[a-zA-Z][a-zA-Z0-9+.\-]{1,31}):[^\s<>]*)>")


def check_invisible(src: Source, report: Report) -> None:
    """MH401 for every direction control; MH402 for invisible characters in front matter, code and addresses."""
    text = src.text
    for match in _BIDI.finditer(text):
        char = match.group()
        report.add(match.start(), "MH401", f"direction control U+{ord(char):04X} {unicodedata.name(char, '')}",
                   "remove it: it can make text read differently from what it is")
    contexts: list[tuple[int, int]] = []
    if src.fm.end:
        contexts.append((0, src.fm.end))
    contexts.extend(src.code.spans())
    contexts.extend((link.offset, link.end) for link in src.links)
    contexts.extend((ref.offset, ref.end) for ref in src.refs.values())
    contexts.extend((m.start(1), m.end(1)) for m in _AUTOLINK.finditer(text, src.body_start))
    for match in ATTR.finditer(text):
        if match.group("name").lower() in URL_ATTRS | {"style"}:
            group = attr_value_group(match)
            contexts.append((match.start(group), match.end(group)))
    seen: set[int] = set()
    for start, end in Regions(contexts).spans():
        for index in range(start, end):
            char = text[index]
            if char in INVISIBLE_CHARS and index not in seen and not (index == 0 and char == "\ufeff"):
                seen.add(index)
                where = "front matter" if index < src.fm.end else ("code" if index in src.code else "an address")
                report.add(index, "MH402", f"invisible character U+{ord(char):04X} "
                           f"{unicodedata.name(char, 'FORMAT CHARACTER')} in {where}",
                           "remove it: it makes code and addresses differ from what readers see")
