"""Translation status, table-driven: fingerprints, the front matter record, states, headings, the tree, reports."""

from __future__ import annotations

import datetime as dt
import difflib
import subprocess
from pathlib import Path

import pytest

from handbook import frontmatter, translations
from handbook.content import Problem
from handbook.translations import Fingerprint, PageStatus

from conftest import ROOT

EN = """---
title: Passwords
description: Make strong passphrases and keep them safe.
tags: [accounts, privacy]
level: beginner
---

# Passwords

Most accounts are opened with a password someone guessed.

## In this chapter {#in-this-chapter}

- Why reuse is dangerous.
- How passphrases work.

## Passphrases {#passphrases}

Use six random words, chosen by your password manager.

Do not choose a line from a song.

### Writing them down {#writing-down}

Keep the paper somewhere safe.

## Checklist {#checklist}

- [ ] Make a passphrase.

```markdown
## Not a heading {#not-a-section}
```
"""

UR = """---
title: پاس ورڈ
description: مضبوط پاس فریز بنائیں اور محفوظ رکھیں۔
tags: [accounts, privacy]
level: beginner
---

# پاس ورڈ

زیادہ تر اکاؤنٹس ایسے پاس ورڈ سے کھلتے ہیں جس کا کسی نے اندازہ لگا لیا۔

## اس باب میں {#in-this-chapter}

- ایک ہی پاس ورڈ کیوں خطرناک ہے۔
- پاس فریز کیسے کام کرتا ہے۔

## پاس فریز {#passphrases}

چھ بے ترتیب الفاظ استعمال کریں۔

کسی گانے کی سطر نہ چنیں۔

### انہیں لکھنا {#writing-down}

کاغذ کو محفوظ جگہ رکھیں۔

## چیک لسٹ {#checklist}

- [ ] پاس فریز بنائیں۔

```markdown
## Not a heading {#not-a-section}
```
"""

SECTION_IDS = ["_intro", "in-this-chapter", "passphrases", "writing-down", "checklist"]
NEW_SECTION = "## A new section {#new-section}\n\nNew guidance.\n\n"


def stamped(translation: str = UR, source: str = EN) -> str:
    """A translation recorded as translating `source`."""
    return translations.write_record(translation, translations.source_fingerprint(source))


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def line_of(text: str, line: str) -> int:
    return text.split("\n").index(line) + 1


# --- fingerprints ---------------------------------------------------------------------------------


def test_fingerprint_has_a_digest_and_one_hash_per_section() -> None:
    fingerprint = translations.source_fingerprint(EN)
    assert len(fingerprint.digest) == 16 and int(fingerprint.digest, 16) >= 0
    assert list(fingerprint.sections) == SECTION_IDS  # ## and ###, not the heading inside code
    assert all(len(h) == 8 for h in fingerprint.sections.values())
    assert len(set(fingerprint.sections.values())) == len(SECTION_IDS)


def test_headings_without_ids_get_slugs_and_repeats_are_told_apart() -> None:
    text = "# T\n\nIntro.\n\n## Why it *really* matters\n\nA.\n\n### Notes\n\nB.\n\n### Notes\n\nC.\n\n#### Deep\n\nD.\n"
    assert list(translations.source_fingerprint(text).sections) == ["_intro", "why-it-really-matters", "notes", "notes_1"]


