"""Search, pure functions: normalising and splitting words, reading a page's sections, ranking, sharding."""

from __future__ import annotations

import json
import re

import pytest

from handbook import search_index as si
from handbook.search_text import normalise, shard_file, tokens

# (text, tokens): shared with tests/test_search_parity.py, which runs the JavaScript side on the same table.
TOKEN_CASES = [
    ("Passwords and Password Managers", ["passwords", "and", "password", "managers"]),
    ("two-step verification", ["two", "step", "verification"]),
    ("پیکا، قانون", ["پیکا", "قانون"]),
    ("کیا؟جواب", ["کیا", "جواب"]),
    ("پہلا؛دوسرا", ["پہلا", "دوسرا"]),
    ("جملہ۔اگلا", ["جملہ", "اگلا"]),
    ("«نگرانی»", ["نگرانی"]),
    # Arabic-keyboard letters meet their Urdu forms: ي ى -> ی, ك -> ک, ه ة -> ہ
    ("مينيجر", ["مینیجر"]),
    ("كيا", ["کیا"]),
    ("مصطفى", ["مصطفی"]),
    ("پاس ورڈ مينيجر", ["پاس", "ورڈ", "مینیجر"]),
    ("ہراسانی", ["ہراسانی"]),
    ("هراسانی", ["ہراسانی"]),
    ("جماعة", ["جماعہ"]),
    # diacritics, superscript alef and tatweel are ignored
    ("مَضْبُوط", ["مضبوط"]),
    ("رحمٰن", ["رحمن"]),
    ("پاســـورڈ", ["پاسورڈ"]),
    # a hamza or madda written as a separate mark or precomposed is the same word
    ("لئے", ["لیے"]),
    ("لیے", ["لیے"]),
    ("آن لائن", ["ان", "لاین"]),
    # the zero-width non-joiner and invisible controls never split or disguise a word
    ("نہیں\u200cچاہیے", ["نہیںچاہیے"]),
    ("pass\u200bword", ["password"]),
    ("evil\u202etxt.exe", ["eviltxt", "exe"]),
    ("\u2067ابc\u2069", ["ابc"]),
    # Arabic-Indic and Urdu digits are ASCII digits
    ("٢٠١٦", ["2016"]),
    ("۲۰۱۶ میں", ["2016", "میں"]),
    # punctuation only: no words
    ("؟!،۔«»…", []),
    ("", []),
    ("<script>alert(1)</script>", ["script", "alert", "1", "script"]),
    ("x" * 41 + " ok", ["ok"]),
]


