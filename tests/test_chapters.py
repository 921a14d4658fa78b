"""Handbook content: every chapter complete, valid and translated, with the same structure in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handbook import content, facts, frontmatter, markdown_scan
from handbook.checks import check_file
from handbook.vocabulary import load_vocabulary

from conftest import ROOT, BuildResult

DOCS = ROOT / "docs"
VOCAB = load_vocabulary(ROOT / "data" / "vocabulary.yml")
CHAPTERS = sorted(p.name for p in (DOCS / "en" / "handbook").glob("*.md") if p.name != "index.md")
HELP_SITUATIONS = ["account-hacked", "recovery-pages", "being-harassed", "device-taken", "phone-lost", "being-watched",
                   "intimate-images", "legal-trouble", "who-can-help", "out-of-hours", "emergency-lines"]
# Every Pakistani emergency and crisis line the help page lists, each from the registry with its source.
CRISIS_LINES = ["police-emergency", "rescue-1122", "madadgaar-helpline", "mohr-helpline", "punjab-women-helpline",
                "umang-helpline", "drf-helpline"]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def read(path: Path) -> tuple[str, frontmatter.Document]:
    text = path.read_text("utf-8")
    return text, frontmatter.split(text)


def meta_problems(path: Path, lang: str) -> list[str]:
    """The front matter rules a chapter must pass, from the one implementation the build runs."""
    findings = check_file(str(path.relative_to(ROOT)), path.read_bytes(), kind="chapter", lang=lang, vocabulary=VOCAB)
    return [str(f) for f in findings if f.code.startswith("MH1")]


def prose_words(markdown: str) -> int:
    """Words a reader reads: no link targets, ids, list or table markup."""
    text = re.sub(r"\]\([^)]*\)|\{#[^}]*\}|<!--.*?-->", " ", markdown)
    text = re.sub(r"^\s*(?:[-*]\s+\[[ xX]\]|[-*]|\d+\.|#+|>|!!!\s+\w+|\|)", " ", text, flags=re.M)
    return len([w for w in re.split(r"\s+", text) if re.search(r"\w", w)])


def test_there_are_at_least_twelve_chapters_in_both_languages() -> None:
    assert len(CHAPTERS) >= 12
    missing = [name for name in CHAPTERS if not (DOCS / "ur" / "handbook" / name).is_file()]
    assert not missing, f"chapters without an Urdu translation: {missing}"


@pytest.mark.parametrize("name", CHAPTERS)
def test_english_chapter_is_complete(name: str) -> None:
    _, doc = read(DOCS / "en" / "handbook" / name)
    problems = meta_problems(DOCS / "en" / "handbook" / name, "en")
    problems += [f"docs/en/handbook/{name}:{p}" for p in content.check_chapter_body(doc.body, first_line=doc.body_line)]
    assert not problems, "\n".join(problems)
    assert prose_words(doc.body) >= 800, f"{name}: {prose_words(doc.body)} words, fewer than 800"
    (h1,) = re.findall(r"^# (.+?)(?:\s*\{#[^}]*\})?\s*$", doc.body, flags=re.M)[:1]
    assert h1 == doc.meta["title"], f"{name}: '# {h1}' differs from title '{doc.meta['title']}'"


@pytest.mark.parametrize("name", CHAPTERS)
def test_urdu_chapter_matches_its_english_source(name: str) -> None:
    _, english = read(DOCS / "en" / "handbook" / name)
    _, urdu = read(DOCS / "ur" / "handbook" / name)
    problems = meta_problems(DOCS / "ur" / "handbook" / name, "ur")
    problems += [f"docs/ur/handbook/{name}:{p}" for p in content.check_chapter_body(urdu.body, first_line=urdu.body_line)]
    assert not problems, "\n".join(problems)
    # A `changes:` note is written in the file's own language (CONTRIBUTING.md), so only its dates are shared.
    shared = {k: v for k, v in english.meta.items() if k not in ("title", "description", "objectives", "changes")}
    assert [c["date"] for c in urdu.meta.get("changes") or []] == [c["date"] for c in english.meta.get("changes") or []], \
        f"{name}: the Urdu 'changes:' notes are not dated like the English ones"
    urdu_notes = [c["note"] for c in urdu.meta.get("changes") or []]
    assert all(re.search(r"[\u0600-\u06FF]{3}", n) for n in urdu_notes), f"{name}: a 'What changed' note is not in Urdu"
    assert len(urdu.meta["objectives"]) == len(english.meta["objectives"]), f"{name}: Urdu states other objectives"
    assert all(re.search(r"[\u0600-\u06FF]{3}", o) for o in urdu.meta["objectives"]), f"{name}: objectives not in Urdu"
    assert {k: urdu.meta.get(k) for k in shared} == shared, f"{name}: Urdu front matter differs"
    assert [h for _, _, h in markdown_scan.heading_ids(urdu.body)] == [h for _, _, h in markdown_scan.heading_ids(english.body)]
    assert LINK.findall(urdu.body) == LINK.findall(english.body), f"{name}: link targets differ"
    assert re.search(r"[\u0600-\u06FF]{3}", urdu.meta["title"]), f"{name}: Urdu title is not in Urdu"
    assert prose_words(urdu.body) >= 0.8 * prose_words(english.body), f"{name}: Urdu looks shorter than a full translation"


def test_law_chapter_says_when_it_was_checked() -> None:
    _, doc = read(DOCS / "en" / "handbook" / "pakistan-law.md")
    assert re.search(r"Legal information checked on \d{1,2} \w+ \d{4}\.", doc.body)


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_help_page_routes_each_situation(lang: str) -> None:
    text, doc = read(DOCS / lang / "help" / "index.md")
    ids = [h for _, _, h in markdown_scan.heading_ids(doc.body)]
    assert all(situation in ids for situation in HELP_SITUATIONS), ids
    assert not re.search(r"<\s*(script|iframe|form|style)", doc.body, re.I), "help page must stay static"
    assert "[[fact:drf-helpline]]" in doc.body, "the help page gives the DRF helpline, from the registry of facts"
    targets = LINK.findall(doc.body)
    assert sum(t.startswith("../handbook/") and "#" in t for t in targets) >= 6


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_help_page_lists_crisis_lines_from_the_registry(lang: str) -> None:
    _, doc = read(DOCS / lang / "help" / "index.md")
    registry = facts.load_registry(ROOT)
    section = doc.body.split("{#emergency-lines}", 1)[1].split("\n## ", 1)[0]
    missing = [fid for fid in CRISIS_LINES if f"[[fact:{fid}]]" not in section]
    assert not missing, f"{lang} help page: emergency lines missing from 'Emergency and crisis lines': {missing}"
    unknown = [fid for fid in re.findall(r"\[\[fact:([^\]]+)\]\]", doc.body) if fid not in registry.facts]
    assert not unknown, f"{lang} help page includes facts the registry lacks: {unknown}"
    hours = doc.body.split("{#out-of-hours}", 1)[1].split("\n## ", 1)[0]
    assert "[[fact:drf-helpline]]" in hours and "[[fact:accessnow-helpline]]" in hours, \
        f"{lang}: 'when DRF's helpline is closed' must give DRF's hours and the 24/7 Access Now helpline"


def test_help_links_point_at_sections_that_exist() -> None:
    _, doc = read(DOCS / "en" / "help" / "index.md")
    for target in LINK.findall(doc.body):
        if not target.startswith("../handbook/"):
            continue
        path, _, anchor = target.removeprefix("../handbook/").partition("#")
        _, chapter = read(DOCS / "en" / "handbook" / path)
        assert anchor in [h for _, _, h in markdown_scan.heading_ids(chapter.body)], target


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_every_chapter_is_built_and_translated(site: BuildResult, lang: str) -> None:
    prefix = "" if lang == "en" else "ur/"
    for name in CHAPTERS:
        page = site.html(f"{prefix}handbook/{name[:-3]}/index.html")
        assert page.select_one(".mahfooz-fallback") is None, f"{prefix}{name} is shown as an untranslated fallback"
        assert page.select_one("#checklist") is not None and page.select_one("#workshop-activity") is not None
        assert page.select(".task-list-item"), f"{prefix}{name}: no printable checklist items"


def _first_note(path: Path) -> str:
    from handbook import trainer

    _, notes = trainer.split_trainer_notes(frontmatter.split(path.read_text("utf-8")).body)
    first_line = next(line for line in notes[0].markdown.split("\n") if line.strip())
    return re.sub(r"[*_`]", "", first_line)[:40]


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_trainer_notes_are_for_trainers_only(site: BuildResult, lang: str) -> None:
    prefix = "" if lang == "en" else "ur/"
    for name in CHAPTERS:
        stem = name[:-3]
        note = _first_note(DOCS / lang / "handbook" / name)
        reader = site.html(f"{prefix}handbook/{stem}/index.html")
        assert not reader.select(".admonition.trainer"), f"{prefix}{name}: trainer notes shown to readers"
        assert note not in reader.get_text(" "), f"{prefix}{name}: trainer note text shown to readers"
        links = {a.get_text(strip=True): a["href"] for a in reader.select(".mahfooz-trainer-links a")}
        assert len(links) == 3, f"{prefix}{name}: no Present/Checklist/Facilitator links"
        deck = site.html(f"{prefix}handbook/{stem}-slides/index.html")
        notes = " ".join(n.get_text(" ") for n in deck.select(".mahfooz-notes"))
        assert note in " ".join(notes.split()), f"{prefix}{name}: presenter notes missing from the deck"
        guide = site.html(f"{prefix}handbook/{stem}-facilitator/index.html").get_text(" ")
        assert note in " ".join(guide.split()), f"{prefix}{name}: trainer notes missing from the facilitator guide"
        checklist = site.html(f"{prefix}handbook/{stem}-checklist/index.html")
        assert checklist.select(".task-list-item"), f"{prefix}{name}: empty checklist handout"


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_slide_count_matches_the_sections(site: BuildResult, lang: str) -> None:
    from handbook import trainer

    prefix = "" if lang == "en" else "ur/"
    for name in CHAPTERS:
        _, doc = read(DOCS / lang / "handbook" / name)
        reader, _ = trainer.split_trainer_notes(doc.body)
        sections = trainer.split_sections(reader)[1]
        deck = site.html(f"{prefix}handbook/{name[:-3]}-slides/index.html")
        slides = deck.select("section.mahfooz-slide")
        openers = [s for s in slides if s.find("h2") and "mahfooz-continued" not in (s.find("h2").get("class") or [])]
        assert len(openers) == len(sections), f"{prefix}{name}: {len(openers)} section slides for {len(sections)} sections"
        words = trainer.WORDS_PER_SLIDE.get(lang, trainer.MAX_WORDS_PER_SLIDE)
        expected_max = 1 + sum(len(trainer.slide_chunks(s.body.strip(), words) or [""]) for s in sections) + 3
        assert len(sections) + 1 <= len(slides) <= expected_max
