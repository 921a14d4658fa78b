"""What changed: substantive changes to chapters, from one `git log` per build and the `changes:` notes.

Git says *when* a chapter's file changed; a `changes:` note in the chapter's front matter says *what*, in the
page's language, for readers:

    changes:
      - date: 2026-11-29
        note: Passkeys, and how to turn them on.

A commit whose message has the trailer `Changes: minor` (a typo fix) is left out. A note and the commits of
the same chapter on the same day (or, for a commit that landed later, its first day within two weeks) are one change. The history may be missing (no git, not a clone) or cut
short (a shallow clone): the listing then says what it could not know instead of guessing.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable, Mapping

from handbook.kinds import page_kind

TRAILER = "Changes"
MINOR = "minor"
GIT_TIMEOUT_SECONDS = 60
NOTE_WINDOW = dt.timedelta(days=14)  # how long a note's commit may take to land after the note's date
# Fields of one commit: a record separator, then the fields split by unit separators (they cannot occur in
# a subject). "%D" is only ever "grafted" here: every ref is excluded from the decorations, and a shallow
# clone's oldest commit is decorated "grafted".
_FORMAT = f"%x1e%H%x1f%cI%x1f%D%x1f%s%x1f%(trailers:key={TRAILER},valueonly,separator=%x1d)%x1f"
# Statuses of --name-status without rename detection: added, modified, deleted, type changed.
_STATUSES = {"A", "M", "D", "T"}


def git_log_command() -> list[str]:
    """The one git command a build runs, from inside docs/: every commit touching a chapter, paths under docs/."""
    return [
        "git",
        # A user's configuration must not change the output: no signatures, colours, quoting or renames.
        "-c", "log.showSignature=false", "-c", "core.quotePath=false", "-c", "log.showRoot=true",
        "-c", "i18n.logOutputEncoding=UTF-8",
        "log", "--no-merges", "--no-color", "--no-renames", "-z", "--relative", "--name-status",
        "--decorate-refs-exclude=refs/*", "--decorate-refs-exclude=HEAD", f"--format={_FORMAT}",
        "--", ":(glob)*/handbook/*.md",
    ]


@dataclass(frozen=True)
class Commit:
    """One commit as git log reported it: when, what it says, and the chapter files it touched."""

    sha: str
    moment: dt.datetime
    subject: str
    minor: bool
    grafted: bool  # the oldest commit of a shallow clone: it seems to add every file
    files: tuple[tuple[str, str], ...]  # (status A/M/D/T, path under docs/)


@dataclass(frozen=True)
class History:
    """What a build knows of the chapters' history: commits, or why there are none."""

    commits: tuple[Commit, ...] = ()
    missing: str | None = None  # why no history could be read ("git is not installed")

    @property
    def cut_before(self) -> dt.date | None:
        """The day a shallow clone's history starts: what came before it is unknown."""
        days = [commit.moment.date() for commit in self.commits if commit.grafted]
        return min(days) if days else None


class LogFormatError(ValueError):
    """git log output that is not in the format the command asked for."""


def _files(tokens: list[str], sha: str) -> tuple[tuple[str, str], ...]:
    if len(tokens) % 2:
        raise LogFormatError(f"commit {sha}: a status without a path in {tokens!r}")
    pairs = tuple(zip(tokens[0::2], tokens[1::2]))
    for status, _ in pairs:
        if status not in _STATUSES:
            raise LogFormatError(f"commit {sha}: unknown file status {status!r}")
    return pairs


def parse_log(output: str) -> tuple[Commit, ...]:
    """The commits of `git log` output in the format of git_log_command(), newest first as git gave them."""
    commits = []
    for record in output.split("\x1e")[1:]:
        fields = record.split("\x1f")
        if len(fields) != 6:
            raise LogFormatError(f"a commit record with {len(fields)} fields instead of 6: {record[:80]!r}")
        sha, when, decorations, subject, trailers, rest = fields
        try:
            moment = dt.datetime.fromisoformat(when)
        except ValueError as error:
            raise LogFormatError(f"commit {sha}: date {when!r} is not ISO 8601") from error
        values = {value.strip().lower() for value in trailers.split("\x1d")}
        tokens = [token.strip("\n") for token in rest.split("\x00")]
        commits.append(Commit(
            sha=sha, moment=moment, subject=subject, minor=MINOR in values,
            grafted="grafted" in {part.strip() for part in decorations.split(",")},
            files=_files([token for token in tokens if token], sha),
        ))
    return tuple(commits)


def read_history(docs_dir: Path, run: Callable[..., subprocess.CompletedProcess] = subprocess.run) -> History:
    """The chapters' history from one `git log` in docs/, or why it could not be read (never raises)."""
    try:
        done = run(git_log_command(), cwd=docs_dir, capture_output=True, timeout=GIT_TIMEOUT_SECONDS, check=False)
    except FileNotFoundError:
        return History(missing="git is not installed")
    except subprocess.TimeoutExpired:
        return History(missing=f"git log took longer than {GIT_TIMEOUT_SECONDS} s")
    except OSError as error:
        return History(missing=f"git could not be run: {error}")
    stderr = done.stderr.decode("utf-8", "replace").strip()
    if done.returncode != 0:
        if "not a git repository" in stderr:
            return History(missing="the project is not a git clone (no .git folder)")
        first = stderr.splitlines()[0] if stderr else f"exit status {done.returncode}"
        return History(missing=f"git log failed: {first}")
    try:
        return History(parse_log(done.stdout.decode("utf-8", "replace")))
    except LogFormatError as error:
        return History(missing=f"git log gave output this version of handbook cannot read: {error}")


