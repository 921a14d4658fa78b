"""Workshop rules: activity timing (MH701-MH703), objectives and teaching (MH103/MH104/MH110), materials (MH704)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from handbook import activity, frontmatter, workshop
from handbook.checks import check_file, check_tree
from handbook.vocabulary import load_vocabulary

from conftest import ROOT, copy_project

VOCAB = load_vocabulary(ROOT / "data" / "vocabulary.yml")
CHAPTERS = sorted(p.stem for p in (ROOT / "docs" / "en" / "handbook").glob("*.md") if p.name != "index.md")
ACTIVITY = "**Spot the trap (45 minutes: 10 to introduce, 20 in pairs, 15 to discuss).**"


@pytest.mark.parametrize(
    "line, total, parts",
    [
        ("**Account check-up.** 45 minutes: 10 to introduce, 25 in pairs, 10 to discuss.", 45, (10, 25, 10)),
        ("**Build a log (45 minutes: 10 to introduce, 25 in pairs, 10 to discuss).**", 45, (10, 25, 10)),
        ("**Spot the trap: 45 minutes** (10 to introduce, 20 in pairs, 15 to discuss).", 45, (10, 20, 15)),
        ("**جال پہچانیں: 45 منٹ** (10 تعارف، 20 جوڑیوں میں، 15 گفتگو)۔", 45, (10, 20, 15)),
        ("**نقشہ (۴۰ منٹ: ۱۰ تعارف، ۳۰ گروپوں میں)**", 40, (10, 30)),
        ("**Our plan** (60 minutes)", 60, ()),
        ("**Pairs, 30 minutes.** Practise in groups of three.", 30, ()),
    ],
)
def test_timing_lines_are_read_in_both_languages(line: str, total: int, parts: tuple[int, ...]) -> None:
    assert activity.parse_timing(line) == activity.Timing(total, parts)


def test_a_line_without_minutes_has_no_timing() -> None:
    assert activity.parse_timing("**Account check-up.** In pairs, then discuss.") is None


@pytest.mark.parametrize(
    "dest, expected",
    [
        ("../trainers/handouts/call-log.md", "call-log"),
        ("../trainers/handouts/call-log.md#top", "call-log"),
        ("../trainers/index.md", None),
        ("passwords.md", None),
        ("https://example.org/trainers/handouts/x.md", None),
        ("../trainers/handouts/index.md", None),
    ],
)
def test_which_links_name_a_handout(dest: str, expected: str | None) -> None:
    assert activity.handout_id(dest, "handbook/secure-messaging.md") == expected


def chapter(duration: object = 60, teaching: object = 15, objectives: object = ("Do one thing.", "Do another."),
            timing: str = ACTIVITY, extra: str = "") -> str:
    """A chapter's source with the given workshop values (everything else valid)."""
    meta = {"title": "Links", "description": "About links.", "tags": ["phishing"], "level": "beginner",
            "duration": duration, "teaching": teaching, "objectives": list(objectives) if isinstance(objectives, tuple) else objectives,
            "last_reviewed": "2026-11-29", "review_by": "2027-05-29"}
    body = ("# Links\n\nIntro.\n\n## Checklist {#checklist}\n\n- [ ] Check.\n\n"
            f"## Workshop activity {{#workshop-activity}}\n\n{timing}\n\n{extra}Pairs sort cards.\n\n"
            "## Further reading {#further-reading}\n\n- More.\n")
    return frontmatter.dump(meta, body).replace("'2026-11-29'", "2026-11-29").replace("'2027-05-29'", "2027-05-29")


def findings(text: str) -> list[str]:
    """The workshop and chapter-value findings of one chapter, as 'line CODE message'."""
    found = check_file("docs/en/handbook/links.md", text.encode(), kind="chapter", lang="en", vocabulary=VOCAB)
    return [f"{f.line} {f.code} {f.message}" for f in found if f.code in ("MH103", "MH104", "MH108", "MH110")
            or f.code.startswith("MH7")]


def line_of(text: str, needle: str) -> int:
    return text.split(needle)[0].count("\n") + 1


