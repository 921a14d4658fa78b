"""The Urdu style list (data/urdu-style.yml): the matcher, the file's own checks, MH601/MH602, and the real content."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import MINIMAL_PAGES
from handbook.checks import check_tree
from handbook.urdu_style import IGNORED, StyleError, StyleList, fold, key, load_style, parse_style, suggestion
from handbook.vocabulary import Vocabulary, load_vocabulary

ROOT = Path(__file__).resolve().parents[1]

# A small list of its own, so that the matcher's tests do not move when the real list grows.
SAMPLE = """\
- wrong: [سیکیورٹی, سیکورٹی]
  use: سکیورٹی
  why: one spelling
- wrong: سرکاری
  use: [آفیشل, اصل]
  why: governmental, not official
  fine_in: [سرکاری جاسوسی, غیر سرکاری تنظیم]
- wrong: ہر دوسرا مرحلہ
  use: دوسرے مرحلے کے سب طریقے
  why: reads as every other step
- wrong: ریکوئسٹ
  use: ریکویسٹ
  why: one spelling
"""


@pytest.fixture(scope="module")
def sample() -> StyleList:
    return parse_style(SAMPLE, "sample.yml")


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary(ROOT / "data" / "vocabulary.yml")


# --- the matcher ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, found", [
    ("اپنی سیکیورٹی بہتر کریں", ["سیکیورٹی"]),
    ("سیکورٹی اور سیکیورٹی", ["سیکورٹی", "سیکیورٹی"]),
    ("اپنی سيکيورٹي بہتر کریں", ["سيکيورٹي"]),                 # Arabic-keyboard ي: reported as typed
    ("اپنی سیکیـورٹی بہتر کریں", ["سیکیـورٹی"]),              # a tatweel inside does not hide it
    ("اپنی سِیکیورٹی", ["سِیکیورٹی"]),                         # nor a diacritic
    ("سیکیورٹی، سیکیورٹی۔ «سیکیورٹی»", ["سیکیورٹی"] * 3),     # Urdu punctuation ends a word
    ("سیکیورٹی\u200cوالے", ["سیکیورٹی"]),                    # so does the zero-width non-joiner
    ("سکیورٹی ہی درست ہے", []),                               # the preferred form
    ("سیکیورٹیز", []),                                        # whole words only: not inside a longer word
    ("کمپنی کی سرکاری ایپ", ["سرکاری"]),
    ("**سرکاری** ایپ", ["سرکاری"]),                           # emphasis markers are not letters
    ("سرکاری جاسوسی سافٹ ویئر", []),                          # a fine_in phrase: governmental, right
    ("کسی غیر سرکاری تنظیم نے", []),
    ("غیر سرکاری ویب سائٹیں", ["سرکاری"]),                    # a phrase not listed is still reported
    ("سرکاری\nجاسوسی", []),                                   # a phrase split across lines is one phrase
    ("ہر دوسرا مرحلہ برابر نہیں", ["ہر دوسرا مرحلہ"]),
    ("ہر دوسرا\n  مرحلہ برابر نہیں", ["ہر دوسرا\n  مرحلہ"]),
    ("ہر دوسرا دن", []),                                      # only the whole phrase
    ("میسج ریکوئسٹ", ["ریکوئسٹ"]),
    ("میسج ریکویسٹ", []),                                     # hamza letters are spelling: ئ is not ی
])
def test_hits(sample: StyleList, text: str, found: list[str]) -> None:
    hits = sample.hits(text)
    assert [h.found for h in hits] == found
    for hit in hits:
        assert text[hit.start:hit.end] == hit.found, "the offsets must point at the text as written"


def test_a_fine_in_phrase_excuses_only_its_own_entry() -> None:
    style = parse_style(SAMPLE + "- wrong: جاسوسی\n  use: نگرانی\n  why: test\n")
    assert [h.found for h in style.hits("سرکاری جاسوسی")] == ["جاسوسی"]


@pytest.mark.parametrize("text, folded, compared", [
    ("سيكيورٹي", "سیکیورٹی", "سیکیورٹی"),
    ("سِیکیـورٹی", f"س{IGNORED}یکی{IGNORED}ورٹی", "سیکیورٹی"),
    ("ہر  دوسرا\n\u200c مرحلہ", "ہر  دوسرا   مرحلہ", "ہر دوسرا مرحلہ"),
    ("**سرکاری**", "  سرکاری  ", "سرکاری"),
])
def test_fold_keeps_offsets_and_key_compacts(text: str, folded: str, compared: str) -> None:
    assert fold(text) == folded and len(fold(text)) == len(text)
    assert key(text) == compared


def test_suggestion_names_every_form(sample: StyleList) -> None:
    assert suggestion(sample.rules[1]) == "«آفیشل» or «اصل»"


# --- the style file's own checks --------------------------------------------------------------------

@pytest.mark.parametrize("text, line, words", [
    ("- wrong: [a\n", 2, "not valid YAML"),
    ("wrong: سیکیورٹی\n", 1, "must be a list"),
    ("- سیکیورٹی\n", 1, "must be a mapping"),
    ("- wrong: سیکیورٹی\n  use: سکیورٹی\n", 1, "no 'why'"),
    ("- wrong: سیکیورٹی\n  use: سکیورٹی\n  why: x\n  fine-in: [a]\n", 4, "unknown field 'fine-in'"),
    ("- wrong: سیکیورٹی\n  use: سکیورٹی\n  why: x\n  why: y\n", 4, "given twice"),
    ("- wrong: []\n  use: سکیورٹی\n  why: x\n", 1, "'wrong' is empty"),
    ("- wrong: [12]\n  use: سکیورٹی\n  why: x\n", 1, "Urdu text"),
    ("- wrong: سیکیورٹی\n  use: ۔\n  why: x\n", 2, "no letters"),
    ("- wrong: سرکاری\n  use: اصل\n  why: x\n  fine_in: [سرکاریت]\n", 4, "contains no wrong form"),
    ("- wrong: سرکاری\n  use: غیر سرکاری\n  why: x\n", 1, "would itself be reported"),
    ("- wrong: سیکیورٹی\n  use: سکیورٹی\n  why: x\n\n- wrong: سيكيورٹي\n  use: سکیورٹی\n  why: y\n", 5,
     "same word as «سیکیورٹی» of the entry at line 1"),
])
def test_a_malformed_style_file_names_its_line(text: str, line: int, words: str) -> None:
    with pytest.raises(StyleError) as raised:
        parse_style(text, "data/urdu-style.yml")
    assert raised.value.line == line and words in str(raised.value), str(raised.value)
    assert str(raised.value).startswith(f"data/urdu-style.yml:{line}:")


def test_an_empty_style_file_has_no_rules() -> None:
    assert parse_style("# nothing yet\n").hits("سیکیورٹی سرکاری") == []


# --- MH601 and MH602 in handbook check and the build --------------------------------------------------

def _project(tmp_path: Path, style: str, pages: dict[str, str]) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "urdu-style.yml").write_text(style, "utf-8")
    shutil.copy(ROOT / "data" / "vocabulary.yml", tmp_path / "data" / "vocabulary.yml")
    for relative, text in pages.items():
        target = tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    return tmp_path


URDU_PAGE = """\
---
title: سیکیورٹی کے بارے میں
---

