"""Cross-links for the site: the documents of one language as a reader sees them, ranked by `handbook.related`.

Used by the build hook and by `handbook related`, so editors review exactly what is published.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from handbook import frontmatter
from handbook.kinds import page_kind
from handbook.related import Doc, Link, UnknownPin, rank
from handbook.vocabulary import Vocabulary


class RelatedError(ValueError):
    """A `related:` pin or `unrelated:` exclusion that cannot be honoured, at a file and line."""


@dataclass(frozen=True)
class Source:
    """Where a document of a language comes from: its file, title, and whether it is a translation."""

    id: str  # "handbook/passwords.md", "blog/posts/x.md"
    kind: str
    path: Path
    title: str
    lang: str  # the language of its text: the reader's, or the default language as a fallback


def kind_of(page_id: str) -> str | None:
    """'chapter' for handbook chapters, 'post' for blog posts, None for other pages."""
    kind = page_kind(page_id)
    return kind if kind in ("chapter", "post") else None


def _ids(value: object, path: Path, key: str, text: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        line = frontmatter.key_line(text, key)
        raise RelatedError(f"{path}:{line}: '{key}' must be a list of page paths, e.g. [handbook/devices.md]")
    return tuple(v.strip().lstrip("/") for v in value)


def _read_text(path: Path) -> str:
    return path.read_text("utf-8")


def load_documents(docs_dir: Path, lang: str, default: str = "en", *,
                   read: Callable[[Path], str] = _read_text) -> tuple[list[Doc], dict[str, Source]]:
    """Every chapter and post of a language: its translation where there is one, else the English."""
    docs: list[Doc] = []
    sources: dict[str, Source] = {}
    english = docs_dir / default
    for path in sorted(english.rglob("*.md")):
        page_id = path.relative_to(english).as_posix()
        kind = kind_of(page_id)
        if kind is None:
            continue
        translated = docs_dir / lang / page_id
        own = translated if lang != default and translated.is_file() else path
        english_text = read(path)
        english_meta = frontmatter.split(english_text).meta
        meta = english_meta if own == path else frontmatter.split(read(own)).meta
        title = str(meta.get("title") or english_meta.get("title") or page_id)
        # Pages are ranked on their English source in every language: a translation says the same
        # thing, and an Urdu chapter can then be matched with a post that is still only in English.
        # Every language shows the same links; titles are shown in the reader's language.
        tags = tuple(str(t) for t in english_meta.get("tags") or [])
        pinned = _ids(english_meta.get("related"), path, "related", english_text)
        excluded = _ids(english_meta.get("unrelated"), path, "unrelated", english_text)
        english_title = str(english_meta.get("title") or title)
        docs.append(Doc(page_id, kind, english_title, tags, english_text, pinned=pinned, excluded=excluded))
        sources[page_id] = Source(page_id, kind, own, title, lang if own != path else default)
    return docs, sources


def rank_language(docs_dir: Path, lang: str, default: str = "en", k: int = 4, *,
                  read: Callable[[Path], str] = _read_text,
                  ranks: dict[tuple[tuple[Doc, ...], int], dict[str, list[Link]]] | None = None,
                  ) -> tuple[dict[str, list[Link]], dict[str, Source]]:
    """The cross-links of one language; a pin to a page that does not exist is an error at its line.

    Every language ranks the same English documents (only titles and sources differ), so a build passes
    `ranks`, one dictionary for all its languages, and ranks them once."""
    docs, sources = load_documents(docs_dir, lang, default, read=read)
    key = (tuple(docs), k)
    try:
        if ranks is None:
            return rank(docs, k=k), sources
        if key not in ranks:
            ranks[key] = rank(docs, k=k)
        return ranks[key], sources
    except UnknownPin as error:
        path = docs_dir / default / error.doc_id
        line = frontmatter.key_line(read(path), "related")
        raise RelatedError(
            f"{path}:{line}: 'related' names '{error.target}', which is not a chapter or post "
            f"(give its path inside docs/{default}/, e.g. handbook/devices.md or blog/posts/<name>.md)"
        ) from None


def reason(link: Link, lang: str, vocabulary: Vocabulary, strings: dict[str, str]) -> str:
    """Why a link is shown, in the reader's language."""
    if link.pinned:
        return strings["related_pinned"]
    if link.shared_tags:
        sep = strings.get("list_separator", ", ")
        labels = sep.join(vocabulary.tag_label(t, lang) for t in link.shared_tags if t in vocabulary.tags)
        return f"{strings['related_topics']}: {labels}"
    return f"{strings['related_words']}: {strings.get('list_separator', ', ').join(link.shared_terms)}"


def format_table(links: dict[str, list[Link]], sources: dict[str, Source], *, why: bool, lang: str,
                 vocabulary: Vocabulary, strings: dict[str, str]) -> str:
    """The cross-link table for editors: each chapter with its posts, each post with its chapters."""
    out: list[str] = []
    for kind, heading in (("chapter", "Chapters and their related posts"), ("post", "Posts and the guidance they link to")):
        out.append(f"== {heading} ({lang}) ==")
        for page_id in sorted(p for p in links if sources[p].kind == kind):
            out.append(f"{page_id}  {sources[page_id].title}")
            if not links[page_id]:
                out.append("    (none above the minimum score)")
            for link in links[page_id]:
                line = f"    -> {link.target}  {sources[link.target].title if link.target in sources else ''}".rstrip()
                if why:
                    line += f"\n         score {link.score:.3f}; {reason(link, lang, vocabulary, strings)}"
                    if link.shared_terms and link.shared_tags:
                        line += f"; {strings['related_words']}: {', '.join(link.shared_terms)}"
                out.append(line)
        out.append("")
    return "\n".join(out)
