"""Translation status: which translations are fresh, outdated, untracked, missing or orphaned.

A translation records, in its front matter, which English it translates: a digest of the whole English
document and a short hash of each of its sections. Comparing that record with the English as it is now
tells what changed since, section by section, with no network and no git history (git is only asked, if
at all, for the date the English last changed, which never affects the verdict).

The record is written by the tooling, never by hand, once a translator has brought a page up to date:

    translation:  # written by the tooling from the English source; do not edit
      source: 3f2a9c0d1e2b4a5c
      sections:
        _intro: 1a2b3c4d
        in-this-chapter: 5e6f7a8b

Sections are listed one per line (not as one flow mapping) so that re-recording a page after one section
was updated changes one line in the pull request's diff.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import subprocess
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Literal, Mapping

import yaml

from handbook import frontmatter
from handbook.content import Problem
from handbook.markdown_scan import HEADING, heading_ids

State = Literal["fresh", "outdated", "untracked", "missing", "orphan"]
# Report order: done, needs updating, needs review, not started, error.
STATES: tuple[State, ...] = ("fresh", "outdated", "untracked", "missing", "orphan")
SECTIONS = ("handbook", "blog", "pages")
INTRO = "_intro"
RECORD_KEY = "translation"
RECORD_COMMENT = "# written by the tooling from the English source; do not edit"
DIGEST_LENGTH = 16
SECTION_HASH_LENGTH = 8

_CLOSING_FENCE = re.compile(r"(?:---|\.\.\.)[ \t]*")
# Scalars a YAML 1.1 or 1.2 reader could take for a number: such hashes are written quoted.
_NUMBER_LIKE = re.compile(r"[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0[xXoObB][0-9a-fA-F_]+")
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")


# --- fingerprints ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fingerprint:
    """What a translation must match: a digest of the whole English page and a hash per section."""

    digest: str
    sections: dict[str, str]  # section id -> hash, in document order; text before the first ##/### is INTRO


def _unify(text: str) -> str:
    """One form for text read any way: no byte-order mark, LF line ends, NFC."""
    return unicodedata.normalize("NFC", text.lstrip("\ufeff").replace("\r\n", "\n"))


def normalise(text: str) -> str:
    """Text with whitespace normalised: reflowing lines is not a change, splitting a paragraph is."""
    blocks = re.split(r"\n[ \t]*\n", _unify(text))
    return "\n".join(" ".join(block.split()) for block in blocks if block.strip())


def _hash(parts: object, length: int) -> str:
    data = json.dumps(parts, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:length]


def heading_slug(text: str) -> str:
    """The id Python-Markdown's toc gives a heading without one (pymdownx.slugs, lower case, as in mkdocs.yml)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link in a heading: its text only
    text = re.sub(r"</?[^>]*>", "", unicodedata.normalize("NFC", text)).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-") or "section"


def split_sections(body: str) -> list[tuple[str, str]]:
    """(id, text) of each section of a Markdown body: INTRO, then one per ## or ### heading."""
    lines = body.split("\n")
    starts: list[tuple[int, str]] = []
    for number, level, explicit in heading_ids(body):
        if level not in (2, 3):
            continue
        if explicit is None:
            match = HEADING.match(lines[number - 1])
            explicit = heading_slug(match.group(2) if match else lines[number - 1].lstrip("#"))
        starts.append((number - 1, explicit))
    out: list[tuple[str, str]] = []
    taken: set[str] = set()
    bounds = [(0, INTRO)] + starts + [(len(lines), "")]
    for (start, section_id), (end, _) in zip(bounds, bounds[1:]):
        unique, n = section_id, 0
        while unique in taken:  # as toc does for repeated headings: notes, notes_1, notes_2
            n += 1
            unique = f"{section_id}_{n}"
        taken.add(unique)
        out.append((unique, "\n".join(lines[start:end])))
    return out


def _meta_text(meta: Mapping[str, object], key: str) -> str:
    value = meta.get(key)
    return "" if value is None else normalise(str(value))