@pytest.mark.parametrize(
    "kwargs, code, needle, words",
    [
        ({"timing": "**Spot the trap.** Pairs sort the cards."}, "MH701", "**Spot the trap.**", "how many minutes"),
        ({"timing": "**Trap (45 minutes: 10 to introduce, 20 in pairs, 10 to discuss).**"}, "MH702", "**Trap",
         "add up to 40 minutes, not the 45"),
        ({"duration": 60, "teaching": 30}, "MH703", "**Spot the trap", "30 minutes of teaching + 45 of activity = 75"),
        ({"teaching": "half an hour"}, "MH104", "teaching:", "'teaching' must be a whole number"),
        ({"teaching": 2}, "MH110", "teaching:", "'teaching' must be 5 to 480"),
        ({"objectives": ("Only one.",)}, "MH110", "- Only one.", "1 learning objectives"),
        ({"objectives": "Read the chapter."}, "MH104", "objectives:", "'objectives' must be a list"),
        ({"objectives": ("Use *bold*.", "Fine.")}, "MH108", "- Use", "contains markup"),
        ({"objectives": []}, "MH103", "objectives:", "'objectives' is missing or empty"),
    ],
)
def test_bad_workshop_values_are_named_at_their_line(kwargs: dict, code: str, needle: str, words: str) -> None:
    text = chapter(**kwargs)
    found = findings(text)
    expected = [f for f in found if f.startswith(f"{line_of(text, needle)} {code} ") and words in f]
    assert expected, f"expected {code} at line {line_of(text, needle)} saying {words!r}, got {found}"


def test_a_chapter_whose_workshop_fits_has_no_findings() -> None:
    assert findings(chapter()) == []


def test_check_fails_when_an_activity_names_a_missing_handout(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    urdu = root / "docs" / "ur" / "trainers" / "handouts" / "call-log.md"
    urdu.unlink()
    english = root / "docs" / "en" / "handbook" / "secure-messaging.md"
    english.write_text(english.read_text("utf-8").replace(
        "Hand out a printed, invented [call log]", "Hand out [the ghost cards](../trainers/handouts/ghost-cards.md) and a printed, invented [call log]"), "utf-8")
    found = [str(f.relative_to(root)) for f in check_tree(root / "docs", vocabulary=VOCAB) if f.code == "MH704"]
    text = english.read_text("utf-8")
    line = line_of(text, "[the ghost cards]")
    assert f"docs/en/handbook/secure-messaging.md:{line}:1: MH704 the activity names the material 'ghost-cards', " \
           "which has no handout docs/en/trainers/handouts/ghost-cards.md" in "\n".join(found), found
    urdu_line = line_of((root / "docs/ur/handbook/secure-messaging.md").read_text("utf-8"), "handouts/call-log.md")
    assert any(f.startswith(f"docs/ur/handbook/secure-messaging.md:{urdu_line}:1: MH704")
               and "docs/ur/trainers/handouts/call-log.md" in f for f in found), found


@pytest.mark.parametrize("slug", CHAPTERS)
def test_every_activity_material_exists_in_both_languages(slug: str) -> None:
    for lang in ("en", "ur"):
        body = frontmatter.split((ROOT / "docs" / lang / "handbook" / f"{slug}.md").read_text("utf-8")).body
        for material in activity.materials(body, f"handbook/{slug}.md"):
            for handout_lang in ("en", "ur"):
                path = ROOT / "docs" / handout_lang / activity.handout_rel(material.id)
                assert path.is_file(), f"{lang}/handbook/{slug}.md names '{material.id}': trainers get no {path.relative_to(ROOT)}"
    english = activity.materials(frontmatter.split((ROOT / "docs/en/handbook" / f"{slug}.md").read_text("utf-8")).body, "handbook/x.md")
    urdu = activity.materials(frontmatter.split((ROOT / "docs/ur/handbook" / f"{slug}.md").read_text("utf-8")).body, "handbook/x.md")
    assert [m.id for m in urdu] == [m.id for m in english], f"{slug}: the Urdu activity names other materials"


def test_materials_named_in_the_activities_are_printed_into_the_pack() -> None:
    plan = workshop.make_plan(ROOT, CHAPTERS, ["en", "ur"], "2026-12-05", "Lahore Press Club")
    pdfs = {pdf for _, pdf in workshop.print_targets(plan)}
    handouts = sorted(p.stem for p in (ROOT / "docs/en/trainers/handouts").glob("*.md"))
    assert len(handouts) >= 10
    for lang in ("en", "ur"):
        named = {h.id for item in plan.items[lang] for h in item.handouts}
        assert named == set(handouts), f"{lang}: handouts no activity names, or named ones missing: {named ^ set(handouts)}"
        missing = [h for h in handouts if f"{lang}/handouts/{h}.pdf" not in pdfs]
        assert not missing, f"the {lang} workshop pack would not print {missing}"


def test_word_list_covers_every_roll_of_three_dice_once() -> None:
    table = (ROOT / "snippets" / "handouts" / "word-list-table.md").read_text("utf-8").splitlines()[2:]
    rows = {cells[1].strip("* "): cells[2:8] for cells in (line.split("|") for line in table)}
    assert sorted(rows) == [f"{a}{b}" for a in range(1, 7) for b in range(1, 7)]
    words = [w.strip() for cells in rows.values() for w in cells]
    assert len(words) == 216 and len(set(words)) == 216, "a word appears twice: rolls would not be equally likely"
    assert all(w.isascii() and w.isalpha() and w.islower() for w in words)
