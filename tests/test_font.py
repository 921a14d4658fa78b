"""The Urdu web font: characters collected, subset made and kept complete, MH403 in check and build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, copy_project
from handbook import fonts
from handbook.checks import check_tree
from handbook.cli import main
from handbook.font_coverage import Gap, uncovered
from handbook.vocabulary import load_vocabulary

SOURCE = ROOT / fonts.SOURCE_FONT
SUBSET = ROOT / fonts.SUBSET_FONT
HIGH_HAMZA_YEH = "\u0678"  # an Arabic letter Noto Nastaliq Urdu has no glyph for


def source_only_letter() -> str:
    """An Arabic letter the source font has but the published subset leaves out (no page uses it)."""
    missing = fonts.cmap_of(SOURCE.read_bytes()) - fonts.cmap_of(SUBSET.read_bytes())
    return chr(min(c for c in missing if 0x0620 <= c <= 0x06FF))


ARABIC = {ord(c) for c in "سلام پاکستان"}


@pytest.mark.parametrize(("text", "expected"), [
    ("سلام", []),
    ("سلام\nپا\u0678ک", [Gap(2, 3, "\u0678", 1)]),
    ("\u0678 \u0678\r\n\u06d3", [Gap(1, 1, "\u0678", 2), Gap(2, 1, "\u06d3", 1)]),
    ("a\rb\u06d3", [Gap(2, 2, "\u06d3", 1)]),
    ("سلام 😀 hello 2024", []),  # emoji, Latin and Latin digits are the system fonts' to draw
    ("ﷲ", [Gap(1, 1, "ﷲ", 1)]),  # presentation forms are the Nastaliq face's range too
])
def test_uncovered_finds_each_character_the_font_cannot_draw_at_its_first_place(text, expected) -> None:
    assert uncovered(text, ARABIC) == expected


def test_urdu_css_asks_the_nastaliq_and_fallback_faces_for_exactly_the_checked_ranges() -> None:
    css = (ROOT / "overrides" / "assets" / "stylesheets" / "urdu.css").read_text("utf-8")
    ranges = [" ".join(r.split()) for r in re.findall(r"unicode-range:([^;]+);", css)]
    assert ranges == [fonts.unicode_range_css()] * 2, "urdu.css and handbook.fonts.FONT_RANGES disagree"


@pytest.mark.parametrize(("data", "expected"), [
    ({"en": {"a": "Hello"}, "ur": {"a": "سلام", "b": "دنیا"}}, ["سلام", "دنیا"]),
    ({"tags": {"law": {"en": "Law", "ur": "قانون"}, "gender": {"en": "Gender"}}}, ["قانون"]),
    ([{"ur": ["ایک", {"x": "دو"}]}], ["ایک", "دو"]),
])
def test_language_strings_reads_every_string_under_the_language_key(data, expected) -> None:
    assert list(fonts.language_strings(data, "ur")) == expected


def test_i18n_strings_come_from_the_language_entry_despite_mkdocs_tags() -> None:
    config = ("site_dir: !ENV [SITE_DIR, site]\nplugins:\n  - search\n  - i18n:\n      languages:\n"
              "        - locale: en\n          name: English\n        - locale: ur\n          name: اردو\n"
              "          nav_translations:\n            Blog: بلاگ\n")
    assert fonts.i18n_language_strings(config, "ur") == ["اردو", "بلاگ"]


def test_material_partial_strings_are_the_translated_values() -> None:
    partial = '{% macro t(key) %}{{ {\n  "language": "ur",\n  "toc": "فہرست",\n  "top": "واپس اوپر"\n}[key] }}'
    assert fonts.material_partial_strings(partial) == ["ur", "فہرست", "واپس اوپر"]


def test_paragraphs_leave_out_front_matter_markup_and_short_lines() -> None:
    page = "---\ntitle: عنوان کا متن یہاں ہے اور لمبا ہے\n---\n\n# سرخی\n\n**پاس ورڈ** ایک [لمبا](x.md) جملہ ہے جو بیس حروف سے زیادہ ہے۔\n"
    assert fonts.urdu_paragraphs(page) == ["پاس ورڈ ایک لمبا جملہ ہے جو بیس حروف سے زیادہ ہے۔"]


def test_fallback_overrides_divide_the_web_fonts_line_metrics_by_the_scale() -> None:
    face = fonts.fallback_face(fonts.VerticalMetrics(1.904, 0.596, 0.0), 0.8)
    assert face == fonts.FallbackFace(0.8, pytest.approx(2.38), pytest.approx(0.745), 0.0)
    assert "ascent-override: 238.00%;" in face.css()


def test_the_collected_characters_include_every_source_named_in_the_brief() -> None:
    names = [source.name for source in fonts.urdu_sources(ROOT)]
    for expected in ("docs/ur/index.md", "data/ui.yml", "data/vocabulary.yml", "mkdocs.yml",
                     "snippets/glossary/ur.md", "Material's ur.html", "digits and punctuation"):
        assert expected in names, f"{expected} is not read when collecting Urdu characters"
    text = {s.name: s.text for s in fonts.urdu_sources(ROOT)}
    assert "فوری مدد" in text["mkdocs.yml"] and "فہرست" in text["Material's ur.html"]


def test_the_published_subset_draws_every_character_urdu_pages_use_and_keeps_the_layout() -> None:
    from fontTools.ttLib import TTFont

    source_cmap = fonts.cmap_of(SOURCE.read_bytes())
    needed = {ord(c) for c in fonts.characters(s.text for s in fonts.urdu_sources(ROOT))} & source_cmap
    assert needed - fonts.cmap_of(SUBSET.read_bytes()) == set(), "Urdu text would fall back to another font"
    source, subset = TTFont(SOURCE), TTFont(SUBSET)
    for table in ("GSUB", "GPOS"):
        tags = {f.FeatureTag for f in source[table].table.FeatureList.FeatureRecord}
        assert {f.FeatureTag for f in subset[table].table.FeatureList.FeatureRecord} == tags, \
            f"the subset lost {table} features: Nastaliq letters would not join or stack"
    assert not {"fpgm", "prep", "cvt "} & set(subset.keys()), "the subset still carries hinting"
    assert subset.flavor == "woff2" and SUBSET.stat().st_size < 0.7 * SOURCE.stat().st_size
    assert not list((ROOT / "overrides" / "assets" / "fonts").glob("*-700-*")), "the bold weight is published"


def test_the_real_content_has_no_character_the_font_lacks() -> None:
    findings = check_tree(ROOT / "docs", vocabulary=load_vocabulary(ROOT / "data" / "vocabulary.yml"))
    assert [str(f) for f in findings if f.code == "MH403"] == []
    assert main(["font", "--check", "--root", str(ROOT)]) == 0


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project with its source font, to plant characters in."""
    root = copy_project(tmp_path)
    shutil.copytree(ROOT / "fonts", root / "fonts")
    return root


