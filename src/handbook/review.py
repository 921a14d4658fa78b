"""Review dates that expire: chapters past `review_by` (or due soon) and registry entries due a check."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from handbook import facts, frontmatter
from handbook.kinds import kind_of

SOON_DAYS = 30


def review_state(review_by: dt.date, today: dt.date, soon_days: int = SOON_DAYS) -> str:
    """'expired' once review_by has passed, 'due' within soon_days of it, else 'current'."""
    if review_by < today:
        return "expired"
    return "due" if review_by <= today + dt.timedelta(days=soon_days) else "current"


@dataclass(frozen=True)
class ChapterReview:
    """One chapter file's review dates and where they stand on a given day."""

    path: str
    last_reviewed: dt.date | None
    review_by: dt.date
    state: str


def chapter_reviews(docs_dir: Path, today: dt.date, soon_days: int = SOON_DAYS) -> list[ChapterReview]:
    """Every chapter (each language's file) whose review_by is past or within soon_days, soonest first.

    Files whose front matter cannot be read, or has no real review_by, are left to `handbook check`.
    """
    found = []
    for path in sorted(Path(docs_dir).rglob("*.md")):
        kind, _ = kind_of(PurePosixPath(path.relative_to(docs_dir).as_posix()))
        if kind != "chapter":
            continue
        try:
            meta = frontmatter.split(path.read_text("utf-8")).meta
        except (frontmatter.FrontMatterError, OSError, UnicodeDecodeError):
            continue
        review_by, reviewed = meta.get("review_by"), meta.get("last_reviewed")
        if not frontmatter.is_date(review_by):
            continue
        state = review_state(review_by, today, soon_days)
        if state != "current":
            found.append(ChapterReview(str(path), reviewed if frontmatter.is_date(reviewed) else None, review_by, state))
    return sorted(found, key=lambda c: (c.review_by, c.path))


def page_review(meta: dict, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """(last_reviewed, review_by if it has passed) of a chapter's front matter; None where absent or current."""
    reviewed, review_by = meta.get("last_reviewed"), meta.get("review_by")
    reviewed = reviewed if frontmatter.is_date(reviewed) else None
    expired = review_by if frontmatter.is_date(review_by) and review_state(review_by, today) == "expired" else None
    return reviewed, expired


def report_lines(root: Path, chapters: list[ChapterReview], due: list[tuple[facts.Fact, dt.date]],
                 registry: facts.Registry, today: dt.date) -> list[str]:
    """What `handbook review` prints: chapters, then registry entries, each with the date that matters."""
    lines = []
    if chapters:
        lines.append(f"chapters past review_by, or due within {SOON_DAYS} days of {today.isoformat()}:")
        for chapter in chapters:
            reviewed = chapter.last_reviewed.isoformat() if chapter.last_reviewed else "never"
            rel = Path(chapter.path).relative_to(root) if Path(chapter.path).is_relative_to(root) else chapter.path
            lines.append(f"  {chapter.state:8} review_by {chapter.review_by.isoformat()}  {rel}  (last reviewed {reviewed})")
    else:
        lines.append(f"no chapter is past review_by or due within {SOON_DAYS} days of {today.isoformat()}")
    if due:
        lines.append(f"registry entries due a check (checked more than {registry.max_age_days} days before):")
        for fact, due_on in due:
            state = "expired" if due_on < today else "due"
            lines.append(f"  {state:8} due {due_on.isoformat()}  {facts.REGISTRY_FILE}:{fact.line} {fact.id}  "
                         f"(checked {fact.checked.isoformat()} against {fact.source})")
    else:
        lines.append(f"no registry entry is due a check within {SOON_DAYS} days")
    return lines
