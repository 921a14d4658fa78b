"""A post's dated note for today's reader (`note_for_today:`): its rules, a small bilingual build, the real site."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import CHAPTER_META, ROOT, post
from handbook.checks import check_file, check_tree
from handbook.post_notes import PostNote, link_target, read_note
from handbook.vocabulary import Vocabulary, load_vocabulary

SOURCE = "https://example.org/news/act-lapsed"
NOTE = ("note_for_today:\n  date: 2026-11-30\n  text: The Act lapsed in 2016.\n  source: " + SOURCE + "\n"
        "  link: ../../about/index.md#help-translate\n")
UR_NOTE = ("note_for_today:\n  date: 2026-11-30\n  text: یہ قانون 2016 میں ختم ہو گیا۔\n  source: " + SOURCE + "\n"
           "  link: ../../about/index.md#help-translate\n")
UR_POST = "---\ntitle: ایک تحریر\ndescription: خلاصہ\n{note}---\n\n# ایک تحریر\n\nپہلا پیراگراف۔\n"


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary(ROOT / "data" / "vocabulary.yml")


# --- pure functions -----------------------------------------------------------------------------------

@pytest.mark.parametrize("meta, expected", [
    ({}, None),
    ({"note_for_today": {"date": dt.date(2026, 11, 30), "text": "Lapsed\n in  2016.", "source": SOURCE}},
     PostNote(dt.date(2026, 11, 30), "Lapsed in 2016.", SOURCE)),
    ({"note_for_today": {"date": dt.date(2026, 11, 30), "text": "x", "source": SOURCE, "link": " ../a.md "}},
     PostNote(dt.date(2026, 11, 30), "x", SOURCE, "../a.md")),
    ({"note_for_today": {"date": "2026-11-30", "text": "x", "source": SOURCE}}, None),
    ({"note_for_today": {"date": dt.date(2026, 11, 30), "text": "  ", "source": SOURCE}}, None),
    ({"note_for_today": "Lapsed in 2016."}, None),
])
def test_read_note(meta: dict, expected: PostNote | None) -> None:
    assert read_note(meta) == expected


@pytest.mark.parametrize("link, post_path, expected", [
    ("../../handbook/pakistan-law.md#peca-2016", "blog/posts/a.md", ("handbook/pakistan-law.md", "peca-2016")),
    ("../../handbook/suspicious-links-and-files.md", "blog/posts/a.md", ("handbook/suspicious-links-and-files.md", "")),
    ("#update", "blog/posts/a.md", ("blog/posts/a.md", "update")),
])
def test_link_target(link: str, post_path: str, expected: tuple[str, str]) -> None:
    assert link_target(link, post_path) == expected


# --- the rules, at the line to fix ----------------------------------------------------------------------

def note(**fields: str) -> str:
    """note_for_today: YAML with the given fields (values written as they are)."""
    return "note_for_today:\n" + "".join(f"  {key}: {value}\n" for key, value in fields.items())


GOOD = {"date": "2026-11-30", "text": "The Act lapsed in 2016.", "source": SOURCE}


@pytest.mark.parametrize("note_yaml, expected", [
    (note(**GOOD), []),
    (note(**GOOD, link="../../handbook/pakistan-law.md#peca-2016"), []),
    (note(**{**GOOD, "text": "یہ قانون 2016 میں ختم ہو گیا۔"}), []),
    ("note_for_today: The Act lapsed.\n", [("MH121", 9, "must be a mapping of date, text and source, not text")]),
    (note(**{**GOOD, "date": "2026-02-30"}), [("MH105", 10, "'date' is not a real date: '2026-02-30'")]),
    (note(**{**GOOD, "date": "'2026-11-30'"}), [("MH105", 10, "not a real date")]),
    (note(**{**GOOD, "date": "2019-12-31"}), [("MH121", 10, "is not after the post's date 2020-01-02")]),
    (note(date="2026-11-30", source=SOURCE), [("MH121", 10, "has no 'text'")]),
    (note(date="2026-11-30", text="x"), [("MH121", 10, "has no 'source'")]),
    (note(text="x", source=SOURCE), [("MH121", 10, "has no 'date'")]),
    (note(**{**GOOD, "text": "'Lapsed <b>now</b>'"}), [("MH121", 11, "contains markup or ASCII quotes ('<')")]),
    (note(**{**GOOD, "text": "'Call [[fact:drf-helpline]]'"}), [("MH121", 11, "contains markup or ASCII quotes ('[')")]),
    (note(**{**GOOD, "text": "'[the law](https://example.org)'"}), [("MH121", 11, "contains markup")]),
    (note(**{**GOOD, "text": "a" * 401}), [("MH121", 11, "401 characters long (at most 400)")]),
    (note(**{**GOOD, "text": "5"}), [("MH121", 11, "'text' must be plain text, not a number")]),
    (note(**{**GOOD, "source": "http://example.org/x"}), [("MH121", 12, "'source' must be one https:// address")]),
    (note(**{**GOOD, "source": "javascript:alert(1)"}), [("MH121", 12, "'source' must be one https:// address")]),
    (note(**GOOD, link="https://example.org/"), [("MH121", 13, "'link' must be a handbook page relative to this post")]),
    (note(**GOOD, link="/handbook/pakistan-law.md"), [("MH121", 13, "'link' must be a handbook page")]),
    (note(**GOOD, by="Ayesha"), [("MH121", 10, "unknown key 'by'")]),
])
def test_note_rules_at_their_line(note_yaml: str, expected: list, vocabulary: Vocabulary) -> None:
    text = post("A post", extra=note_yaml)
    findings = check_file("docs/en/blog/posts/a-post.md", text.encode(), kind="post", lang="en", vocabulary=vocabulary)
    got = [(f.code, f.line, f.message) for f in findings]
    assert len(got) == len(expected) and all(code == c and line == l and part in message
                                             for (code, line, message), (c, l, part) in zip(got, expected)), \
        f"a wrong note for today's reader is not reported where the writer must fix it: {got}"


def test_a_note_on_a_chapter_is_refused(vocabulary: Vocabulary) -> None:
    text = f"---\ntitle: Devices\ntags: [devices]\n{CHAPTER_META}{note(**GOOD)}---\n\n# Devices {{#devices}}\n"
    findings = [f for f in check_file("docs/en/handbook/devices.md", text.encode(), kind="chapter", lang="en",
                                      vocabulary=vocabulary) if f.code == "MH121"]
    line = text[: text.index("note_for_today:")].count("\n") + 2  # the note's first field, under its key
    assert [(f.line, "only read in blog posts" in f.message) for f in findings] == [(line, True)], \
        f"a chapter's note for today would be silently dropped: {[str(f) for f in findings]}"


def write_docs(root: Path, pages: dict[str, str]) -> Path:
    """A docs/ folder holding the given pages."""
    docs = root / "docs"
    for path, text in pages.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    return docs


ABOUT = "---\ntitle: About\n---\n\n# About {#about}\n\n## Help translate {#help-translate}\n\nText.\n"


@pytest.mark.parametrize("en_note, ur_note, expected", [
    (NOTE, UR_NOTE, []),
    ("", "", []),
    (NOTE, "", [("ur", "MH121", 1, "the English post has a 'note_for_today' note (dated 2026-11-30)")]),
    ("", UR_NOTE, [("ur", "MH121", 5, "its English post has none")]),
    (NOTE, UR_NOTE.replace("2026-11-30", "2026-12-01"), [("ur", "MH121", 5, "dated 2026-12-01 here but 2026-11-30")]),
    (NOTE.replace("#help-translate", "#nowhere"), UR_NOTE, [("en", "MH204", 13, "no anchor '#nowhere'")]),
    (NOTE, UR_NOTE.replace("about/index.md", "handbook/gone.md"), [("ur", "MH203", 8, "no such page")]),
])
def test_translations_carry_the_note_and_links_resolve(tmp_path: Path, vocabulary: Vocabulary, en_note: str,
                                                       ur_note: str, expected: list) -> None:
    docs = write_docs(tmp_path, {"en/about/index.md": ABOUT, "en/blog/posts/a-post.md": post("A post", extra=en_note),
                                 "ur/blog/posts/a-post.md": UR_POST.format(note=ur_note)})
    got = [(Path(f.path).parts[-4], f.code, f.line, f.message) for f in check_tree(docs, vocabulary=vocabulary)]
    assert len(got) == len(expected) and all(g[:3] == e[:3] and e[3] in g[3] for g, e in zip(got, expected)), \
        f"a translated post's note for today is not checked against its English post: {got}"


# --- a small bilingual build ----------------------------------------------------------------------------

def test_note_is_shown_above_the_post_in_each_language(fixture_site) -> None:
    result = fixture_site({
        "en/blog/posts/a-post.md": post("A post", extra=NOTE),
        "ur/blog/posts/a-post.md": UR_POST.format(note=UR_NOTE),
        "en/blog/posts/b-post.md": post("B post", slug="b-post", extra=NOTE.replace("Act", "Bill")),
        "en/blog/posts/c-post.md": post("C post", slug="c-post"),
    })
    assert result.returncode == 0, result.output[-3000:]
    day = result.site / "blog" / "2020" / "01" / "02"

    def aside(path: Path):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        return soup, soup.select("aside.mahfooz-post-note")

    soup, notes = aside(day / "a-post" / "index.html")
    assert len(notes) == 1, "an English post's note for today's reader is missing"
    text = notes[0].get_text(" ", strip=True)
    assert text.startswith("Note added on 30 November 2026: The Act lapsed in 2016."), text
    assert notes[0].get("lang") is None
    h1 = soup.select_one("article h1")
    assert h1 is not None and notes[0].find_all_next("h1")[:1] == [h1], "the note is not above the post's title"
    links = {a.get_text(strip=True): a["href"] for a in notes[0].find_all("a")}
    assert links.get("Source of this note") == SOURCE, links
    source = notes[0].find("a", href=SOURCE)
    assert source["rel"] == ["noopener", "noreferrer"], "the note's source link tells the source where readers came from"
    assert links.get("Today’s guidance: About") == "../../../../../about/#help-translate", links
    assert (day / "a-post" / "../../../../../about/index.html").resolve().is_file()

    ur_day = result.site / "ur" / "blog" / "2020" / "01" / "02"
    _, notes = aside(ur_day / "a-post" / "index.html")
    assert len(notes) == 1, "an Urdu post's own note for today's reader is missing"
    text = notes[0].get_text(" ", strip=True)
    assert text.startswith("30 نومبر 2026 کو شامل کیا گیا نوٹ: یہ قانون 2016 میں ختم ہو گیا۔"), text
    assert "Act" not in text and notes[0].get("lang") is None
    links = {a.get_text(strip=True): a["href"] for a in notes[0].find_all("a")}
    assert links.get("اس نوٹ کا ماخذ") == SOURCE, links
    assert (ur_day / "a-post" / links["آج کی رہنمائی: About"].split("#")[0] / "index.html").resolve().is_file(), links

    # An English post on the Urdu blog keeps its English note, marked as English for screen readers and fonts.
    _, notes = aside(ur_day / "b-post" / "index.html")
    assert [(n.get("lang"), n.get("dir")) for n in notes] == [("en", "ltr")], "an English note on the Urdu site is not marked English"
    assert notes[0].get_text(" ", strip=True).startswith("Note added on 30 November 2026: The Bill lapsed")

    _, notes = aside(day / "c-post" / "index.html")
    assert notes == [], "a post without a note shows one"


# --- the real site --------------------------------------------------------------------------------------

NOTED = {
    "why-exactly-is-protection-of-pakistan-act-problematic": ("blog/2014/07/13", "15 July 2016", "15 جولائی 2016"),
    "new-cybercrime-bill-threatens-the-rights-to-privacy-and-free-expression-in-pakistan":
        ("blog/2015/04/21", "Prevention of Electronic Crimes Act 2016", "الیکٹرانک جرائم کی روک تھام کے ایکٹ 2016"),
    "pakistan-is-a-finfisher-customer-leak-confirms": ("blog/2014/08/22", "February 2022", "فروری 2022"),
}


def test_real_posts_about_changed_laws_and_tools_carry_a_note(site) -> None:
    for slug, (folder, en_words, ur_words) in NOTED.items():
        for prefix, words, label in (("", en_words, "Note added on 30 November 2026:"),
                                     ("ur/", ur_words, "30 نومبر 2026 کو شامل کیا گیا نوٹ:")):
            page = site.site / f"{prefix}{folder}/{slug}/index.html"
            notes = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("aside.mahfooz-post-note")
            assert len(notes) == 1, f"{prefix}{slug}: today's reader is not told what changed since the post"
            text = notes[0].get_text(" ", strip=True)
            assert text.startswith(label) and words in text, f"{prefix}{slug}: {text}"
            hrefs = [a["href"] for a in notes[0].find_all("a")]
            assert len(hrefs) == 2 and hrefs[1].startswith("https://"), hrefs
            target = (page.parent / hrefs[0].split("#")[0] / "index.html").resolve()
            assert target.is_file(), f"{prefix}{slug}: the note's link to today's guidance is broken ({hrefs[0]})"
    noted = {slug for slug in NOTED}
    for page in sorted((site.site / "blog").glob("2*/*/*/*/index.html")):
        if page.parent.name not in noted:
            assert "mahfooz-post-note" not in page.read_text(encoding="utf-8"), f"{page}: a note nobody wrote"
