"""Search text rules shared by the index (here) and the query (overrides/assets/javascripts/search.js).

Both sides must agree character for character, or a word typed by a reader never meets the same word in
the index: tests/test_search_parity.py runs the JavaScript normaliser under node on the same table.
"""

from __future__ import annotations

import re
import unicodedata

# A reader on an Arabic keyboard types Arabic letters where Urdu has its own forms; Arabic-Indic and
# Urdu (Extended Arabic-Indic) digits are the same numbers as ASCII ones.
_FOLD = str.maketrans({
    "\u064a": "\u06cc", "\u0649": "\u06cc",  # ي ى -> ی
    "\u0643": "\u06a9",  # ك -> ک
    "\u0647": "\u06c1", "\u0629": "\u06c1",  # ه ة -> ہ
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06F0 + d): str(d) for d in range(10)},
})
# Marks a reader may or may not type (harakat, superscript alef, Quranic signs, honorifics), tatweel,
# and invisible characters that would split or disguise a word: ZWNJ, zero-width and direction
# controls, word joiner, soft hyphen, BOM. Decomposition (NFKD) first turns آ ئ ۂ ؤ into a letter plus
# one of these marks, so لئے and لیے, or آن and ان, meet in the index.
_DROP = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
    "\u200b-\u200f\u202a-\u202e\u2066-\u2069\u2060\u00ad\ufeff]"
)
# Python's \w is Unicode letters and numbers (and _): the same as [\p{L}\p{N}] in JavaScript.
_WORD = re.compile(r"[^\W_]+")
MAX_TERM = 40  # longer "words" are pasted noise, not something a reader types


def normalise(text: str) -> str:
    """Text as the index and the query compare it: decomposed, lowercased, marks dropped, letters folded."""
    text = unicodedata.normalize("NFKD", text).lower()
    return unicodedata.normalize("NFC", _DROP.sub("", text).translate(_FOLD))


def folds() -> tuple[dict[int, str], re.Pattern[str]]:
    """The letter folding table and the pattern of ignored characters, for rules that must agree with search."""
    return dict(_FOLD), _DROP


def tokens(text: str) -> list[str]:
    """The normalised words of a text, split on spaces and punctuation (، ؛ ؟ ۔ « » included)."""
    return [t for t in _WORD.findall(normalise(text)) if len(t) <= MAX_TERM]


def shard_key(term: str, length: int) -> str:
    """The shard a term is stored in: its first `length` characters."""
    return term[:length]


def shard_file(key: str) -> str:
    """The file stem of a term shard: code points in hex, so file names stay ASCII ('pa' -> 't-70_61')."""
    return "t-" + "_".join(f"{ord(c):x}" for c in key)
