"""The Urdu web font: the characters Urdu pages can show, the Nastaliq subset that draws them, its metrics.

Noto Nastaliq Urdu is kept whole in fonts/source/ (outside the published assets) and cut down to the
characters the site uses, with every OpenType layout feature (Nastaliq is unreadable without its
contextual forms, cursive attachment and mark positioning), without hinting, as WOFF2.
`handbook font` regenerates the subset; `handbook check` and the build refuse an Urdu page that uses a
character the subset cannot draw (handbook.font_coverage).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from handbook.dates import format_day

URDU = "ur"
SOURCE_FONT = Path("fonts/source/NotoNastaliqUrdu-Regular.woff2")
SUBSET_FONT = Path("overrides/assets/fonts/noto-nastaliq-urdu-subset.woff2")
MATERIAL_URDU_PARTIAL = Path("material/templates/partials/languages/ur.html")

# The code points the Nastaliq face is asked to draw (urdu.css repeats them as its unicode-range; a test
# keeps the two equal): the Arabic-script blocks, the joiners and the left-to-right mark, the hyphens and
# the Arabic punctuation outside the Arabic blocks. Anything else (Latin words, Latin digits, emoji) is
# drawn by the reader's system fonts.
FONT_RANGES: tuple[tuple[int, int], ...] = (
    (0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x088E), (0x0890, 0x0891), (0x0897, 0x08E1),
    (0x08E3, 0x08FF), (0x200C, 0x200E), (0x2010, 0x2011), (0x204F, 0x204F), (0x2E41, 0x2E41),
    (0xFB50, 0xFDFF), (0xFE70, 0xFE74), (0xFE76, 0xFEFC),
)

# Always kept when the font has them, whatever the content says today: both kinds of digits, the Latin
# punctuation that Urdu prose uses between its own marks, spaces, and the joiners.
ALWAYS = ("0123456789" "۰۱۲۳۴۵۶۷۸۹" " \u00a0\u200c\u200d\u200e" ".,:;!?()[]/-–—'\"%«»"
          "،؛؟۔٪٫٬")

_PARTIAL_STRING = re.compile(r'^\s*"[^"]+":\s*"((?:[^"\\]|\\.)*)",?\s*$', re.M)


def in_font_ranges(code_point: int, ranges: Iterable[tuple[int, int]] = FONT_RANGES) -> bool:
    """True if the Nastaliq face is the font asked to draw this code point."""
    return any(low <= code_point <= high for low, high in ranges)


def unicode_range_css(ranges: Iterable[tuple[int, int]] = FONT_RANGES) -> str:
    """The ranges as a CSS unicode-range value ('U+0600-06FF, U+204F, ...')."""
    return ", ".join(f"U+{low:04X}" if low == high else f"U+{low:04X}-{high:04X}" for low, high in ranges)


def language_strings(data: Any, lang: str) -> Iterator[str]:
    """Every string under a `lang:` key anywhere in parsed YAML (ui.yml, vocabulary.yml)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == lang:
                yield from all_strings(value)
            else:
                yield from language_strings(value, lang)
    elif isinstance(data, list):
        for item in data:
            yield from language_strings(item, lang)