# عنوان {#title}

یہ [سیکیورٹی](https://example.org/سیکیورٹی) والا صفحہ ہے۔
`سیکیورٹی` اور <!-- سیکیورٹی --> اور https://example.org/سرکاری

```
سیکیورٹی
```

کی سرکاری ایپ۔
"""


def test_check_reports_each_wrong_form_in_prose_at_its_line(tmp_path: Path, vocabulary: Vocabulary) -> None:
    project = _project(tmp_path, SAMPLE, {
        "docs/en/x.md": "# Title {#title}\n\nسیکیورٹی in an English page is not checked.\n",
        "docs/ur/x.md": URDU_PAGE,
        "snippets/glossary/ur.md": "*[SIM]: سیکیورٹی\n",
        "snippets/glossary/en.md": "*[SIM]: سیکیورٹی\n",
    })
    findings = [f for f in check_tree(project / "docs", vocabulary=vocabulary) if f.code.startswith("MH6")]
    where = [(Path(f.path).relative_to(project).as_posix(), f.line, f.col) for f in findings]
    # The title, the link text and the prose: never the address, code span, comment, bare URL or fence.
    assert where == [("docs/ur/x.md", 2, 8), ("docs/ur/x.md", 7, 5), ("docs/ur/x.md", 14, 4),
                     ("snippets/glossary/ur.md", 1, 9)], "\n".join(map(str, findings))
    assert findings[0].message.startswith("«سیکیورٹی» should be «سکیورٹی»")
    assert "see data/urdu-style.yml:1" in findings[0].hint
    assert "«آفیشل» or «اصل»" in findings[2].message and "fine_in" in findings[2].hint


def _check(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "handbook.cli", "--root", str(project), "check"],
                          capture_output=True, text=True, timeout=300)


def test_handbook_check_prints_file_line_and_the_form_to_use(tmp_path: Path) -> None:
    project = _project(tmp_path, SAMPLE, {"docs/en/x.md": "# T {#t}\n", "docs/ur/x.md": "# ع {#t}\n\nمیری سیکیورٹی\n"})
    result = _check(project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "docs/ur/x.md:3:6: MH601 «سیکیورٹی» should be «سکیورٹی»: one spelling (see data/urdu-style.yml:1)" \
        in result.stdout, result.stdout


def test_a_malformed_style_file_fails_the_check_at_its_line(tmp_path: Path) -> None:
    broken = SAMPLE + "- wrong: غلط\n  use: درست\n"
    project = _project(tmp_path, broken, {"docs/en/x.md": "# T {#t}\n", "docs/ur/x.md": "# ع {#t}\n"})
    result = _check(project)
    assert result.returncode == 1
    assert "data/urdu-style.yml:14:3: MH602 Urdu style list: the entry has no 'why'" in result.stdout, result.stdout


def test_the_strict_build_stops_on_a_wrong_form(fixture_site) -> None:
    pages = {**MINIMAL_PAGES, "ur/index.md": MINIMAL_PAGES["ur/index.md"] + "\nاپنی سیکیورٹی۔\n"}
    result = fixture_site(pages)
    assert result.returncode != 0, "a page with a wrong Urdu form was published"
    assert "docs/ur/index.md:9:6: MH601 «سیکیورٹی» should be «سکیورٹی»" in result.output, result.output[-3000:]


# --- the real list and the real content ----------------------------------------------------------------

@pytest.fixture(scope="module")
def real() -> StyleList:
    return load_style(ROOT / "data" / "urdu-style.yml")


@pytest.mark.parametrize("text, found", [
    ("سیکیورٹی", ["سیکیورٹی"]),
    ("غیر سرکاری ویب سائٹیں", ["سرکاری"]),            # reads as "non-governmental websites"
    ("بینک کی سرکاری ایپ", ["سرکاری"]),
    ("ہر دوسرا مرحلہ برابر مضبوط نہیں", ["ہر دوسرا مرحلہ"]),
    ("سرکاری جاسوسی سافٹ ویئر", []),                 # government spyware: governmental, right
    ("کسی سرکاری ادارے کا روپ", []),
    ("دوسرے مرحلے کے سب طریقے برابر مضبوط نہیں", []),
    ("فون کی خفیہ کاری آن کریں", ["خفیہ کاری"]),       # one word for encryption: انکرپشن
])
def test_the_real_list_holds_the_decided_cases(real: StyleList, text: str, found: list[str]) -> None:
    assert [h.found for h in real.hits(text)] == found


def test_the_urdu_pages_and_snippets_follow_the_style_list(vocabulary: Vocabulary) -> None:
    findings = [f for f in check_tree(ROOT / "docs", vocabulary=vocabulary) if f.code.startswith("MH6")]
    assert findings == [], "Urdu readers would see forms the style list rejects:\n" + "\n".join(map(str, findings))


def _urdu_strings(node: object, in_urdu: bool = False) -> list[str]:
    """Every string under an 'ur' key (or every label of a nav_translations block under one)."""
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in _urdu_strings(v, in_urdu or k == "ur")]
    if isinstance(node, list):
        return [s for v in node for s in _urdu_strings(v, in_urdu)]
    return [node] if in_urdu and isinstance(node, str) else []


def test_interface_strings_and_labels_follow_the_style_list(real: StyleList) -> None:
    strings = [s for name in ("ui.yml", "vocabulary.yml")
               for s in _urdu_strings(yaml.safe_load((ROOT / "data" / name).read_text("utf-8")))]
    assert len(strings) > 50, "the Urdu interface strings were not found"
    wrong = [(s, h.found) for s in strings for h in real.hits(s)]
    assert wrong == [], f"the Urdu interface shows forms the style list rejects: {wrong}"
