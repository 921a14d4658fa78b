"""The legal chapter and the cybercrime complaint route: laws and numbers come from the registry, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handbook import frontmatter, markdown_scan
from handbook.facts import load_registry

from conftest import ROOT, BuildResult

DOCS = ROOT / "docs"
LANGS = ["en", "ur"]
LAW = Path("handbook") / "pakistan-law.md"
# The phrases that sent readers to DRF for a route the handbook did not give (issue 14), in both languages.
STALE_ROUTE = re.compile(r"current (?:complaint )?route|current official complaint channel|check the current complaint channel"
                         r"|موجودہ (?:آفیشل )?(?:شکایتی ذریعہ|طریقہ)", re.I)
COMPLAINT = {"en": re.compile(r"complain", re.I), "ur": re.compile("شکای")}  # شکایت, شکایات
NCCIA = {"en": re.compile("NCCIA"), "ur": re.compile("NCCIA|این سی سی آئی اے")}
# Each section of the law chapter and the registry entries it must include, in every language.
SECTION_FACTS = [
    ("peca-2016", ["peca-s20", "peca-s26a", "peca-s2r", "peca-s32", "peca-s33"]),
    ("peca-used-against-journalists", ["peca-amendment-2025", "peca-s2r"]),
    ("ihc-judgment-s20", ["peca-ordinance-2022", "peca-s20"]),
    ("device-seizure", ["peca-s32", "peca-s33", "drf-helpline"]),
    ("journalist-protection-laws", ["journalists-protection-act-2021", "sindh-journalists-act-2021"]),
    ("cybercrime-complaint", ["nccia-helpline"]),
    ("checklist", ["nccia-helpline"]),
]
FACT = re.compile(r"\[\[fact:([a-z0-9-]+)\]\]")


def sections(path: Path) -> dict[str, str]:
    """Each {#id} of a page mapped to its text, up to the next heading of any level."""
    body = frontmatter.split(path.read_text("utf-8")).body
    lines = body.split("\n")
    heads = markdown_scan.heading_ids(body)
    out: dict[str, str] = {}
    for index, (line, _, heading_id) in enumerate(heads):
        end = heads[index + 1][0] - 1 if index + 1 < len(heads) else len(lines)
        if heading_id:
            out[heading_id] = "\n".join(lines[line:end])
    return out


def pages(lang: str) -> list[Path]:
    """The chapters and the help page of a language: where readers look for a complaint route."""
    return sorted((DOCS / lang / "handbook").glob("*.md")) + [DOCS / lang / "help" / "index.md"]


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_sends_readers_to_ask_for_the_complaint_route(lang: str) -> None:
    stale = [f"{path.relative_to(ROOT)}:{number}" for path in sorted((DOCS / lang).rglob("*.md"))
             for number, line in enumerate(path.read_text("utf-8").split("\n"), start=1) if STALE_ROUTE.search(line)]
    assert not stale, f"readers are told to ask for the cybercrime complaint route instead of being given it: {stale}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_about_nccia_complaints_gives_its_helpline_from_the_registry(lang: str) -> None:
    about_complaints = [p for p in pages(lang)
                        if NCCIA[lang].search(text := p.read_text("utf-8")) and COMPLAINT[lang].search(text)]
    assert len(about_complaints) >= 6, [str(p) for p in about_complaints]
    missing = [str(p.relative_to(ROOT)) for p in about_complaints if "[[fact:nccia-helpline]]" not in p.read_text("utf-8")]
    assert not missing, f"these pages send complaints to the NCCIA without its helpline: {missing}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("section", "fact_ids"), SECTION_FACTS)
def test_law_chapter_sections_include_their_laws_from_the_registry(lang: str, section: str, fact_ids: list[str]) -> None:
    text = sections(DOCS / lang / LAW).get(section)
    assert text is not None, f"docs/{lang}/{LAW} has no section {{#{section}}}"
    missing = [fact for fact in fact_ids if f"[[fact:{fact}]]" not in text]
    assert not missing, f"docs/{lang}/{LAW} #{section} states these laws or numbers without the registry: {missing}"


def test_law_chapter_includes_only_entries_with_a_source_and_todays_check() -> None:
    registry = load_registry(ROOT)
    used = {m for lang in LANGS for m in FACT.findall((DOCS / lang / LAW).read_text("utf-8"))}
    assert {"peca-amendment-2025", "nccia-helpline", "sindh-journalists-act-2021"} <= used
    for fact_id in sorted(used):
        fact = registry.facts[fact_id]
        assert fact.source.startswith("https://"), f"{fact_id} has no source a reader can open"
        if fact.type == "law":
            assert fact.text("label", "ur") != fact.text("label", "en"), f"{fact_id} shows Urdu readers an English label"


@pytest.mark.parametrize("lang", LANGS)
def test_blocking_is_not_credited_to_the_pta_alone(lang: str) -> None:
    text = sections(DOCS / lang / LAW)["peca-used-against-journalists"]
    authority = "Social Media Protection and Regulatory Authority"
    assert authority in text, f"docs/{lang}/{LAW}: the 2025 social media authority is missing where blocking is explained"


@pytest.mark.parametrize("prefix", ["", "ur/"])
def test_built_law_page_dials_the_nccia_helpline_with_its_checked_date(site: BuildResult, prefix: str) -> None:
    page = site.html(f"{prefix}handbook/pakistan-law/index.html")
    section = page.find(id="cybercrime-complaint").find_next_sibling("p")
    fact = section.select_one(".mahfooz-fact")
    assert fact is not None, f"{prefix}handbook/pakistan-law: the complaint route shows no helpline"
    assert fact.select_one("a.mahfooz-fact-value")["href"] == "tel:1799"
    assert "2026" in fact.select_one(".mahfooz-fact-note").get_text(), "the helpline shows no checked date"
    for section_id in ("ihc-judgment-s20", "device-seizure", "journalist-protection-laws"):
        assert page.find(id=section_id) is not None, f"{prefix}handbook/pakistan-law: section #{section_id} is missing"
