"""Finding MH403: a character on an Urdu page that the published Nastaliq subset cannot draw.

Without a glyph, the reader's browser draws that character in some other font (a Naskh letter in the
middle of a Nastaliq word) or, on a phone with no Arabic font that has it, as an empty box.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from handbook import fonts

CODE = "MH403"


@dataclass(frozen=True)
class Gap:
    """The first place a character the font is asked to draw but has no glyph for is used, and how often."""

    line: int
    col: int
    char: str
    count: int


def uncovered(text: str, cmap: set[int], ranges: Iterable[tuple[int, int]] = fonts.FONT_RANGES) -> list[Gap]:
    """Each character of `text` in the font's ranges and not in `cmap`, at its first line and column (1-based)."""
    ranges = tuple(ranges)
    missing = {c for c in set(text) if ord(c) not in cmap and fonts.in_font_ranges(ord(c), ranges)}
    if not missing:  # the usual case, decided without walking the text character by character
        return []
    first: dict[str, tuple[int, int]] = {}
    counts: dict[str, int] = {}
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(lines, start=1):
        for col, char in enumerate(line, start=1):
            if char not in missing:
                continue
            first.setdefault(char, (number, col))
            counts[char] = counts.get(char, 0) + 1
    return sorted((Gap(*first[c], c, counts[c]) for c in first), key=lambda g: (g.line, g.col))


def describe(gap: Gap, in_source: bool) -> tuple[str, str]:
    """(message, hint) for one gap: what the reader would see and how to fix it."""
    name = unicodedata.name(gap.char, "unnamed character")
    more = f", used {gap.count} times" if gap.count > 1 else ""
    message = f"character '{gap.char}' (U+{ord(gap.char):04X} {name}{more}) is not in the Urdu web font"
    if in_source:
        return message, (f"run `handbook font` to add it to {fonts.SUBSET_FONT} and commit that file; "
                         "until then readers see it in another font")
    return message, ("Noto Nastaliq Urdu has no glyph for it, so readers would see it in another font or as "
                     "a box: use the usual Urdu letter or sign (for example ی, ک, ہ instead of Arabic ي, ك, ه)")


def font_findings(docs_dir: Path, texts: Mapping[Path, str]) -> list:
    """MH403 for every Urdu page among `texts` (path -> text, as the checks read them) that the subset cannot draw."""
    from handbook.checks.findings import Finding  # the checks package calls this module from check_tree

    root = docs_dir.parent
    subset = root / fonts.SUBSET_FONT
    if not subset.is_file():  # a bare docs/ folder (no site around it) has no font to check against
        return []
    cmap = fonts.cmap_of(subset.read_bytes())
    source = root / fonts.SOURCE_FONT
    source_cmap = fonts.cmap_of(source.read_bytes()) if source.is_file() else None
    urdu = docs_dir / fonts.URDU
    findings = []
    for path in sorted(p for p in texts if p.is_relative_to(urdu)):
        for gap in uncovered(texts[path], cmap):
            in_source = source_cmap is None or ord(gap.char) in source_cmap
            findings.append(Finding(str(path), gap.line, gap.col, CODE, *describe(gap, in_source)))
    return findings