def plant(root: Path, char: str) -> Path:
    page = root / "docs" / "ur" / "handbook" / "passwords.md"
    lines = page.read_text("utf-8").splitlines(keepends=True)
    lines[19] = "پا" + char + "س " + lines[19]
    page.write_text("".join(lines), encoding="utf-8")
    return page


@pytest.mark.parametrize(("char", "hint"), [
    (HIGH_HAMZA_YEH, "has no glyph for it"),
    (None, "run `handbook font`"),
])
def test_check_tree_names_the_place_code_point_and_fix_of_a_planted_character(project, char, hint) -> None:
    char = char or source_only_letter()
    page = plant(project, char)
    findings = [f for f in check_tree(project / "docs", vocabulary=load_vocabulary(project / "data" / "vocabulary.yml"))
                if f.code == "MH403"]
    assert len(findings) == 1, findings
    (finding,) = findings
    assert (finding.path, finding.line, finding.col) == (str(page), 20, 3)
    assert f"U+{ord(char):04X}" in finding.message and char in finding.message and hint in finding.hint


def test_handbook_font_adds_a_new_character_and_check_passes_again(project, capsys) -> None:
    char = source_only_letter()
    plant(project, char)
    assert main(["font", "--check", "--root", str(project)]) == 1
    assert f"U+{ord(char):04X}" in capsys.readouterr().err
    assert main(["font", "--root", str(project)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"subset before [\d,]+, after [\d,]+", out) and "characters:" in out
    assert ord(char) in fonts.cmap_of((project / fonts.SUBSET_FONT).read_bytes())
    assert main(["font", "--check", "--root", str(project)]) == 0


def test_the_build_fails_on_a_planted_character_naming_file_line_and_column(fixture_site) -> None:
    page = "---\ntitle: آزمائش\n---\n\n# آزمائش {#home}\n\nیہ \u0678 حرف۔\n"
    result = fixture_site({"en/test.md": "---\ntitle: Test\n---\n\n# Test {#home}\n\nText.\n", "ur/test.md": page},
                          nav=["index.md", "test.md"])
    assert result.returncode != 0, "the build published a page with a letter the Urdu font cannot draw"
    assert re.search(r"docs/ur/test\.md:7:4: MH403 .*U\+0678", result.output), result.output[-2000:]
