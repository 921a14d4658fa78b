"""Trainer views from chapter Markdown: notes split from the reader view, slides, handouts (pure functions)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from handbook import frontmatter, trainer, workshop

from conftest import ROOT

CHAPTER = """# Title

Intro paragraph.

## In this chapter {#in-this-chapter}

- One
- Two

## Steps {#steps}

1. First step.
2. Second step.

!!! trainer "Notes for trainers"

    Secret for trainers only.

    Second paragraph of notes.

After the notes.

```markdown
!!! trainer "inside code"
    not a note
```

## Checklist {#checklist}

- [ ] Do this. See [steps](#steps).

## Workshop activity {#workshop-activity}

**Pairs (30 minutes).** Practise.

??? trainer "More notes"
    Prepare cards.
"""


def test_trainer_notes_are_removed_from_the_reader_view() -> None:
    reader, notes = trainer.split_trainer_notes(CHAPTER)
    assert "Secret for trainers" not in reader and "Prepare cards" not in reader
    assert "After the notes." in reader and '!!! trainer "inside code"' in reader
    assert [(n.section, n.markdown) for n in notes] == [
        ("steps", "Secret for trainers only.\n\nSecond paragraph of notes."),
        ("workshop-activity", "Prepare cards."),
    ]


@pytest.mark.parametrize(
    "markdown, count",
    [
        ("Para one.\n\nPara two.", 2),
        ("- a\n- b\n\n- c\n\nAfter.", 2),
        ("1. a\n\n    indented continuation\n2. b", 1),
        ("!!! note\n\n    body\n\n    more\n\nNext.", 2),
        ("```\ncode\n\nmore code\n```\n\nText.", 2),
        ("| a | b |\n|---|---|\n| 1 | 2 |", 1),
    ],
)
def test_markdown_blocks(markdown: str, count: int) -> None:
    assert len(trainer.blocks(markdown)) == count


def test_long_lists_and_sections_are_split_into_several_slides() -> None:
    items = "\n".join(f"- item number {i} with a few words" for i in range(14))
    chunks = trainer.slide_chunks(items)
    assert [c.count("- item") for c in chunks] == [6, 6, 2]
    prose = "\n\n".join("word " * 40 for _ in range(3))
    assert len(trainer.slide_chunks(prose)) == 3


def test_deck_has_a_title_slide_and_one_or_more_per_section_with_notes() -> None:
    deck = trainer.deck_markdown("Title", "A description.", CHAPTER, "chapter.md")
    slides = deck.split('<section class="mahfooz-slide" markdown>')[1:]
    assert "# Title" in slides[0] and "A description." in slides[0]
    sections = [s for s in slides if "\n## " in s]
    assert len(sections) >= 4
    steps = next(s for s in slides if "{#steps}" in s)
    assert '<aside class="mahfooz-notes" markdown>' in steps and "Secret for trainers only." in steps
    assert "](chapter.md#steps)" in deck, "same-page links must point back at the chapter"


def test_checklist_and_facilitator_handouts() -> None:
    checklist = trainer.checklist_markdown("Title", "Checklist", CHAPTER, "chapter.md")
    assert checklist.startswith("# Checklist") and "- [ ] Do this. See [steps](chapter.md#steps)." in checklist
    assert "Secret" not in checklist
    guide = trainer.facilitator_markdown("Title", "Facilitator guide", CHAPTER, "chapter.md", "Notes")
    assert "Pairs (30 minutes)" in guide and "Secret for trainers only." in guide and "Prepare cards." in guide
    assert trainer.checklist_markdown("T", "C", "# T\n\nNo checklist here.", "x.md") is None


@pytest.mark.parametrize(
    "dest, view, expected",
    [
        ("handbook/passwords/index.html", "slides", "handbook/passwords-slides/index.html"),
        ("ur/handbook/passwords/index.html", "checklist", "ur/handbook/passwords-checklist/index.html"),
        ("handbook/passwords.html", "slides", "handbook/passwords-slides.html"),
    ],
)
def test_views_sit_beside_their_chapter(dest: str, view: str, expected: str) -> None:
    from handbook.trainer_pages import view_dest

    assert view_dest(dest, view) == expected


def test_every_real_chapter_has_notes_slides_and_a_checklist() -> None:
    for path in sorted((ROOT / "docs").glob("*/handbook/*.md")):
        if path.name == "index.md":
            continue
        doc = frontmatter.split(path.read_text("utf-8"))
        reader, notes = trainer.split_trainer_notes(doc.body)
        assert notes, f"{path}: no trainer notes"
        assert "!!! trainer" not in reader and "??? trainer" not in reader
        assert trainer.checklist_markdown("t", "c", doc.body, path.name), f"{path}: no checklist"


# --- workshop planning ----------------------------------------------------------------------------

def test_agenda_times_come_from_each_chapters_duration() -> None:
    plan = workshop.make_plan(ROOT, ["passwords", "account-security"], ["ur"], "2026-12-05", "Lahore Press Club",
                              start="10:00")
    items = plan.items["ur"]
    durations = [frontmatter.split((ROOT / "docs/en/handbook" / f"{s}.md").read_text("utf-8")).meta["duration"]
                 for s in ("passwords", "account-security")]
    assert items[0].start == dt.time(10, 0)
    assert items[1].start == items[0].end
    assert [i.minutes for i in items] == durations
    assert all(i.activity for i in items)
    assert items[0].title == frontmatter.split((ROOT / "docs/ur/handbook/passwords.md").read_text("utf-8")).meta["title"]


@pytest.mark.parametrize(
    "chapters, languages, date, venue, start, message",
    [
        (["passwords", "nope"], ["en"], "2026-12-05", "X", "10:00", "unknown chapter(s): nope"),
        ([], ["en"], "2026-12-05", "X", "10:00", "name at least one chapter"),
        (["passwords"], ["xx"], "2026-12-05", "X", "10:00", "unknown language 'xx'"),
        (["passwords"], ["en"], "2026-13-05", "X", "10:00", "invalid date '2026-13-05'"),
        (["passwords"], ["en"], "2026-12-05", " ", "10:00", "name the venue"),
        (["passwords"], ["en"], "2026-12-05", "X", "25:00", "invalid start time '25:00'"),
    ],
)
def test_bad_workshop_requests_are_refused(chapters, languages, date, venue, start, message) -> None:
    with pytest.raises(workshop.WorkshopError, match=message.replace("(", r"\(").replace(")", r"\)")):
        workshop.make_plan(ROOT, chapters, languages, date, venue, start)


def test_checksums_and_zip_are_deterministic(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    (folder / "pdf").mkdir(parents=True)
    (folder / "agenda.html").write_text("agenda")
    (folder / "pdf" / "a.pdf").write_bytes(b"%PDF-")
    sums = workshop.sha256sums(folder)
    assert workshop.verify_sums(folder, sums) == []
    workshop.write_zip(folder, tmp_path / "one.zip")
    workshop.write_zip(folder, tmp_path / "two.zip")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    (folder / "pdf" / "a.pdf").write_bytes(b"changed")
    assert workshop.verify_sums(folder, sums) == ["pdf/a.pdf"]
