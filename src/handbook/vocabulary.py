"""The controlled vocabulary: tag and category ids with a label per language."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from handbook.paths import vocabulary_file


class VocabularyError(ValueError):
    """The vocabulary file itself is malformed."""


@dataclass(frozen=True)
class Term:
    """One tag or category: a stable ASCII id and its label in each language."""

    id: str
    labels: dict[str, str]
    keywords: tuple[str, ...] = ()

    def label(self, lang: str, default_lang: str = "en") -> str:
        """The label in `lang`, falling back to the default language."""
        return self.labels.get(lang) or self.labels[default_lang]


@dataclass(frozen=True)
class Vocabulary:
    """All tags and categories, looked up by id or by label."""

    tags: dict[str, Term]
    categories: dict[str, Term]
    languages: tuple[str, ...] = field(default=("en", "ur"))

    def tag_label(self, tag_id: str, lang: str) -> str:
        """The label of a tag id in a language (KeyError for an unknown id)."""
        return self.tags[tag_id].label(lang)

    def category_label(self, category_id: str, lang: str) -> str:
        """The label of a category id in a language (KeyError for an unknown id)."""
        return self.categories[category_id].label(lang)

    def category_id(self, label_or_id: str) -> str | None:
        """The id of a category given its id or its label in any language."""
        if label_or_id in self.categories:
            return label_or_id
        for term in self.categories.values():
            if label_or_id in term.labels.values():
                return term.id
        return None

    def category_labels(self, lang: str) -> list[str]:
        """Every category label of a language, in vocabulary order."""
        return [term.label(lang) for term in self.categories.values()]


_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def parse_vocabulary(data: object, source: str = "vocabulary") -> Vocabulary:
    """Validate the parsed YAML of a vocabulary file and build a Vocabulary."""
    if not isinstance(data, dict):
        raise VocabularyError(f"{source}: expected a mapping with 'tags' and 'categories'")
    sections: dict[str, dict[str, Term]] = {}
    for section in ("tags", "categories"):
        raw = data.get(section)
        if not isinstance(raw, dict) or not raw:
            raise VocabularyError(f"{source}: '{section}' must be a non-empty mapping")
        terms: dict[str, Term] = {}
        for term_id, entry in raw.items():
            if not isinstance(term_id, str) or not _ID.match(term_id):
                raise VocabularyError(
                    f"{source}: {section} id {term_id!r} must be lower-case ASCII words joined by hyphens"
                )
            if not isinstance(entry, dict) or not isinstance(entry.get("en"), str):
                raise VocabularyError(f"{source}: {section} '{term_id}' needs an 'en' label")
            labels = {k: v for k, v in entry.items() if k != "keywords"}
            if not all(isinstance(v, str) and v.strip() for v in labels.values()):
                raise VocabularyError(f"{source}: {section} '{term_id}' has an empty label")
            keywords = entry.get("keywords") or []
            if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
                raise VocabularyError(f"{source}: {section} '{term_id}' keywords must be a list of strings")
            terms[term_id] = Term(term_id, labels, tuple(k.lower() for k in keywords))
        sections[section] = terms
    return Vocabulary(tags=sections["tags"], categories=sections["categories"])


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int) -> Vocabulary:
    with open(path, encoding="utf-8") as handle:
        return parse_vocabulary(yaml.safe_load(handle), source=path)


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """Load (and cache until the file changes) the project's vocabulary."""
    path = path or vocabulary_file()
    return _load_cached(str(path), path.stat().st_mtime_ns)


def ascii_slug(text: str, separator: str = "-") -> str:
    """An ASCII slug: accents folded, apostrophes dropped, other punctuation as separators."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[\u2019'\u2018`]", "", text)
    text = re.sub(r"[^A-Za-z0-9]+", separator, text).strip(separator)
    return text.lower()


def category_slug(name: str, separator: str = "-") -> str:
    """Blog `categories_slugify`: the vocabulary id for any language's label, so URLs match across languages."""
    category = load_vocabulary().category_id(name)
    return category if category else ascii_slug(name, separator)