def source_fingerprint(text: str) -> Fingerprint:
    """The fingerprint of an English page: its title, description and body, whitespace-normalised."""
    doc = frontmatter.split(_unify(text))
    title, description = _meta_text(doc.meta, "title"), _meta_text(doc.meta, "description")
    objectives = doc.meta.get("objectives")
    # A chapter's learning objectives are translated too; pages without them keep the digests they had.
    intro_extra = [normalise(str(o)) for o in objectives] if isinstance(objectives, list) and objectives else []
    sections = [(section_id, normalise(chunk)) for section_id, chunk in split_sections(doc.body)]
    hashes: dict[str, str] = {}
    for section_id, chunk in sections:
        # Title, description and objectives are translated with the intro, so a change to them is a change to it.
        parts: list[str] = [title, description, *intro_extra, chunk] if section_id == INTRO else [chunk]
        hashes[section_id] = _hash(parts, SECTION_HASH_LENGTH)
    digest_parts: list[object] = [title, description, sections] + ([intro_extra] if intro_extra else [])
    return Fingerprint(_hash(digest_parts, DIGEST_LENGTH), hashes)


# --- the record in a translation's front matter -----------------------------------------------------


def record_for(fingerprint: Fingerprint) -> dict[str, object]:
    """The value of the `translation:` key that says a translation matches this English."""
    return {"source": fingerprint.digest, "sections": dict(fingerprint.sections)}


def _yaml_scalar(value: str) -> str:
    """A string as YAML: plain where every reader reads it back as that string, else single-quoted."""
    if _PLAIN_KEY.fullmatch(value) and not _NUMBER_LIKE.fullmatch(value):
        try:
            if yaml.safe_load(value) == value:
                return value
        except yaml.YAMLError:
            pass
    return "'" + value.replace("'", "''") + "'"


def record_lines(fingerprint: Fingerprint) -> list[str]:
    """The front matter lines of a record, one section per line."""
    lines = [f"{RECORD_KEY}:  {RECORD_COMMENT}", f"  source: {_yaml_scalar(fingerprint.digest)}"]
    if fingerprint.sections:
        lines.append("  sections:")
        lines += [f"    {_yaml_scalar(k)}: {_yaml_scalar(v)}" for k, v in fingerprint.sections.items()]
    else:
        lines.append("  sections: {}")
    return lines


def read_record(meta: Mapping[str, object]) -> tuple[str, dict[str, str]] | None:
    """(source digest, section hashes) of a translation's record, or None if it has none or it is unreadable."""
    record = meta.get(RECORD_KEY)
    if not isinstance(record, dict) or not isinstance(record.get("source"), str) or not record["source"]:
        return None
    sections = record.get("sections")
    if not isinstance(sections, dict):
        sections = {}
    return record["source"], {str(k): str(v) for k, v in sections.items()}


def _block_end(head: list[str], start: int) -> int:
    """Where the top-level key at head[start] ends: after its last indented line."""
    end = start + 1
    for index in range(start + 1, len(head)):
        line = head[index]
        if line[:1] in (" ", "\t") and line.strip():
            end = index + 1
        elif line.strip() and not line.startswith("#"):
            break  # the next top-level key; blank lines and comments before it stay with it
    return end


def write_record(translation_text: str, fingerprint: Fingerprint) -> str:
    """The translation with its record set to `fingerprint`; every other line of the file is kept as it was."""
    bom = "\ufeff" if translation_text.startswith("\ufeff") else ""
    text = translation_text[len(bom):]
    newline = "\r\n" if "\r\n" in text else "\n"
    text = text.replace("\r\n", "\n")
    before = frontmatter.split(text).meta  # raises FrontMatterError, with its line, if it cannot be read
    lines = text.split("\n")
    record = record_lines(fingerprint)
    if not frontmatter.FENCE.match(text):
        lines = ["---", *record, "---", *lines]
    else:
        close = next(i for i in range(1, len(lines)) if _CLOSING_FENCE.fullmatch(lines[i]))
        head = lines[1:close]
        at: int | None = None
        while True:  # every top-level `translation:` block, in case one was pasted twice
            number = frontmatter.key_line("\n".join(["---", *head, "---"]), RECORD_KEY)
            if number == 1:
                break
            start = number - 2
            del head[start:_block_end(head, start)]
            at = start if at is None else at
        at = len(head) if at is None else at
        head[at:at] = record
        lines = [lines[0], *head, *lines[close:]]
    result = "\n".join(lines)
    after = frontmatter.split(result).meta
    kept = {k: v for k, v in after.items() if k != RECORD_KEY} == {k: v for k, v in before.items() if k != RECORD_KEY}
    if after.get(RECORD_KEY) != record_for(fingerprint) or not kept:  # a guard: never damage a file
        raise ValueError("the translation record could not be written without changing other front matter")
    return bom + result.replace("\n", newline)


