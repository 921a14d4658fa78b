"""Parse the organisation's old blog archive (a plain-text export) into posts, and write them as Markdown.

The archive format, as exported from the old WordPress blog:

    Blog Archives                                  (optional banner)
    All Posts in <Category>                        (the category of the posts that follow)
    <Month> <D>, <YYYY> - Comments Off on <Title>  (starts a post)
    <Title>                                        (the title again)
    <blocks separated by blank lines>

Inside a post, a block is a paragraph, except:
- a block of lines starting with "N." is a numbered list item (consecutive items form one list);
- a block of lines starting with "•" or "»" is a bulleted list (a lead-in line before them stays a paragraph);
- a single short line ending with "?" is a sub-heading ("What is FinFisher?");
- a block wholly inside quotation marks, or a long block that follows a lead-in ending with ":",
  is a quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from handbook.vocabulary import Vocabulary, ascii_slug

HEADER = re.compile(r"^(?P<date>[A-Z][a-z]+ +\d{1,2}, +\d{4}) +- +Comments Off on +(?P<title>\S.*?)\s*$")
LOOKS_LIKE_HEADER = re.compile(r"^\S.{0,40}\d{4} +- +Comments Off")
CATEGORY = re.compile(r"^All Posts in +(?P<name>\S.*?)\s*$")
BANNER = "Blog Archives"
NUMBERED = re.compile(r"^\s*(?P<n>\d+)\.\s+(?P<text>\S.*)$")
BULLET = re.compile(r"^\s*[•»]\s*(?P<text>\S.*)$")
QUOTE_PAIRS = {'"': '"', "\u201c": "\u201d", "\u00ab": "\u00bb"}

MAX_HEADING_CHARS = 90
MIN_QUOTE_CHARS = 200
MAX_DESCRIPTION_CHARS = 200


class ArchiveError(ValueError):
    """The archive is malformed at a given line."""

    def __init__(self, source: str, line: int, message: str, hint: str = "") -> None:
        self.source, self.line, self.message, self.hint = source, line, message, hint
        text = f"{source}:{line}: {message}"
        super().__init__(f"{text} ({hint})" if hint else text)


@dataclass(frozen=True)
class Block:
    """One block of a post body: kind is paragraph, heading, quote, numbered or bullets."""

    kind: str
    lines: tuple[str, ...]
    start: int = 0  # first item number of a numbered list


@dataclass
class ArchivePost:
    """A post read from the archive, with the line it starts on."""

    title: str
    date: date
    category: str
    line: int
    blocks: list[Block] = field(default_factory=list)

    @property
    def slug(self) -> str:
        """An ASCII slug derived from the title."""
        return ascii_slug(self.title)

    def text(self) -> str:
        """The plain text of the body, for keyword matching."""
        return "\n".join(line for block in self.blocks for line in block.lines)

    def description(self) -> str:
        """The first sentence of the first paragraph, shortened on a word boundary if long."""
        first = next((b for b in self.blocks if b.kind == "paragraph"), None)
        if first is None:
            return self.title
        text = " ".join(first.lines)
        match = re.match(r"^(.+?[.!?])(?:\s|$)", text)
        sentence = match.group(1) if match else text
        if len(sentence) > MAX_DESCRIPTION_CHARS:
            cut = sentence[: MAX_DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0]
            sentence = cut.rstrip(",;:") + "…"
        return sentence


def parse_date(text: str, source: str, line: int) -> date:
    """Parse 'April 5, 2017'; a date that does not exist is an error naming the line."""
    cleaned = re.sub(r"\s+", " ", text.strip())
    try:
        return datetime.strptime(cleaned, "%B %d, %Y").date()
    except ValueError:
        raise ArchiveError(
            source, line, f"invalid date '{text}'", "write it as 'Month D, YYYY', e.g. 'April 5, 2017'"
        ) from None


def _split_blocks(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, line in lines:
        if line.strip():
            current.append((number, line))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _is_quoted(text: str) -> bool:
    text = text.strip()
    close = QUOTE_PAIRS.get(text[:1])
    if not close or len(text) < 2 or not text.endswith(close):
        return False
    # "A" and "B" is two quotations, not one: the opening mark must not reappear inside.
    return text[:1] not in text[1:-1] or text[:1] == '"' and text.count('"') == 2


def _trailing_bullets(matches: list[re.Match[str] | None]) -> bool:
    """True when the block ends in bullet lines, optionally after a lead-in ("From our earlier coverage:")."""
    if not any(matches):
        return False
    first = next(i for i, m in enumerate(matches) if m)
    return all(matches[first:])


def classify(raw_blocks: list[list[tuple[int, str]]]) -> list[Block]:
    """Turn raw blocks of (line number, text) into typed blocks (pure)."""
    blocks: list[Block] = []
    previous_text = ""
    for raw in raw_blocks:
        texts = [text.strip() for _, text in raw]
        numbered = [NUMBERED.match(t) for t in texts]
        bullets = [BULLET.match(t) for t in texts]
        if all(numbered):
            items = tuple(m.group("text") for m in numbered if m)
            first = int(numbered[0].group("n")) if numbered[0] else 1
            if blocks and blocks[-1].kind == "numbered":
                blocks[-1] = Block("numbered", blocks[-1].lines + items, blocks[-1].start)
            else:
                blocks.append(Block("numbered", items, first))
        elif _trailing_bullets(bullets):
            lead = next(i for i, b in enumerate(bullets) if b)
            if lead:
                blocks.append(Block("paragraph", (" ".join(texts[:lead]),)))
            blocks.append(Block("bullets", tuple(b.group("text") for b in bullets[lead:] if b)))
        else:
            text = " ".join(texts)
            if len(texts) == 1 and text.endswith("?") and len(text) <= MAX_HEADING_CHARS:
                blocks.append(Block("heading", (text,)))
            elif _is_quoted(text) or (previous_text.endswith(":") and len(text) >= MIN_QUOTE_CHARS):
                blocks.append(Block("quote", (text,)))
            else:
                blocks.append(Block("paragraph", (text,)))
        previous_text = " ".join(texts)
    return blocks


def parse_archive(text: str, source: str = "archive") -> list[ArchivePost]:
    """Parse the whole archive; raise ArchiveError naming the line of the first problem."""
    if "\x00" in text:
        raise ArchiveError(source, 1, "the file contains NUL bytes", "is this really the text export?")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    category: str | None = None
    posts: list[ArchivePost] = []
    body: list[tuple[int, str]] = []
    expect_title: ArchivePost | None = None

    def finish() -> None:
        if not posts:
            return
        post = posts[-1]
        post.blocks = classify(_split_blocks(body))
        if not post.blocks:
            raise ArchiveError(source, post.line, f"post '{post.title}' has no text", "every post needs a body")

    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if expect_title is not None:
            if not stripped:
                continue
            if stripped != expect_title.title:
                raise ArchiveError(
                    source,
                    number,
                    f"expected the title '{expect_title.title}' again, found '{stripped[:60]}'",
                    "each post header is followed by its title on a line of its own",
                )
            expect_title = None
            continue
        header = HEADER.match(stripped)
        if header:
            finish()
            body = []
            if category is None:
                raise ArchiveError(
                    source, number, "post before any 'All Posts in <Category>' line", "name the category first"
                )
            post = ArchivePost(
                title=header.group("title"),
                date=parse_date(header.group("date"), source, number),
                category=category,
                line=number,
            )
            posts.append(post)
            expect_title = post
            continue
        if LOOKS_LIKE_HEADER.match(stripped):
            raise ArchiveError(
                source,
                number,
                "malformed post header",
                "write it as '<Month> <D>, <YYYY> - Comments Off on <Title>'",
            )
        if not posts:
            match = CATEGORY.match(stripped)
            if match:
                category = match.group("name")
            elif stripped and stripped != BANNER:
                raise ArchiveError(
                    source, number, f"unexpected text before the first post: '{stripped[:60]}'",
                    "the archive starts with 'All Posts in <Category>' and then the first post header",
                )
            continue
        body.append((number, line))
    if expect_title is not None:
        raise ArchiveError(
            source, expect_title.line, f"post '{expect_title.title}' ends before its title line",
            "repeat the title on its own line after the header, then the text",
        )
    finish()
    if not posts:
        raise ArchiveError(source, 1, "no posts found", "a post starts with '<Month> <D>, <YYYY> - Comments Off on <Title>'")
    seen: dict[str, ArchivePost] = {}
    for post in posts:
        if post.slug in seen:
            raise ArchiveError(
                source, post.line, f"post '{post.title}' has the same slug as the post on line {seen[post.slug].line}",
                "two posts cannot share a title",
            )
        if not post.slug:
            raise ArchiveError(source, post.line, f"title '{post.title}' gives an empty ASCII slug", "add Latin letters")
        seen[post.slug] = post
    return posts


def suggest_tags(post: ArchivePost, vocabulary: Vocabulary, limit: int = 5) -> list[str]:
    """Tags whose keywords occur in the title, or at least twice in the body; strongest first."""
    title = f" {post.title.lower()} "
    body = f" {post.text().lower()} "
    scored: list[tuple[int, int, str]] = []
    for order, term in enumerate(vocabulary.tags.values()):
        in_title = sum(_count(title, k) for k in term.keywords)
        in_body = sum(_count(body, k) for k in term.keywords)
        score = 3 * in_title + in_body
        if in_title or in_body >= 2:
            scored.append((-score, order, term.id))
    return [tag for _, _, tag in sorted(scored)[:limit]]


def _count(text: str, keyword: str) -> int:
    return len(re.findall(rf"(?<![a-z0-9]){re.escape(keyword.strip())}(?![a-z0-9])", text)) if keyword.strip() else 0


_ESCAPE = re.compile(r"([\\`*_\[\]<>|])")


def escape_markdown(text: str) -> str:
    """Escape characters that Markdown would read as markup, so the text shows exactly as written."""
    text = _ESCAPE.sub(r"\\\1", text)
    text = re.sub(r"^(\d+)\.(\s)", r"\1\\.\2", text)
    return re.sub(r"^([#+\-=])", r"\\\1", text)


def typographic_quotes(text: str) -> str:
    """Pairs of straight double quotes as “ ”: titles and descriptions must not carry ASCII quotes,
    which would end an HTML attribute wherever a theme writes them unescaped."""
    return re.sub(r'"([^"]*)"', "\u201c\\1\u201d", text)


def _yaml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_post(post: ArchivePost, *, tags: list[str], author: str, category_label: str) -> str:
    """The Markdown file for one post: front matter, title, first paragraph, excerpt mark, the rest."""
    front = [
        "---",
        f"date: {post.date.isoformat()}",
        f"title: {_yaml_string(typographic_quotes(post.title))}",
        f"description: {_yaml_string(typographic_quotes(post.description()))}",
        f"slug: {post.slug}",
        f"authors: [{author}]",
        f"categories: [{_yaml_string(category_label)}]",
        f"tags: [{', '.join(tags)}]",
        "---",
        "",
        f"# {escape_markdown(typographic_quotes(post.title))}",
        "",
        "",
    ]
    out: list[str] = []
    excerpt_marked = False
    for block in post.blocks:
        if block.kind == "heading":
            out.append(f"## {escape_markdown(block.lines[0])}")
        elif block.kind == "quote":
            out.append(f"> {escape_markdown(block.lines[0])}")
        elif block.kind == "numbered":
            out.append("\n".join(f"{block.start + i}. {escape_markdown(t)}" for i, t in enumerate(block.lines)))
        elif block.kind == "bullets":
            out.append("\n".join(f"- {escape_markdown(t)}" for t in block.lines))
        else:
            out.append(escape_markdown(block.lines[0]))
        if not excerpt_marked and block.kind == "paragraph":
            out.append("<!-- more -->")
            excerpt_marked = True
    return "\n".join(front) + "\n\n".join(out) + "\n"


@dataclass
class ImportResult:
    """What an import wrote and what it left alone."""

    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


def import_archive(
    text: str,
    *,
    source: str,
    posts_dir: Path,
    vocabulary: Vocabulary,
    author: str = "drf",
    overwrite: bool = False,
) -> ImportResult:
    """Parse an archive and write one Markdown file per post into posts_dir."""
    posts = parse_archive(text, source)
    result = ImportResult()
    for post in posts:
        category_id = vocabulary.category_id(post.category)
        if category_id is None:
            raise ArchiveError(
                source, post.line, f"category '{post.category}' is not in the vocabulary",
                "add it under 'categories' in data/vocabulary.yml",
            )
        markdown = render_post(
            post,
            tags=suggest_tags(post, vocabulary),
            author=author,
            category_label=vocabulary.category_label(category_id, "en"),
        )
        target = posts_dir / f"{post.slug}.md"
        if target.exists() and not overwrite:
            result.skipped.append(target)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
        result.written.append(target)
    return result
