"""`handbook new`: start a chapter, post, page or translation with valid front matter and structure."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from handbook import content, frontmatter, markdown_scan
from handbook.vocabulary import Vocabulary, ascii_slug


class ScaffoldError(ValueError):
    """The file cannot be created as asked (it exists, a tag is unknown, the title is unusable)."""


def _tags(tags: list[str], vocabulary: Vocabulary) -> list[str]:
    if not tags:
        raise ScaffoldError(f"choose at least one tag with --tags (from: {', '.join(vocabulary.tags)})")
    unknown = [t for t in tags if t not in vocabulary.tags]
    if unknown:
        raise ScaffoldError(f"unknown tag(s) {', '.join(unknown)} (choose from: {', '.join(vocabulary.tags)})")
    return tags


def _title(title: str) -> str:
    title = " ".join(title.split())
    if not title or re.search(r"[<>`*_\[\]\"]", title):
        raise ScaffoldError("give a plain title, without markup or straight double quotes")
    return title


CHAPTER_BODY = """# {title}

Say in two or three plain sentences who this chapter is for and what it helps them do.

## In this chapter {{#in-this-chapter}}

- The first thing the reader will learn.
- The second.

## First step {{#first-step}}

1. A concrete step.
2. The next one.

## Checklist {{#checklist}}

- [ ] Something the reader can tick off.

## If things go wrong {{#if-things-go-wrong}}

1. What to do first.
2. Who can help: Digital Rights Foundation's Cyber Harassment Helpline, [[fact:drf-helpline]].

## Workshop activity {{#workshop-activity}}

**Activity name (45 minutes: 10 to introduce, 25 in pairs, 10 to discuss).** What participants do.

!!! trainer "Notes for trainers"

    What to prepare, what participants often get wrong, how to keep the room safe.

## Further reading {{#further-reading}}

- [Surveillance Self-Defense](https://ssd.eff.org/), by EFF.
"""

POST_BODY = """# {title}

The first paragraph: it is shown on the blog's index.

<!-- more -->

The rest of the post.
"""

PAGE_BODY = """# {title} {{#{slug}}}

The text of the page.
"""


def new_chapter(root: Path, title: str, tags: list[str], vocabulary: Vocabulary, *, level: str = "beginner",
                duration: int = 60, today: dt.date | None = None) -> Path:
    """docs/en/handbook/<slug>.md with every required section, and the chapter added to the nav."""
    title = _title(title)
    if level not in content.LEVELS:
        raise ScaffoldError(f"level must be one of {', '.join(content.LEVELS)}")
    today = today or dt.date.today()
    slug = ascii_slug(title)
    meta = {
        "title": title,
        "description": "One plain sentence that says what the reader will be able to do.",
        "tags": _tags(tags, vocabulary),
        "level": level,
        "duration": duration,
        "teaching": max(5, duration - 45),  # the scaffold's activity takes 45 minutes
        "objectives": ["The first thing a participant can do after the session.", "The second."],
        "last_reviewed": today,
        "review_by": today + dt.timedelta(days=182),
    }
    target = _write(root / "docs" / "en" / "handbook" / f"{slug}.md", meta, CHAPTER_BODY.format(title=title))
    add_to_nav(root / "mkdocs.yml", f"handbook/{slug}.md", after_prefix="      - handbook/")
    return target


def new_post(root: Path, title: str, tags: list[str], vocabulary: Vocabulary, *, author: str = "drf",
             today: dt.date | None = None) -> Path:
    """docs/en/blog/posts/<slug>.md dated today, with the category of the vocabulary."""
    title = _title(title)
    slug = ascii_slug(title)
    category = next(iter(vocabulary.categories.values())).label("en")
    meta = {
        "date": today or dt.date.today(),
        "title": title,
        "description": "One plain sentence that says what the post is about.",
        "slug": slug,
        "authors": [author],
        "categories": [category],
        "tags": _tags(tags, vocabulary),
    }
    return _write(root / "docs" / "en" / "blog" / "posts" / f"{slug}.md", meta, POST_BODY.format(title=title))


def new_page(root: Path, title: str) -> Path:
    """docs/en/<slug>/index.md."""
    title = _title(title)
    slug = ascii_slug(title)
    meta = {"title": title, "description": "One plain sentence that says what this page is for."}
    return _write(root / "docs" / "en" / slug / "index.md", meta, PAGE_BODY.format(title=title, slug=slug))


def new_translation(root: Path, source: Path, lang: str) -> Path:
    """docs/<lang>/<same path>: the English headings with their ids, to be translated section by section."""
    docs = root / "docs"
    source = source.resolve()
    try:
        relative = source.relative_to((docs / "en").resolve())
    except ValueError:
        raise ScaffoldError(f"{source}: give an English page under docs/en/") from None
    if not source.is_file():
        raise ScaffoldError(f"{source}: no such English page")
    if lang == "en" or not re.fullmatch(r"[a-z]{2,3}(?:_[A-Z]{2})?", lang):
        raise ScaffoldError(f"'{lang}' is not a language code for a translation (e.g. ur)")
    document = frontmatter.split(source.read_text("utf-8"))
    is_post = relative.parts[:2] == ("blog", "posts")
    keys = ("title", "description") if is_post else tuple(document.meta)
    meta = {k: document.meta[k] for k in keys if k in document.meta}
    lines = []
    for number, _, _ in markdown_scan.heading_ids(document.body):
        text = document.body.split("\n")[number - 1]
        lines.append(text)
        lines.append("")
        lines.append("<!-- Translate this section of the English page here. -->")
        lines.append("")
    body = "\n".join(lines) or "<!-- Translate the English page here. -->\n"
    return _write(docs / lang / relative, meta, body)


def _write(target: Path, meta: dict, body: str) -> Path:
    if target.exists():
        raise ScaffoldError(f"{target}: already exists; edit it instead")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(frontmatter.dump(meta, body), encoding="utf-8")
    return target


def add_to_nav(config: Path, entry: str, *, after_prefix: str) -> bool:
    """Add `- entry` to mkdocs.yml's nav after the last line starting with `after_prefix`; False if not added."""
    lines = config.read_text("utf-8").split("\n")
    positions = [i for i, line in enumerate(lines) if line.startswith(after_prefix)]
    if not positions or any(line.strip() == f"- {entry}" for line in lines):
        return False
    last = lines[positions[-1]]
    indent = last[: len(last) - len(last.lstrip())]
    lines.insert(positions[-1] + 1, f"{indent}- {entry}")
    config.write_text("\n".join(lines), encoding="utf-8")
    return True