@pytest.mark.parametrize(
    "label, old, new, same",
    [
        ("lines reflowed", "Use six random words, chosen by your password manager.",
         "Use six random words,\nchosen by   your password\n  manager.", True),
        ("trailing spaces and extra blank lines", "Do not choose a line from a song.\n",
         "Do not choose a line from a song.   \n\n\n", True),
        ("Windows line ends", "\n", "\r\n", True),
        ("a word changed", "six random words", "seven random words", False),
        ("a paragraph split", "words, chosen", "words,\n\nchosen", False),
        ("punctuation changed", "a song.", "a song!", False),
        ("title changed", "title: Passwords", "title: Passphrases", False),
        ("description changed", "keep them safe.", "keep them secret.", False),
        ("a tag changed (not translated: shared or inherited)", "tags: [accounts, privacy]", "tags: [accounts]", True),
    ],
)
def test_what_counts_as_a_change(label: str, old: str, new: str, same: bool) -> None:
    changed = EN.replace(old, new) if old == "\n" else edit(EN, old, new)
    assert (translations.source_fingerprint(changed) == translations.source_fingerprint(EN)) is same, label


# --- the record -----------------------------------------------------------------------------------


def inserted_and_removed(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines `after` adds to `before` and the lines it drops, when all other lines are identical."""
    a, b = before.split("\n"), after.split("\n")
    added, removed = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += a[i1:i2]
            added += b[j1:j2]
    return added, removed


def test_record_is_added_at_the_end_of_the_front_matter_and_nothing_else_changes() -> None:
    fingerprint = translations.source_fingerprint(EN)
    out = translations.write_record(UR, fingerprint)
    added, removed = inserted_and_removed(UR, out)
    assert removed == []
    assert added == translations.record_lines(fingerprint)
    assert added[0].startswith("translation:") and all(line.startswith("  ") for line in added[1:])
    assert out.split("\n").index(added[0]) == line_of(UR, "level: beginner")  # just before the closing ---
    doc = frontmatter.split(out)
    assert doc.meta["translation"] == translations.record_for(fingerprint)
    assert doc.meta["translation"] == {"source": fingerprint.digest, "sections": fingerprint.sections}
    assert doc.body == frontmatter.split(UR).body
    assert translations.write_record(out, fingerprint) == out  # idempotent


def test_an_existing_record_is_replaced_in_place_keeping_comments_and_other_keys() -> None:
    text = (
        "---\n"
        "title: پاس ورڈ   # Urdu title\n"
        "translation:  {source: 0123, sections: {a: b}}\n"
        "# a comment about the description\n"
        "description: مضبوط پاس فریز بنائیں۔\n"
        "translation:\n"  # pasted twice: both go, one record stays where the first was
        "  source: old\n"
        "\n"
        "  sections:\n"
        "    x: y\n"
        "tags: [accounts]\n"
        "---\n"
        "\n"
        "# پاس ورڈ\n"
    )
    fingerprint = translations.source_fingerprint(EN)
    out = translations.write_record(text, fingerprint)
    lines = out.split("\n")
    record = translations.record_lines(fingerprint)
    assert lines == [
        "---", "title: پاس ورڈ   # Urdu title", *record, "# a comment about the description",
        "description: مضبوط پاس فریز بنائیں۔", "tags: [accounts]", "---", "", "# پاس ورڈ", "",
    ]
    assert frontmatter.split(out).meta["translation"] == translations.record_for(fingerprint)


def test_re_recording_after_an_english_change_touches_only_the_changed_lines() -> None:
    old = stamped()
    new_english = edit(EN, "six random words", "seven random words")
    new = translations.write_record(old, translations.source_fingerprint(new_english))
    added, removed = inserted_and_removed(old, new)
    assert sorted(line.split(":")[0].strip() for line in added) == ["passphrases", "source"]
    assert len(removed) == 2
    assert new == stamped(UR, new_english)


@pytest.mark.parametrize(
    "label, text",
    [
        ("no front matter", "# پاس ورڈ\n\nمتن۔\n"),
        ("empty front matter", "---\n---\n# پاس ورڈ\n"),
        ("byte-order mark", "\ufeff---\ntitle: پاس ورڈ\n---\n\nمتن۔\n"),
        ("Windows line ends", "---\r\ntitle: پاس ورڈ\r\n---\r\n\r\nمتن۔\r\n"),
        ("no final newline", "---\ntitle: پاس ورڈ\n---\nمتن۔"),
        ("closed with ...", "---\ntitle: پاس ورڈ\n...\nمتن۔\n"),
    ],
)
def test_record_round_trip_on_unusual_files(label: str, text: str) -> None:
    fingerprint = translations.source_fingerprint(EN)
    out = translations.write_record(text, fingerprint)
    assert out.startswith("\ufeff") == text.startswith("\ufeff"), label
    assert ("\r\n" in out) == ("\r\n" in text), label
    added, removed = inserted_and_removed(text.replace("\r\n", "\n"), out.replace("\r\n", "\n"))
    assert removed == [] and [a for a in added if a != "---"] == translations.record_lines(fingerprint), label
    assert frontmatter.split(out.replace("\r\n", "\n")).meta["translation"] == translations.record_for(fingerprint)
    assert translations.status(EN, out).state == "fresh", label


def test_hashes_that_look_like_numbers_are_quoted_and_read_back_as_strings() -> None:
    fingerprint = Fingerprint("0123456701234567", {"_intro": "12345678", "no": "1e100000", "on": "00000000", "a": "abcdef01"})
    out = translations.write_record("---\ntitle: x\n---\n", fingerprint)
    assert "  source: '0123456701234567'" in out and "    a: abcdef01" in out
    assert frontmatter.split(out).meta["translation"] == translations.record_for(fingerprint)


def test_unreadable_front_matter_is_not_rewritten() -> None:
    with pytest.raises(frontmatter.FrontMatterError):
        translations.write_record("---\ntitle: [unclosed\n---\n", translations.source_fingerprint(EN))


# --- states ---------------------------------------------------------------------------------------

FRESH, OUTDATED, UNTRACKED, MISSING, ORPHAN = "fresh", "outdated", "untracked", "missing", "orphan"


def moved_checklist(text: str) -> str:
    """The checklist section moved before the passphrases section, unchanged."""
    at = text.index("## Checklist")
    return text[:at].replace("## Passphrases", text[at:] + "\n## Passphrases")

CASES = [
    # label, English now (None: no file), translation (None: no file), state, changed, added, removed
    ("fresh", EN, stamped(), FRESH, (), (), ()),
    ("reflowed only", edit(EN, "manager.\n", "manager.   \n\n").replace("words, chosen", "words,\nchosen"),
     stamped(), FRESH, (), (), ()),
    ("one paragraph changed", edit(EN, "from a song.", "from a song or a poem."), stamped(), OUTDATED,
     ("passphrases",), (), ()),
    ("title changed", edit(EN, "title: Passwords", "title: Passwords and passphrases"), stamped(), OUTDATED,
     ("_intro",), (), ()),
    ("two sections changed", edit(edit(EN, "somewhere safe", "somewhere locked"), "Make a", "Write a"), stamped(),
     OUTDATED, ("writing-down", "checklist"), (), ()),
    ("section added", edit(EN, "## Checklist", NEW_SECTION + "## Checklist"), stamped(), OUTDATED,
     (), ("new-section",), ()),
    ("section removed", edit(EN, "### Writing them down {#writing-down}\n\nKeep the paper somewhere safe.\n\n", ""),
     stamped(), OUTDATED, (), (), ("writing-down",)),
    ("section renamed", edit(EN, "{#writing-down}", "{#write-it-down}"), stamped(), OUTDATED,
     (), ("write-it-down",), ("writing-down",)),
    ("section moved, text unchanged", moved_checklist(EN), stamped(), OUTDATED, (), (), ()),
    ("record without sections", edit(EN, "a song.", "a poem."), stamped().replace("  sections:\n", "  old:\n"),
     OUTDATED, (), tuple(SECTION_IDS), ()),
    ("missing", EN, None, MISSING, (), (), ()),
    ("orphan", None, UR, ORPHAN, (), (), ()),
    ("untracked", EN, UR, UNTRACKED, (), (), ()),
    ("record not a mapping", EN, edit(UR, "level: beginner", "level: beginner\ntranslation: yes"), UNTRACKED, (), (), ()),
]


@pytest.mark.parametrize("label, source, translation, state, changed, added, removed", CASES, ids=[c[0] for c in CASES])
def test_status(label: str, source: str | None, translation: str | None, state: str,
                changed: tuple[str, ...], added: tuple[str, ...], removed: tuple[str, ...]) -> None:
    page = translations.status(source, translation, path="handbook/passwords.md")
    assert (page.state, page.changed_sections, page.added_sections, page.removed_sections) == (
        state, changed, added, removed)
    assert page.path == "handbook/passwords.md" and page.section == "handbook"
    assert page.needs_work is (state in (OUTDATED, UNTRACKED, MISSING))
    if source is None or translation is None:
        assert bool(page.problems) is (state == ORPHAN)
    else:  # when the English gained, lost or moved a heading, the translation's headings no longer match
        assert list(page.problems) == translations.heading_mismatches(source, translation)
        assert bool(page.problems) is (label in ("section added", "section removed", "section renamed")
                                       or label.startswith("section moved"))


def test_status_needs_at_least_one_file() -> None:
    with pytest.raises(ValueError):
        translations.status(None, None)


def test_status_reports_front_matter_errors_instead_of_raising() -> None:
    broken = "---\ntitle: ok\ndescription: [unclosed\n---\n"
    with pytest.raises(frontmatter.FrontMatterError) as error:
        frontmatter.split(broken)
    page = translations.status(EN, broken)
    assert page.state == UNTRACKED and page.problems == (Problem(error.value.line, error.value.message, error.value.hint),)


@pytest.mark.parametrize("path, section", [
    ("handbook/passwords.md", "handbook"), ("blog/posts/x.md", "blog"), ("blog/index.md", "blog"),
    ("index.md", "pages"), ("help/index.md", "pages"), ("about/index.md", "pages"), ("handbook.md", "pages"),
])
def test_section_of(path: str, section: str) -> None:
    assert translations.section_of(path) == section


# --- headings -------------------------------------------------------------------------------------


def first_problem(translation: str) -> Problem:
    (problem,) = translations.heading_mismatches(EN, translation)
    return problem


def test_same_headings_are_no_problem() -> None:
    assert translations.heading_mismatches(EN, UR) == []
    assert translations.heading_mismatches(EN, stamped()) == []  # the record shifts nothing: lines are the file's


@pytest.mark.parametrize(
    "label, old, new, at, words",
    [
        ("different id", "## پاس فریز {#passphrases}", "## پاس فریز {#pass-phrases}", "## پاس فریز {#pass-phrases}",
         ["{#pass-phrases}", "expected {#passphrases}"]),
        ("id left out", "## چیک لسٹ {#checklist}", "## چیک لسٹ", "## چیک لسٹ", ["no id", "expected {#checklist}"]),
        ("extra heading", "## چیک لسٹ {#checklist}", "## اضافی {#extra}\n\n## چیک لسٹ {#checklist}",
         "## اضافی {#extra}", ["{#extra}", "expected {#checklist}"]),
        ("wrong level", "### انہیں لکھنا {#writing-down}", "## انہیں لکھنا {#writing-down}",
         "## انہیں لکھنا {#writing-down}", ["level 2", "level 3"]),
    ],
)
def test_heading_mismatch_names_the_heading_its_line_and_the_expected_id(
    label: str, old: str, new: str, at: str, words: list[str]
) -> None:
    translation = edit(stamped(), old, new)  # with a record, so body lines are offset from file lines
    problem = first_problem(translation)
    assert problem.line == line_of(translation, at), label
    assert f"'{at}'" in problem.message, label
    assert all(word in problem.message for word in words), (label, problem.message)


def test_a_translation_that_stops_early_is_reported_at_its_last_line() -> None:
    translation = UR[: UR.index("## چیک لسٹ")]
    problem = first_problem(translation)
    assert problem.line == translation.rstrip("\n").count("\n") + 1
    assert "{#checklist}" in problem.message

    shorter = UR[: UR.index("## پاس فریز")]
    assert "and 2 more" in first_problem(shorter).message


def test_a_translation_with_a_heading_after_the_last_english_one() -> None:
    translation = UR + "\n## مزید {#more}\n"
    problem = first_problem(translation)
    assert problem.line == line_of(translation, "## مزید {#more}") and "no counterpart" in problem.message


def test_status_carries_heading_problems() -> None:
    page = translations.status(EN, edit(stamped(), "{#checklist}", "{#check-list}"))
    assert page.state == FRESH and len(page.problems) == 1


# --- the tree -------------------------------------------------------------------------------------

POST_EN = """---
date: 2017-04-05
title: A post
description: One sentence.
slug: a-post
authors: [drf]
categories: [Human Rights & Technology]
tags: [surveillance]
---

# A post

First paragraph.

<!-- more -->

More text.
"""
POST_UR = "---\ntitle: ایک تحریر\ndescription: ایک جملہ۔\n---\n\n# ایک تحریر\n\nپہلا پیراگراف۔\n\n<!-- more -->\n\nمزید متن۔\n"
PAGE_EN = "---\ntitle: Home\ndescription: Home page.\n---\n\n# Home {#home}\n\n## Start here {#start-here}\n\nRead.\n"
PAGE_UR = "---\ntitle: سرورق\ndescription: سرورق۔\n---\n\n# سرورق {#home}\n\n## یہاں سے شروع کریں {#start-here}\n\nپڑھیں۔\n"


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A docs tree with one page in every state."""
    root = tmp_path / "docs"
    old_en = EN
    files = {
        "en/index.md": PAGE_EN, "ur/index.md": stamped(PAGE_UR, PAGE_EN),  # fresh
        "en/handbook/passwords.md": edit(old_en, "six random", "seven random"),  # outdated
        "ur/handbook/passwords.md": stamped(UR, old_en),
        "en/handbook/devices.md": EN, "ur/handbook/devices.md": UR,  # untracked
        "en/handbook/travel.md": EN,  # missing
        "en/handbook/mixed-up.md": EN, "ur/handbook/mixed-up.md": edit(stamped(), "{#checklist}", "{#check}"),
        "en/blog/posts/a-post.md": POST_EN, "ur/blog/posts/a-post.md": stamped(POST_UR, POST_EN),  # fresh
        "en/blog/posts/b-post.md": POST_EN,  # missing
        "ur/blog/posts/gone.md": POST_UR,  # orphan
        "en/help/index.md": PAGE_EN,  # missing
        "en/.drafts/hidden.md": EN, "ur/notes.txt": "not a page",
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return root


EXPECTED_TREE = {
    "blog/posts/a-post.md": ("blog", FRESH),
    "blog/posts/b-post.md": ("blog", MISSING),
    "blog/posts/gone.md": ("blog", ORPHAN),
    "handbook/devices.md": ("handbook", UNTRACKED),
    "handbook/mixed-up.md": ("handbook", FRESH),
    "handbook/passwords.md": ("handbook", OUTDATED),
    "handbook/travel.md": ("handbook", MISSING),
    "help/index.md": ("pages", MISSING),
    "index.md": ("pages", FRESH),
}


def test_scan_covers_every_page_of_both_languages(docs: Path) -> None:
    pages = translations.scan(docs, "ur")
    assert {p.path: (p.section, p.state) for p in pages} == EXPECTED_TREE
    assert [p.path for p in pages] == sorted(EXPECTED_TREE)
    by_path = {p.path: p for p in pages}
    assert by_path["handbook/passwords.md"].changed_sections == ("passphrases",)
    assert by_path["handbook/passwords.md"].file == "docs/ur/handbook/passwords.md"
    problems = {p.path: p.messages() for p in pages if p.problems}
    mixed = (docs / "ur/handbook/mixed-up.md").read_text("utf-8")
    line = line_of(mixed, "## چیک لسٹ {#check}")
    assert problems.keys() == {"blog/posts/gone.md", "handbook/mixed-up.md"}
    assert problems["blog/posts/gone.md"][0].startswith(
        "docs/ur/blog/posts/gone.md:1: page has no English source docs/en/blog/posts/gone.md")
    assert problems["handbook/mixed-up.md"][0].startswith(f"docs/ur/handbook/mixed-up.md:{line}: heading")


def test_scan_reports_unreadable_files(docs: Path) -> None:
    (docs / "ur/handbook/devices.md").write_bytes(b"---\ntitle: \xff\n---\n")
    (page,) = [p for p in translations.scan(docs, "ur") if p.path == "handbook/devices.md"]
    assert page.state == UNTRACKED and "not valid UTF-8" in page.problems[0].message


def test_scan_of_a_language_with_no_folder_yet(docs: Path) -> None:
    pages = translations.scan(docs, "ps")
    assert {p.state for p in pages} == {MISSING} and len(pages) == 8


def test_stamp_records_the_current_english(docs: Path) -> None:
    before = (docs / "ur/handbook/passwords.md").read_bytes()
    assert translations.stamp(docs, "ur", "handbook/passwords.md") is True
    assert translations.stamp(docs, "ur", "handbook/passwords.md") is False
    after = (docs / "ur/handbook/passwords.md").read_bytes().decode("utf-8")
    assert len(after.split("\n")) == len(before.decode("utf-8").split("\n"))
    assert translations.status((docs / "en/handbook/passwords.md").read_text("utf-8"), after).state == FRESH


# --- summaries and report -------------------------------------------------------------------------


def test_summarise(docs: Path) -> None:
    summary = translations.summarise(translations.scan(docs, "ur"))
    assert summary.counts == {FRESH: 3, OUTDATED: 1, UNTRACKED: 1, MISSING: 3, ORPHAN: 1}
    assert summary.total == 8 and summary.progress == 3 / 8 and summary.percent == 37
    assert list(summary.sections) == ["handbook", "blog", "pages"]
    handbook, blog, pages = summary.sections.values()
    assert handbook.counts == {FRESH: 1, OUTDATED: 1, UNTRACKED: 1, MISSING: 1, ORPHAN: 0}
    assert (handbook.total, handbook.progress, handbook.percent) == (4, 0.25, 25)
    assert (blog.counts[ORPHAN], blog.total, blog.progress, blog.percent) == (1, 2, 0.5, 50)
    assert (pages.total, pages.percent) == (2, 50)


@pytest.mark.parametrize(
    "states, percent",
    [([], 100), ([ORPHAN], 100), ([FRESH] * 2, 100), ([FRESH] * 28 + [MISSING], 96), ([FRESH] * 29 + [MISSING] * 71, 29)],
)
def test_percent_rounds_down_so_that_100_means_done(states: list[str], percent: int) -> None:
    pages = [PageStatus(f"p{i}.md", "pages", s) for i, s in enumerate(states)]  # type: ignore[arg-type]
    assert translations.summarise(pages).percent == percent


def test_format_report(docs: Path) -> None:
    pages = translations.scan(docs, "ur")
    summaries = {"ur": translations.summarise(pages)}
    report = translations.format_report(summaries, {"ur": pages}, verbose=False)
    header, row = report.split("\n")[:2]
    assert header.split()[:1] == ["language"] and "up to date" in header and "handbook" in header
    assert row.split() == ["ur", "3", "1", "1", "3", "1", "25%", "50%", "50%", "37%"]
    assert "  handbook/passwords.md: changed passphrases" in report
    assert "docs/ur/blog/posts/gone.md:1: page has no English source" in report
    assert "handbook/travel.md" not in report
    verbose = translations.format_report(summaries, {"ur": pages}, verbose=True)
    assert "  handbook/travel.md" in verbose and "  handbook/devices.md" in verbose


def test_format_report_for_several_languages_and_moved_sections() -> None:
    moved = PageStatus("handbook/x.md", "handbook", "outdated")
    statuses = {"ur": [moved], "ps": [PageStatus("index.md", "pages", "missing")]}
    report = translations.format_report(
        {lang: translations.summarise(pages) for lang, pages in statuses.items()}, statuses, verbose=False)
    lines = report.split("\n")
    assert lines[1].split() == ["ur", "0", "1", "0", "0", "0", "0%", "-", "0%"]
    assert lines[2].split() == ["ps", "0", "0", "0", "1", "0", "-", "0%", "0%"]
    assert "  handbook/x.md: sections moved" in report


# --- dates ----------------------------------------------------------------------------------------


def test_english_changed_on_is_none_outside_a_git_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    (tmp_path / "page.md").write_text("x", "utf-8")
    assert translations.english_changed_on(tmp_path / "page.md", tmp_path) is None
    assert translations.english_changed_on(tmp_path / "page.md", tmp_path / "no-such-folder") is None


class FakeGit:
    """Stands in for subprocess.run: answers git's questions from a table."""

    def __init__(self, answers: dict[str, tuple[int, str]] | Exception) -> None:
        self.answers = answers

    def __call__(self, args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        if isinstance(self.answers, Exception):
            raise self.answers
        command = next(a for a in args if a in ("log", "rev-parse"))
        code, out = self.answers.get(command, (128, ""))
        return subprocess.CompletedProcess(args, code, out, "")


COMMIT = "a" * 40


@pytest.mark.parametrize(
    "answers, shallow, expected",
    [
        ({"log": (0, f"{COMMIT} 2026-11-29\n"), "rev-parse": (0, ".git/shallow\n")}, None, dt.date(2026, 11, 29)),
        ({"log": (0, f"{COMMIT} 2026-11-29\n"), "rev-parse": (0, ".git/shallow\n")}, "b" * 40, dt.date(2026, 11, 29)),
        ({"log": (0, f"{COMMIT} 2026-11-29\n"), "rev-parse": (0, ".git/shallow\n")}, COMMIT, None),  # shallow edge
        ({"log": (0, "")}, None, None),  # a file git does not know
        ({"log": (0, f"{COMMIT} %cs\n")}, None, None),  # a git too old for %cs
        ({"log": (128, "")}, None, None),  # not a repository
        (FileNotFoundError("git"), None, None),  # no git at all
        (subprocess.TimeoutExpired("git", 30), None, None),
    ],
)
def test_english_changed_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                            answers: dict[str, tuple[int, str]] | Exception, shallow: str | None,
                            expected: dt.date | None) -> None:
    if shallow:
        (tmp_path / ".git").mkdir()
        (tmp_path / ".git" / "shallow").write_text(shallow + "\n", "ascii")
    monkeypatch.setattr(subprocess, "run", FakeGit(answers))
    assert translations.english_changed_on(Path("docs/en/index.md"), tmp_path) == expected


# --- the real content -----------------------------------------------------------------------------


def test_real_docs_have_no_orphans_and_no_heading_mismatches() -> None:
    pages = translations.scan(ROOT / "docs", "ur")
    assert pages and all(p.state in translations.STATES for p in pages)
    assert [p.path for p in pages if p.state == ORPHAN] == []
    assert [m for p in pages for m in p.messages()] == []
    english = {p.relative_to(ROOT / "docs" / "en").as_posix() for p in (ROOT / "docs" / "en").rglob("*.md")}
    assert translations.summarise(pages).total == len(english)