# --- the state of one page ------------------------------------------------------------------------


@dataclass(frozen=True)
class PageStatus:
    """The state of one page's translation, and what is wrong with it."""

    path: str  # relative to the language folder: "handbook/passwords.md"
    section: str  # "handbook", "blog" or "pages"
    state: State
    changed_sections: tuple[str, ...] = ()
    added_sections: tuple[str, ...] = ()  # in the English, not in the English that was translated
    removed_sections: tuple[str, ...] = ()  # in the English that was translated, no longer in the English
    problems: tuple[Problem, ...] = ()  # errors at lines of the translation
    file: str = ""  # the translation's file for messages, "docs/ur/handbook/passwords.md", set by scan

    @property
    def needs_work(self) -> bool:
        """Whether a translator has something to do (untracked pages need a review)."""
        return self.state in ("outdated", "untracked", "missing")

    def messages(self) -> list[str]:
        """Each problem as `file:line: message (hint)`."""
        return [f"{self.file or self.path}:{problem}" for problem in self.problems]


def section_of(path: str) -> str:
    """The part of the site a page belongs to: its first folder if handbook or blog, else pages."""
    first = path.split("/", 1)[0] if "/" in path else ""
    return first if first in SECTIONS[:2] else "pages"


def _last_line(text: str) -> int:
    return _unify(text).rstrip("\n").count("\n") + 1


def heading_mismatches(source_text: str, translation_text: str) -> list[Problem]:
    """The first heading where the translation's ids (and levels), in order, differ from the English.

    Only the first: after a heading is added or lost, every later one would differ too. Line numbers are
    the translation file's. Unreadable front matter raises `frontmatter.FrontMatterError`.
    """
    source, translation = frontmatter.split(_unify(source_text)), frontmatter.split(_unify(translation_text))
    expected = heading_ids(source.body)
    found = heading_ids(translation.body)
    lines = translation.body.split("\n")
    hint = "use the headings of the English page, with the same {#ids} in the same order"

    def shown(heading_id: str | None) -> str:
        return f"{{#{heading_id}}}" if heading_id else "no id"

    for index, (line, level, heading_id) in enumerate(found):
        at = translation.body_line + line - 1
        text = lines[line - 1].strip()
        if index >= len(expected):
            return [Problem(at, f"heading '{text}' has no counterpart in the English page", hint)]
        _, english_level, english_id = expected[index]
        if heading_id != english_id:
            return [Problem(at, f"heading '{text}' has {shown(heading_id)}, expected {shown(english_id)}", hint)]
        if level != english_level:
            return [Problem(at, f"heading '{text}' is level {level}, expected level {english_level}", hint)]
    if len(expected) > len(found):
        missing = expected[len(found):]
        more = f" (and {len(missing) - 1} more after it)" if len(missing) > 1 else ""
        return [Problem(_last_line(translation_text),
                        f"the translation ends before the English heading {shown(missing[0][2])}{more}", hint)]
    return []