def all_strings(data: Any) -> Iterator[str]:
    """Every string value in parsed YAML (keys are identifiers, not text a page shows)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from all_strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from all_strings(item)


def i18n_language_strings(config_text: str, lang: str) -> list[str]:
    """The strings mkdocs.yml's i18n plugin gives a language: name, site_name, copyright, nav_translations..."""
    # Only the plugin list is wanted, so MkDocs' own YAML tags (!ENV, !!python/name) load as plain values.
    loader = type("_Tolerant", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("", lambda _loader, _suffix, _node: None)
    config = yaml.load(config_text, Loader=loader) or {}
    found: list[str] = []
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            for language in plugin["i18n"].get("languages") or []:
                if isinstance(language, dict) and language.get("locale") == lang:
                    found.extend(all_strings({k: v for k, v in language.items() if k != "locale"}))
    return found


def material_partial_strings(partial_text: str) -> list[str]:
    """The translated strings of one of Material's language partials ("key": "value" lines)."""
    return [match.group(1).encode().decode("unicode_escape") if "\\" in match.group(1) else match.group(1)
            for match in _PARTIAL_STRING.finditer(partial_text)]


@dataclass(frozen=True)
class Source:
    """One place Urdu text comes from, and that text."""

    name: str
    text: str


def urdu_sources(root: Path, material_dir: Path | None = None) -> list[Source]:
    """Every text an Urdu page can show: docs/ur (front matter too), data, mkdocs.yml, glossary, Material."""
    sources = [Source(str(path.relative_to(root)), path.read_text("utf-8"))
               for path in sorted((root / "docs" / URDU).rglob("*")) if path.is_file() and path.suffix in
               (".md", ".yml", ".yaml")]
    for name in ("data/ui.yml", "data/vocabulary.yml", "data/facts.yml"):
        if (root / name).is_file():
            data = yaml.safe_load((root / name).read_text("utf-8"))
            sources.append(Source(name, "\n".join(language_strings(data, URDU))))
    # Checked and review dates are written with the month's Urdu name (handbook.dates).
    sources.append(Source("Urdu month names", "\n".join(format_day(dt.date(2026, month, 1), URDU)
                                                          for month in range(1, 13))))
    sources.append(Source("mkdocs.yml", "\n".join(i18n_language_strings((root / "mkdocs.yml").read_text("utf-8"),
                                                                         URDU))))
    glossary = root / "snippets" / "glossary" / f"{URDU}.md"
    if glossary.is_file():
        sources.append(Source(str(glossary.relative_to(root)), glossary.read_text("utf-8")))
    partial = (material_dir or material_package_dir()) / MATERIAL_URDU_PARTIAL.relative_to("material")
    sources.append(Source(f"Material's {MATERIAL_URDU_PARTIAL.name}", "\n".join(
        material_partial_strings(partial.read_text("utf-8")))))
    sources.append(Source("digits and punctuation", ALWAYS))
    return sources


def material_package_dir() -> Path:
    """The installed Material for MkDocs package folder."""
    import material

    return Path(material.__file__).resolve().parent


def describe_char(char: str) -> str:
    """A character as people and tools name it: 'ٸ' U+0678 ARABIC LETTER HIGH HAMZA YEH."""
    import unicodedata

    return f"'{char}' U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"


def characters(texts: Iterable[str]) -> set[str]:
    """The distinct characters of some texts, without line breaks and other C0 controls."""
    return {char for text in texts for char in text if ord(char) >= 0x20}


def cmap_of(font_bytes: bytes) -> set[int]:
    """The code points a font (TTF, OTF, WOFF or WOFF2) maps to a glyph."""
    from fontTools.ttLib import TTFont

    return set(TTFont(io.BytesIO(font_bytes), lazy=True).getBestCmap())


def subset(font_bytes: bytes, chars: Iterable[str]) -> bytes:
    """The font cut down to `chars` with every layout feature and the glyphs they reach, unhinted, as WOFF2."""
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    options = ft_subset.Options()
    options.layout_features = ["*"]  # Nastaliq needs all of them: init/medi/fina, rlig, curs, mark, mkmk...
    options.layout_scripts = ["*"]
    options.hinting = False  # WOFF2 of an unhinted font is smaller; phones render Nastaliq unhinted anyway
    options.flavor = "woff2"
    options.name_IDs = ["*"]  # keep the copyright, licence and version records that the OFL asks for
    options.notdef_outline = True
    font = TTFont(io.BytesIO(font_bytes), recalcTimestamp=False)  # the same input gives the same bytes
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=sorted({ord(char) for char in chars}))
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


_MARKUP = re.compile(r"\{[^}]*\}|\]\([^)]*\)|<[^>]*>|[#*`\[\]|>_]|^\s*(?:\d+\.|-)\s", re.M)


def urdu_paragraphs(markdown: str, minimum: int = 20) -> list[str]:
    """The prose paragraphs of a Markdown page (markup, link targets and front matter removed), one line each."""
    if markdown.startswith("---"):
        end = markdown.find("\n---", 3)
        markdown = markdown[end + 4:] if end != -1 else markdown
    paragraphs = (" ".join(_MARKUP.sub(" ", block).split()) for block in re.split(r"\n\s*\n", markdown))
    return [p for p in paragraphs if sum(in_font_ranges(ord(c)) for c in p) >= minimum]


@dataclass(frozen=True)
class VerticalMetrics:
    """A font's line metrics in em, as Chromium reads them (OS/2 typo metrics when USE_TYPO_METRICS, else hhea)."""

    ascent: float
    descent: float
    line_gap: float


def vertical_metrics(font_bytes: bytes) -> VerticalMetrics:
    """Ascent, descent and line gap of a font, in em."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(font_bytes), lazy=True)
    upm = font["head"].unitsPerEm
    os2 = font["OS/2"]
    if os2.fsSelection & (1 << 7):  # USE_TYPO_METRICS
        ascent, descent, gap = os2.sTypoAscender, -os2.sTypoDescender, os2.sTypoLineGap
    else:
        hhea = font["hhea"]
        ascent, descent, gap = hhea.ascent, -hhea.descent, hhea.lineGap
    return VerticalMetrics(ascent / upm, descent / upm, gap / upm)


def advance_per_char(font_bytes: bytes, text: str) -> float:
    """The mean advance width, in em, of a text's characters in a font (nominal glyphs, no shaping)."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(font_bytes), lazy=True)
    upm, cmap, hmtx = font["head"].unitsPerEm, font.getBestCmap(), font["hmtx"]
    widths = [hmtx[cmap[ord(char)]][0] / upm for char in text if ord(char) in cmap]
    return sum(widths) / len(widths) if widths else 0.0


@dataclass(frozen=True)
class FallbackFace:
    """@font-face overrides that give a local fallback font the web font's line box and text width."""

    size_adjust: float
    ascent_override: float
    descent_override: float
    line_gap_override: float

    def css(self) -> str:
        """The four descriptors, as percentages for urdu.css."""
        return (f"size-adjust: {self.size_adjust:.2%};\n  ascent-override: {self.ascent_override:.2%};\n"
                f"  descent-override: {self.descent_override:.2%};\n"
                f"  line-gap-override: {self.line_gap_override:.2%};")


def fallback_face(web: VerticalMetrics, size_adjust: float) -> FallbackFace:
    """The overrides for a fallback drawn `size_adjust` times larger so that its line box is the web font's.

    size-adjust scales the override descriptors too (CSS Fonts 5), so each is divided by it.
    """
    return FallbackFace(size_adjust, web.ascent / size_adjust, web.descent / size_adjust,
                        web.line_gap / size_adjust)
