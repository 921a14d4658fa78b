"""Grow a blog to N posts by copying its own posts: the content the build benchmark measures.

Each copy is an existing English post with a new slug and date and the same text, so the grown blog
reads, links and renders like the real one. A share of the copies (30 % by default, counting the
translations that already exist) get an Urdu translation: a copy of the seed post's translation whose
`translation:` record is written by `handbook.translations` from the new English, so it is current.

Everything here works on text: `grow` takes {file name: text} of the posts and returns the files to
add. `grow_docs` is the one function that reads and writes a docs/ folder.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence, TypeVar

from handbook import frontmatter
from handbook.translations import source_fingerprint, write_record

DEFAULT_LANG = "en"
TRANSLATED_LANG = "ur"
POSTS = Path("blog") / "posts"
TRANSLATED_SHARE = 0.3
# A top-level `key: value` line of front matter, value on the same line.
_KEY_LINE = r"(?m)^{key}[ \t]*:[^\n]*$"
T = TypeVar("T")


@dataclass(frozen=True)
class Growth:
    """The posts to add: English files and their Urdu translations, by file name."""

    english: dict[str, str]
    translations: dict[str, str]


def copy_name(seed_name: str, number: int) -> str:
    """The file name of the number-th copy of a post: `a-post.md` -> `a-post-copy-3.md`."""
    return f"{seed_name.removesuffix('.md')}-copy-{number}.md"


def copy_slug(seed_slug: str, number: int) -> str:
    """The slug of the number-th copy of a post (lower-case ASCII words and hyphens, like the seed's)."""
    return f"{seed_slug}-copy-{number}"


def free_days(taken: Iterable[dt.date], count: int) -> list[dt.date]:
    """`count` consecutive days before the earliest taken day, newest first: no post has them."""
    earliest = min(taken)
    return [earliest - dt.timedelta(days=n) for n in range(1, count + 1)]


def _replace_key(head: str, key: str, value: str) -> str:
    """Front matter text with one single-line top-level key given a new value."""
    pattern = re.compile(_KEY_LINE.format(key=re.escape(key)))
    if len(pattern.findall(head)) != 1:
        raise ValueError(f"front matter needs exactly one single-line '{key}:' to be copied")
    return pattern.sub(lambda _: f"{key}: {value}", head)


def with_date_and_slug(text: str, day: dt.date, slug: str) -> str:
    """A post's text with a new date and slug, every other byte unchanged."""
    match = frontmatter.FENCE.match(text)
    if not match or match.group("yaml") is None:
        raise ValueError("a post needs front matter with its date and slug")
    head = _replace_key(_replace_key(match.group("yaml"), "date", day.isoformat()), "slug", slug)
    result = text[: match.start("yaml")] + head + text[match.end("yaml"):]
    before = frontmatter.split(text).meta
    # A guard, as in translations.write_record: a date or slug value that spans lines would be cut.
    try:
        after = frontmatter.split(result).meta
    except frontmatter.FrontMatterError:
        after = None
    if {**before, "date": day, "slug": slug} != after:
        raise ValueError("the date and slug could not be replaced without changing other front matter")
    return result


def _seed_meta(name: str, text: str) -> tuple[dt.date, str]:
    """The date and slug of a seed post; ValueError naming the file if either is missing."""
    try:
        meta = frontmatter.split(text).meta
    except frontmatter.FrontMatterError as error:
        raise ValueError(f"{name}:{error}") from None
    day, slug = meta.get("date"), meta.get("slug")
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime) or not isinstance(slug, str):
        raise ValueError(f"{name}: a post to copy needs 'date: YYYY-MM-DD' and 'slug:' in its front matter")
    return day, slug


def translated_target(total: int, share: float = TRANSLATED_SHARE) -> int:
    """How many of `total` posts should have a translation: the share, rounded to the nearest post."""
    return int(total * share + 0.5)


def spread(items: Sequence[T], count: int) -> list[T]:
    """`count` of the items (all of them if there are fewer), evenly spaced, in order."""
    if count >= len(items):
        return list(items)
    return [items[j * len(items) // count] for j in range(count)] if count > 0 else []

def grow(english: Mapping[str, str], translations: Mapping[str, str], total: int,
         share: float = TRANSLATED_SHARE) -> Growth:
    """The posts to add so the blog has `total` English posts, `share` of them translated.

    Copies cycle through the posts in file-name order. Only a copy of a translated post can be
    translated (a translation must match its English), so fewer than `share` may be when few seeds are.
    """
    if not english:
        raise ValueError("there is no post to copy")
    if total < len(english):
        raise ValueError(f"the blog already has {len(english)} posts: ask for at least that many")
    seeds = sorted(english)
    meta = {name: _seed_meta(name, english[name]) for name in seeds}
    days = free_days((day for day, _ in meta.values()), total - len(seeds))
    slugs = {slug for _, slug in meta.values()}
    out = Growth({}, {})
    translatable: list[tuple[str, str]] = []  # (copy, seed) where the seed has a translation
    for index, day in enumerate(days):
        seed = seeds[index % len(seeds)]
        number = index // len(seeds) + 1
        name, slug = copy_name(seed, number), copy_slug(meta[seed][1], number)
        if name in english or slug in slugs:
            raise ValueError(f"{name}: a post with this file name or slug {slug!r} already exists")
        slugs.add(slug)
        out.english[name] = with_date_and_slug(english[seed], day, slug)
        if seed in translations:
            translatable.append((name, seed))
    existing = sum(1 for name in translations if name in english)
    for name, seed in spread(translatable, translated_target(total, share) - existing):
        out.translations[name] = write_record(translations[seed], source_fingerprint(out.english[name]))
    return out


def _posts(folder: Path) -> dict[str, str]:
    """The Markdown posts of one folder, by file name."""
    if not folder.is_dir():
        return {}
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.md"))}


def grow_docs(docs_dir: Path, total: int, share: float = TRANSLATED_SHARE) -> Growth:
    """Add copies of the posts of docs/en/blog/posts (and translations in docs/ur) to reach `total`."""
    english_dir, translated_dir = docs_dir / DEFAULT_LANG / POSTS, docs_dir / TRANSLATED_LANG / POSTS
    growth = grow(_posts(english_dir), _posts(translated_dir), total, share)
    for folder, files in ((english_dir, growth.english), (translated_dir, growth.translations)):
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
    return growth