@dataclass(frozen=True)
class Note:
    """A `changes:` note of a chapter: what changed on a day, for readers."""

    day: dt.date
    text: str


def notes_from_meta(meta: Mapping[str, object]) -> tuple[Note, ...]:
    """The notes of a chapter's front matter (validated by the content checks, MH120; bad items skipped)."""
    notes = []
    for item in meta.get("changes") or ():
        if isinstance(item, dict) and type(item.get("date")) is dt.date and isinstance(item.get("note"), str):
            notes.append(Note(item["date"], " ".join(item["note"].split())))
    return tuple(notes)


@dataclass(frozen=True)
class Change:
    """A chapter that changed on a day, in one language."""

    day: dt.date
    moment: dt.datetime  # the day's last commit, or the day at 00:00 UTC for a note alone
    path: str  # inside the language: handbook/passwords.md
    lang: str  # the language whose file changed
    added: bool = False  # the chapter was new that day
    notes: tuple[str, ...] = ()
    other_language: bool = False  # shown on another language's listing: only the default language changed


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def newest_first(found: Iterable[Change]) -> list[Change]:
    """Changes newest first; those of the same moment by chapter path (A to Z)."""
    by_path = sorted(found, key=lambda change: change.path)
    return sorted(by_path, key=lambda change: (change.day, change.moment), reverse=True)


def note_day(written: dt.date, commit_days: list[dt.date]) -> dt.date:
    """The day a note belongs to: the first day on or after it (within NOTE_WINDOW) that the chapter changed.

    A note is dated when it is written; the commit that carries it may land days later (a squashed pull
    request takes the day it was merged), and is then the change the note describes.
    """
    for day in commit_days:
        if written <= day <= written + NOTE_WINDOW:
            return day
    return written


def language_changes(lang: str, history: History, notes: Mapping[str, tuple[Note, ...]]) -> list[Change]:
    """One language's chapter changes: substantive commits and notes, one per chapter and day.

    `notes` maps a chapter's path inside the language (handbook/x.md) to its notes. A shallow clone's
    oldest commit is left out: every file seems added in it.
    """
    found: dict[tuple[dt.date, str], Change] = {}
    prefix = f"{lang}/"
    for commit in history.commits:
        if commit.minor or commit.grafted:
            continue
        for status, full in commit.files:
            if not full.startswith(prefix) or status == "D":
                continue
            path = full[len(prefix):]
            if page_kind(PurePosixPath(path)) != "chapter":
                continue
            key = (commit.moment.date(), path)
            old = found.get(key)
            found[key] = Change(
                day=key[0], moment=max(commit.moment, old.moment) if old else commit.moment, path=path, lang=lang,
                added=status == "A" or bool(old and old.added),
            )
    for path, chapter_notes in notes.items():
        days = sorted(day for day, changed in found if changed == path)
        for note in chapter_notes:
            key = (note_day(note.day, days), path)
            old = found.get(key) or Change(day=note.day, moment=_midnight(note.day), path=path, lang=lang)
            found[key] = Change(old.day, old.moment, path, lang, old.added, old.notes + (note.text,))
    return newest_first(found.values())


def with_source_changes(own: list[Change], source: list[Change]) -> list[Change]:
    """A translation's changes plus the source language's that it has not caught up with.

    A source change is shown (marked other_language) unless the translation of that chapter changed on the
    same day or later.
    """
    latest: dict[str, dt.date] = {}
    for change in own:
        latest[change.path] = max(change.day, latest.get(change.path, change.day))
    behind = [
        Change(c.day, c.moment, c.path, c.lang, c.added, c.notes, other_language=True)
        for c in source if c.path not in latest or latest[c.path] < c.day
    ]
    return newest_first(own + behind)


@dataclass(frozen=True)
class Day:
    """The changes of one day."""

    day: dt.date
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Month:
    """The changes of one month, newest day first: the unit of the page's since-filter."""

    key: str  # 2026-11
    first: dt.date
    days: tuple[Day, ...]


def by_month(changes: Iterable[Change]) -> list[Month]:
    """Changes grouped by month and day, newest first (the input's order within a day is kept)."""
    days: dict[dt.date, list[Change]] = {}
    for change in changes:
        days.setdefault(change.day, []).append(change)
    months: dict[str, list[Day]] = {}
    for day in sorted(days, reverse=True):
        months.setdefault(f"{day:%Y-%m}", []).append(Day(day, tuple(days[day])))
    return [Month(key, dt.date.fromisoformat(f"{key}-01"), tuple(grouped)) for key, grouped in months.items()]