def status(source_text: str | None, translation_text: str | None, *, path: str = "") -> PageStatus:
    """The state of a translation against its English source (None: that file does not exist)."""
    section = section_of(path)
    if source_text is None and translation_text is None:
        raise ValueError("a page needs an English source or a translation")
    if source_text is None:
        return PageStatus(path, section, "orphan", problems=(Problem(1, "page has no English source"),))
    if translation_text is None:
        return PageStatus(path, section, "missing")
    try:
        fingerprint = source_fingerprint(source_text)
    except frontmatter.FrontMatterError as error:
        problem = Problem(1, f"its English source cannot be read: line {error.line}: {error.message}", error.hint)
        return PageStatus(path, section, "untracked", problems=(problem,))
    try:
        doc = frontmatter.split(_unify(translation_text))
    except frontmatter.FrontMatterError as error:
        return PageStatus(path, section, "untracked", problems=(Problem(error.line, error.message, error.hint),))
    problems = tuple(heading_mismatches(source_text, translation_text))
    record = read_record(doc.meta)
    if record is None:
        return PageStatus(path, section, "untracked", problems=problems)
    digest, recorded = record
    if digest == fingerprint.digest:
        return PageStatus(path, section, "fresh", problems=problems)
    current = fingerprint.sections
    return PageStatus(
        path, section, "outdated",
        changed_sections=tuple(k for k in current if k in recorded and recorded[k] != current[k]),
        added_sections=tuple(k for k in current if k not in recorded),
        removed_sections=tuple(k for k in recorded if k not in current),
        problems=problems,
    )


# --- the tree -------------------------------------------------------------------------------------