@pytest.mark.parametrize("text, expected", TOKEN_CASES)
def test_tokens(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


@pytest.mark.parametrize("text", ["پاس ورڈ", "كيف", "ABC", "آ", "ۂ"])
def test_normalise_is_idempotent(text: str) -> None:
    assert normalise(normalise(text)) == normalise(text)


@pytest.mark.parametrize("key, name", [("pa", "t-70_61"), ("پا", "t-67e_627"), ("pas", "t-70_61_73"), ("20", "t-32_30")])
def test_shard_files_have_ascii_names(key: str, name: str) -> None:
    assert shard_file(key) == name


# --- a page's sections -----------------------------------------------------------------------------

PAGE_HTML = (
    '<h1 id="passwords">Passwords<a class="headerlink" href="#passwords">¶</a></h1>'
    "<p>Most accounts are opened with a <strong>guessed</strong> password.</p>"
    '<script>var hidden = "nothing";</script>'
    '<h2 id="passphrases">Passphrases<a class="headerlink" href="#passphrases">¶</a></h2>'
    "<p>Four random words.</p><ul><li>one</li><li>two</li></ul>"
    "<h2>No id, so part of the section above</h2><p>Still passphrases.</p>"
    '<h3 id="managers">Password managers</h3><p>A vault.</p>'
    '<h4 id="deep">Too deep</h4><p>Under managers.</p>'
)


def test_sections_split_at_headings_with_ids() -> None:
    sections = si.sections_of(PAGE_HTML)
    assert [(s.heading, s.anchor) for s in sections] == [("", ""), ("Passphrases", "passphrases"),
                                                         ("Password managers", "managers")]
    assert sections[0].text == "Passwords Most accounts are opened with a guessed password."
    assert "¶" not in " ".join(s.text + s.heading for s in sections)
    assert "hidden" not in sections[0].text
    assert sections[1].text == "Four random words. one two No id, so part of the section above Still passphrases."
    assert sections[2].text == "A vault. Too deep Under managers."


def test_a_page_without_text_is_found_by_its_description() -> None:
    (opening,) = si.sections_of("<h1>2017</h1>", description="Posts of 2017")
    assert opening.text == "Posts of 2017 2017"


@pytest.mark.parametrize("text, limit, expected", [
    ("short text", 20, "short text"),
    ("one two three four", 10, "one two…"),
    ("abcdefghijklmnop", 5, "abcde…"),
])
def test_snippets_cut_at_a_word(text: str, limit: int, expected: str) -> None:
    assert si.snippet(text, limit) == expected


# --- ranking -------------------------------------------------------------------------------------

def _page(kind: str, title: str = "Other", heading: str = "Section", body: str = "words") -> si.IndexPage:
    return si.IndexPage(title=title, url=f"{kind}/", kind=kind, lang="en",
                        sections=[si.Section("", "", ""), si.Section(heading, "s", body)])


def _weight(page: si.IndexPage, term: str) -> int:
    return max(si.section_weights(page, n).get(term, 0) for n in range(len(page.sections)))


def test_title_beats_heading_beats_body_whatever_the_kind() -> None:
    strongest_body = max(_weight(_page(k, body="leak leak leak leak"), "leak") for k in si.KINDS)
    weakest_heading = min(_weight(_page(k, heading="Leak"), "leak") for k in si.KINDS)
    strongest_heading = max(_weight(_page(k, heading="Leak", body="leak leak leak"), "leak") for k in si.KINDS)
    weakest_title = min(_weight(_page(k, title="Leak"), "leak") for k in si.KINDS)
    assert strongest_body < weakest_heading
    assert strongest_heading < weakest_title


@pytest.mark.parametrize("field", ["title", "heading", "body"])
def test_chapters_rank_above_pages_above_posts_above_listings(field: str) -> None:
    weights = [_weight(_page(kind, **{field: "Leak"}), "leak") for kind in si.KINDS]
    assert weights == sorted(weights, reverse=True) and len(set(weights)) == len(weights), weights


def test_pages_are_ordered_chapters_first_and_postings_best_first() -> None:
    pages = si.order_pages([_page("listing", body="leak"), _page("post", body="leak"), _page("chapter", body="leak")])
    assert [p.kind for p in pages] == ["chapter", "post", "listing"]
    plist = si.postings(pages)["leak"]
    weights = plist[2::3]
    assert plist[0::3] == [0, 1, 2] and weights == sorted(weights, reverse=True)


def test_one_letter_words_are_not_indexed_and_common_words_are_capped() -> None:
    pages = [_page("post", body=f"a common word{n}") for n in range(si.MAX_POSTINGS + 20)]
    plist = si.postings(pages)
    assert "a" not in plist
    assert len(plist["common"]) == 3 * si.MAX_POSTINGS
    assert len(plist["word7"]) == 3


# --- sharding and files ------------------------------------------------------------------------------

def test_shards_are_split_by_one_more_character_only_when_too_big() -> None:
    small = {"pa": [0, 0, 1], "pass": [0, 0, 1], "phone": [1, 0, 1]}
    assert si.shard(small) == {"p": small}, "a small group of words should stay one file"
    big = {f"pa{chr(0x61 + n % 20)}{n}": [n, 0, 9] * 200 for n in range(40)} | {"pa": [1, 0, 4]}
    sharded = si.shard(big | {"phone": [2, 0, 4]})
    assert sharded["pa"] == {"pa": [1, 0, 4]}, "a word as long as the key stays under the key being split"
    assert sharded["ph"] == {"phone": [2, 0, 4]}
    assert {k for k in sharded if k not in ("pa", "ph")} == {f"pa{chr(0x61 + n)}" for n in range(20)}
    assert sum(len(v) for v in sharded.values()) == len(big) + 1
    assert all(len(si._json(v).encode("utf-8")) <= si.SHARD_SPLIT_BYTES for k, v in sharded.items() if len(k) < 3)


def test_a_shard_of_three_characters_is_never_split_further() -> None:
    huge = {f"abc{n}": [n, 0, 9] * 300 for n in range(40)}
    assert si.shard(huge) == {"abc": dict(sorted(huge.items()))}


def _registered(text: str) -> tuple[str, object]:
    match = re.fullmatch(r'__mahfoozSearch\(("[^"]+"),(.*)\);\n', text, re.S)
    assert match, f"an index file is not one registration call: {text[:80]}"
    return json.loads(match.group(1)), json.loads(match.group(2))


def test_index_files_register_themselves_and_find_every_page() -> None:
    pages = [si.IndexPage(title=f"پاس ورڈ {n}", url=f"ur/p{n}/", kind="post", lang="ur",
                          sections=[si.Section("", "", "متن " * 400)]
                          + [si.Section(f"حصہ {k}", f"h{k}", "لفظ " * 60) for k in range(12)]) for n in range(30)]
    files = si.index_files(pages)
    assert all(re.fullmatch(r"(?:manifest|t-[0-9a-f_]+|d-\d+)\.js", name) for name in files), sorted(files)
    name, manifest = _registered(files["manifest.js"])
    assert name == "manifest" and manifest["pages"] == 30 and manifest["chunks"][0] == 0
    assert len(manifest["chunks"]) > 1, "30 long pages should not fit in one chunk"
    records = []
    for n in range(len(manifest["chunks"])):
        name, chunk = _registered(files[f"d-{n}.js"])
        assert name == f"d-{n}" and len(chunk) == (manifest["chunks"] + [30])[n + 1] - manifest["chunks"][n]
        records += chunk
    assert [r[1] for r in records] == [f"ur/p{n}/" for n in range(30)]
    assert "پاس ورڈ" in files["d-0.js"], "Urdu must be written as UTF-8 characters, not escapes"
    for key in manifest["shards"]:
        name, terms = _registered(files[shard_file(key) + ".js"])
        assert name == shard_file(key) and all(t.startswith(key) for t in terms)


def test_an_unchanged_index_keeps_its_version() -> None:
    pages = [_page("chapter", title="Leak")]
    assert si.index_files(pages)["manifest.js"] == si.index_files(pages)["manifest.js"]
    assert si.index_files(pages)["manifest.js"] != si.index_files([_page("chapter", title="Leaks")])["manifest.js"]