def _markdown_files(folder: Path) -> set[str]:
    """Relative paths of the Markdown pages in a folder; hidden files and folders are not pages."""
    if not folder.is_dir():
        return set()
    return {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*.md")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    }


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _try_read(path: Path, label: str, read: Callable[[Path], str] = _read) -> tuple[str | None, Problem | None]:
    try:
        return read(path), None
    except UnicodeDecodeError as error:
        return None, Problem(1, f"{label} is not valid UTF-8 (byte {error.start})", "save it as UTF-8")
    except OSError as error:
        return None, Problem(1, f"cannot read {label}: {error.strerror}")


def scan(docs_dir: Path, lang: str, *, default: str = "en", read: Callable[[Path], str] = _read) -> list[PageStatus]:
    """The state of every page of `lang` against `default`: each English page, and each translation."""
    if lang == default:
        raise ValueError(f"'{lang}' is the source language, not a translation")
    english, translated = _markdown_files(docs_dir / default), _markdown_files(docs_dir / lang)
    label = docs_dir.name
    out: list[PageStatus] = []
    for path in sorted(english | translated):
        file, english_file = f"{label}/{lang}/{path}", f"{label}/{default}/{path}"
        source = translation = None
        unreadable = []
        if path in english:
            source, problem = _try_read(docs_dir / default / path, english_file, read)
            unreadable.append(problem)
        if path in translated:
            translation, problem = _try_read(docs_dir / lang / path, file, read)
            unreadable.append(problem)
        if any(unreadable):
            state: State = "orphan" if path not in english else "untracked" if path in translated else "missing"
            problems = tuple(p for p in unreadable if p is not None)
            out.append(PageStatus(path, section_of(path), state, problems=problems, file=file))
            continue
        page = replace(status(source, translation, path=path), file=file)
        if page.state == "orphan":
            problem = Problem(1, f"page has no English source {english_file}",
                              "rename it to match its English page, or remove it")
            page = replace(page, problems=(problem,))
        out.append(page)
    return out


def stamp(docs_dir: Path, lang: str, path: str, *, default: str = "en") -> bool:
    """Record in a translation that it matches the current English; True if the file changed."""
    source = _read(docs_dir / default / path)
    target = docs_dir / lang / path
    old = _read(target)
    new = write_record(old, source_fingerprint(source))
    if new == old:
        return False
    target.write_bytes(new.encode("utf-8"))
    return True


# --- summaries and the CLI report -----------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    """Pages per state, and how much of the English is translated and up to date."""

    counts: dict[str, int]  # every state, zeros included
    total: int  # English pages (every state but orphan)
    progress: float  # fresh / total; 1.0 when there is nothing to translate

    @property
    def percent(self) -> int:
        """Progress as a whole percentage, rounded down so that 100 means done."""
        return self.counts["fresh"] * 100 // self.total if self.total else 100


@dataclass(frozen=True)
class Summary(Tally):
    """A tally of every page of a language, and one per section of the site."""

    sections: dict[str, Tally] = field(default_factory=dict)


def _tally(statuses: Iterable[PageStatus]) -> Tally:
    counts: dict[str, int] = {state: 0 for state in STATES}
    for page in statuses:
        counts[page.state] += 1
    total = sum(n for state, n in counts.items() if state != "orphan")
    return Tally(counts, total, counts["fresh"] / total if total else 1.0)


def summarise(statuses: Iterable[PageStatus]) -> Summary:
    """Counts per state and progress, overall and per section (handbook, blog, pages, in that order)."""
    pages = list(statuses)
    overall = _tally(pages)
    names = sorted({p.section for p in pages}, key=lambda s: (SECTIONS.index(s) if s in SECTIONS else 99, s))
    sections = {name: _tally(p for p in pages if p.section == name) for name in names}
    return Summary(overall.counts, overall.total, overall.progress, sections)


def format_report(
    summaries_by_lang: Mapping[str, Summary], statuses_by_lang: Mapping[str, Iterable[PageStatus]], *, verbose: bool
) -> str:
    """A plain-text report: counts and progress per language, then what needs doing."""
    sections = [s for s in SECTIONS if any(s in summary.sections for summary in summaries_by_lang.values())]
    columns = [("language", 8), ("up to date", 10), ("outdated", 8), ("untracked", 9), ("missing", 7), ("orphan", 6)]
    columns += [(name, max(len(name), 4)) for name in sections] + [("all", 4)]
    rows = [[name.ljust(width) if i == 0 else name.rjust(width) for i, (name, width) in enumerate(columns)]]

    def percent(tally: Tally | None) -> str:
        return f"{tally.percent}%" if tally is not None and tally.total else "-"

    for lang, summary in summaries_by_lang.items():
        cells = [lang] + [str(summary.counts[state]) for state in STATES]
        cells += [percent(summary.sections.get(name)) for name in sections] + [percent(summary)]
        rows.append([c.ljust(w) if i == 0 else c.rjust(w) for i, (c, (_, w)) in enumerate(zip(cells, columns))])
    out = ["  ".join(row).rstrip() for row in rows]
    out.append("(progress: English pages whose translation is up to date)")

    for lang in summaries_by_lang:
        pages = list(statuses_by_lang.get(lang, ()))
        outdated = [p for p in pages if p.state == "outdated"]
        if outdated:
            out += ["", f"{lang}: outdated, with the English sections changed since they were translated"]
            for page in outdated:
                parts = [f"{label} {', '.join(ids)}" for label, ids in (
                    ("changed", page.changed_sections), ("added", page.added_sections),
                    ("removed", page.removed_sections)) if ids]
                out.append(f"  {page.path}: {'; '.join(parts) or 'sections moved'}")
        if verbose:
            for state, title in (("untracked", "untracked (no record of the English they translate: review them)"),
                                 ("missing", "missing (shown in English)")):
                listed = [p.path for p in pages if p.state == state]
                if listed:
                    out += ["", f"{lang}: {title}"] + [f"  {path}" for path in listed]
        errors = [message for page in pages for message in page.messages()]
        if errors:
            out += ["", f"{lang}: errors"] + [f"  {message}" for message in errors]
    return "\n".join(out) + "\n"


# --- dates ----------------------------------------------------------------------------------------


def _git(args: list[str], cwd: Path) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def english_changed_on(path: Path, repo_root: Path) -> dt.date | None:
    """The day the last commit touching `path` was made, or None when git or that history is not there."""
    # showSignature off: a user's git config must not add gpg lines to the output.
    found = _git(["-c", "log.showSignature=false", "log", "-1", "--format=%H %cs", "--", str(path)], repo_root)
    if not found or len(found.split()) != 2:
        return None
    commit, day = found.split()
    # In a shallow clone the oldest fetched commit seems to add every file: its date is not the page's.
    shallow = _git(["rev-parse", "--git-path", "shallow"], repo_root)
    if shallow:
        shallow_file = repo_root / shallow
        try:
            if shallow_file.is_file() and commit in shallow_file.read_text("ascii", "replace").split():
                return None
        except OSError:
            return None
    try:
        return dt.date.fromisoformat(day)
    except ValueError:
        return None
