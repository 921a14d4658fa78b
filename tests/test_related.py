"""Related-content ranking: small hand-made corpora, then the real chapters and posts of both languages."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from handbook import frontmatter
from handbook.related import MIN_SCORE, Doc, Link, UnknownPin, plain_text, rank, tokenize

ROOT = Path(__file__).resolve().parents[1]
ZWNJ = "\u200c"


def chapter(name: str, title: str, tags: tuple[str, ...], text: str, **extra) -> Doc:
    return Doc(f"handbook/{name}.md", "chapter", title, tags, text, **extra)


def post(name: str, title: str, tags: tuple[str, ...], text: str, **extra) -> Doc:
    return Doc(f"blog/posts/{name}.md", "post", title, tags, text, **extra)


CHAPTERS = [
    chapter("passwords", "Passwords and password managers", ("accounts", "privacy"),
            "Use a password manager. A strong passphrase protects each account. Never reuse a password: "
            "when one service is breached, attackers try the leaked password everywhere. Check whether your "
            "email appears in a breach, and change the password at once."),
    chapter("devices", "Phones and computers", ("devices", "malware"),
            "Keep your phone updated. Lock the screen with a long PIN and turn on encryption. Stalkerware "
            "hides on a phone as a harmless app; government spyware is rarer. Check which apps can use the "
            "microphone, camera and location."),
    chapter("harassment", "Online harassment", ("harassment", "gender"),
            "Trolls, abuse and threats target women journalists. Document every message with screenshots, "
            "block and report abusive accounts, and ask colleagues to help moderate comments while the "
            "campaign lasts."),
    chapter("law", "The law in Pakistan", ("law",),
            "PECA defines cybercrime offences. A complaint goes to the FIA cybercrime wing; a lawyer helps "
            "with the first information report, court hearings and bail."),
    chapter("shutdowns", "Internet shutdowns and censorship", ("censorship", "networks"),
            "When mobile internet is suspended, prepare offline maps and documents. A VPN reaches blocked "
            "websites; Tor hides which websites you visit from the network operator."),
]

POSTS = [
    post("leak", "Password leak at a media house", ("accounts",),
         "A breach at a media house leaked thousands of staff passwords. Staff who reuse a password must "
         "change it everywhere; a password manager makes each password unique."),
    post("spyware", "Spyware found on reporters' phones", ("malware", "surveillance"),
         "Researchers found spyware on the phones of three reporters. The stalkerware arrived as a "
         "harmless app; updated phones with a screen lock resisted it."),
    post("trolls", "Trolls target women journalists", ("harassment", "gender"),
         "A coordinated campaign of trolls sent abuse and threats to women journalists. Reporters "
         "documented messages with screenshots and reported the abusive accounts."),
    post("cricket", "Cricket season opens in Lahore", ("travel",),
         "The stadium was full for the opening match. Fast bowlers dominated the first innings, and "
         "spectators queued for tickets since dawn."),
]

CORPUS = CHAPTERS + POSTS


def targets(links: list[Link]) -> list[str]:
    return [link.target for link in links]


# --- Ranking basics ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("source", "first", "tags", "term"), [
    ("blog/posts/leak.md", "handbook/passwords.md", ("accounts",), "password"),
    ("blog/posts/spyware.md", "handbook/devices.md", ("malware",), "spyware"),
    ("blog/posts/trolls.md", "handbook/harassment.md", ("gender", "harassment"), "troll"),
    ("handbook/passwords.md", "blog/posts/leak.md", ("accounts",), "password"),
    ("handbook/devices.md", "blog/posts/spyware.md", ("malware",), "spyware"),
    ("handbook/harassment.md", "blog/posts/trolls.md", ("gender", "harassment"), "troll"),
])
def test_best_link_is_the_page_on_the_same_subject(source, first, tags, term) -> None:
    links = rank(CORPUS)[source]
    assert links[0].target == first
    assert links[0].shared_tags == tags
    assert term in links[0].shared_terms and len(links[0].shared_terms) <= 3
    assert links[0].score >= MIN_SCORE and not links[0].pinned


def test_every_chapter_and_post_gets_an_entry_and_only_opposite_kinds() -> None:
    result = rank(CORPUS)
    assert sorted(result) == sorted(doc.id for doc in CORPUS)
    kinds = {doc.id: doc.kind for doc in CORPUS}
    for source, links in result.items():
        assert all(kinds[link.target] != kinds[source] for link in links)
        assert len(set(targets(links))) == len(links)
        assert [link.score for link in links] == sorted((link.score for link in links), reverse=True)


def test_unrelated_post_gets_nothing_and_is_listed_nowhere() -> None:
    result = rank(CORPUS)
    assert result["blog/posts/cricket.md"] == []
    assert all("blog/posts/cricket.md" not in targets(links) for links in result.values())


def test_min_score_is_what_filters_unrelated_pages() -> None:
    everything = rank(CORPUS, min_score=0.0)
    assert len(everything["blog/posts/cricket.md"]) == 4
    assert all(link.score < MIN_SCORE and link.shared_tags == () for link in everything["blog/posts/cricket.md"])
    assert all(links == [] for links in rank(CORPUS, min_score=1.01).values())


def test_strong_text_overlap_without_shared_tags_is_enough() -> None:
    untagged = post("breach", "Another password breach", (),
                    "The breach leaked passwords again. Reuse no password; a password manager keeps each "
                    "password unique, and a passphrase is strong.")
    links = rank(CORPUS + [untagged])["blog/posts/breach.md"]
    assert targets(links) == ["handbook/passwords.md"]
    assert links[0].shared_tags == () and "password" in links[0].shared_terms


def test_shared_tags_without_shared_text_are_enough() -> None:
    announcement = post("notice", "Office closed on Friday", ("devices", "malware"),
                        "Our office closes on Friday for the holiday; enquiries resume on Monday.")
    links = rank(CORPUS + [announcement])["blog/posts/notice.md"]
    assert targets(links) == ["handbook/devices.md"]
    assert links[0].shared_tags == ("devices", "malware") and links[0].shared_terms == ()


def test_one_weak_tag_and_no_text_is_not_enough() -> None:
    chapters = [chapter(f"c{i}", f"Chapter {i}", ("journalists", f"topic{i}", f"other{i}", f"more{i}"),
                        f"Alpha{i} beta{i} gamma{i}.") for i in range(4)]
    lone = post("lone", "Film screening", ("journalists",), "A documentary screening at the arts council.")
    assert rank(chapters + [lone])["blog/posts/lone.md"] == []


def test_equal_scores_are_ordered_by_id() -> None:
    twin_a = post("twin-a", "Spyware again", ("malware",), "Spyware on phones; stalkerware hides as an app.")
    twin_b = dataclasses.replace(twin_a, id="blog/posts/twin-b.md")
    result = rank(CORPUS + [twin_b, twin_a])
    links = [link for link in result["handbook/devices.md"] if link.target.startswith("blog/posts/twin")]
    assert targets(links) == ["blog/posts/twin-a.md", "blog/posts/twin-b.md"]
    assert links[0].score == links[1].score


def test_equal_chapters_are_ordered_by_id() -> None:
    copy = dataclasses.replace(CHAPTERS[1], id="handbook/a-devices-copy.md")
    links = rank(CORPUS + [copy])["blog/posts/spyware.md"]
    assert targets(links)[:2] == ["handbook/a-devices-copy.md", "handbook/devices.md"]
    assert links[0].score == links[1].score


@pytest.mark.parametrize("k", [0, 1, 2, 4])
def test_at_most_k_ranked_links(k: int) -> None:
    many = [post(f"spy{i}", f"Spyware case {i}", ("malware", "devices"),
                 f"Case {i}: spyware and stalkerware on a phone; encryption and a screen lock helped.")
            for i in range(6)]
    result = rank(CHAPTERS + many, k=k)
    assert len(result["handbook/devices.md"]) == k
    assert all(len(links) <= k for links in result.values())


# --- Pins and exclusions ----------------------------------------------------------------------------


def test_pins_come_first_in_their_order_and_do_not_count_towards_k() -> None:
    pinned = dataclasses.replace(CHAPTERS[1], pinned=(
        "blog/posts/cricket.md", "handbook/passwords.md", "blog/posts/cricket.md", "handbook/devices.md"))
    result = rank([pinned, *CHAPTERS[2:], CHAPTERS[0], *POSTS], k=1)
    links = result["handbook/devices.md"]
    assert targets(links) == ["blog/posts/cricket.md", "handbook/passwords.md", "blog/posts/spyware.md"]
    assert [link.pinned for link in links] == [True, True, False]
    assert links[0].score < MIN_SCORE  # shown although it would never rank


def test_pinned_page_is_not_repeated_among_ranked_links() -> None:
    pinned = dataclasses.replace(POSTS[0], pinned=("handbook/passwords.md",))
    links = rank(CHAPTERS + [pinned, *POSTS[1:]])["blog/posts/leak.md"]
    assert targets(links).count("handbook/passwords.md") == 1 and links[0].pinned
    assert links[0].shared_tags == ("accounts",) and "password" in links[0].shared_terms


def test_pin_to_a_page_of_another_kind_is_allowed() -> None:
    page = Doc("help/index.md", "page", "I need help now", (), "Call the helpline.")
    pinned = dataclasses.replace(POSTS[3], pinned=("help/index.md",))
    result = rank(CHAPTERS + POSTS[:3] + [pinned, page])
    assert "help/index.md" not in result
    assert targets(result["blog/posts/cricket.md"]) == ["help/index.md"]


def test_unknown_pin_raises_with_page_and_target() -> None:
    broken = dataclasses.replace(POSTS[0], pinned=("handbook/passwords.md", "handbook/nowhere.md"))
    with pytest.raises(UnknownPin) as caught:
        rank(CHAPTERS + [broken])
    assert (caught.value.doc_id, caught.value.target) == ("blog/posts/leak.md", "handbook/nowhere.md")
    assert isinstance(caught.value, ValueError) and "handbook/nowhere.md" in str(caught.value)


@pytest.mark.parametrize(("excluded", "pinned"), [
    (("handbook/devices.md",), ()),
    (("handbook/devices.md",), ("handbook/devices.md",)),  # exclusion wins over a pin
])
def test_excluded_pages_are_never_shown(excluded, pinned) -> None:
    spyware = dataclasses.replace(POSTS[1], excluded=excluded, pinned=pinned)
    before = targets(rank(CORPUS)["blog/posts/spyware.md"])
    after = targets(rank(CHAPTERS + [POSTS[0], spyware, *POSTS[2:]], min_score=0.0)["blog/posts/spyware.md"])
    assert "handbook/devices.md" in before and "handbook/devices.md" not in after
    assert len(after) == 4  # the next best pages fill the place


def test_exclusion_is_one_way() -> None:
    chapter_side = dataclasses.replace(CHAPTERS[1], excluded=("blog/posts/spyware.md",))
    result = rank([CHAPTERS[0], chapter_side, *CHAPTERS[2:], *POSTS])
    assert "blog/posts/spyware.md" not in targets(result["handbook/devices.md"])
    assert "handbook/devices.md" in targets(result["blog/posts/spyware.md"])


# --- Edge cases -------------------------------------------------------------------------------------


@pytest.mark.parametrize("docs", [
    [],
    [Doc("about/index.md", "page", "About", (), "Who we are.")],
])
def test_empty_corpus(docs) -> None:
    assert rank(docs) == {}


def test_corpus_of_one_kind_only_has_no_ranked_links() -> None:
    assert rank(CHAPTERS) == {doc.id: [] for doc in CHAPTERS}
    assert rank(POSTS) == {doc.id: [] for doc in POSTS}


def test_duplicate_ids_and_negative_k_are_refused() -> None:
    with pytest.raises(ValueError, match="handbook/law.md"):
        rank(CORPUS + [CHAPTERS[3]])
    with pytest.raises(ValueError):
        rank(CORPUS, k=-1)


def test_shared_tags_follow_the_given_tag_order() -> None:
    assert rank(CORPUS)["blog/posts/trolls.md"][0].shared_tags == ("gender", "harassment")
    ordered = rank(CORPUS, tag_order=("harassment", "gender"))
    assert ordered["blog/posts/trolls.md"][0].shared_tags == ("harassment", "gender")


def test_markdown_markup_is_not_vocabulary() -> None:
    marked = post("marked", "Links", (),
                  "```python\npassword = 'passphrase breach manager'\n```\n\n"
                  "<div class=\"password\">See</div> [this guide](https://example.org/password-manager/breach) "
                  "and www.password-breach.example.\n\n!!! tip \"Note\"\n\n    Nothing else.\n")
    assert rank(CHAPTERS + [marked])["blog/posts/marked.md"] == []
    assert tokenize(plain_text(marked.text)) == ["guide", "note", "nothing"]


def test_title_weighs_more_than_body() -> None:
    chapters = [chapter("a", "Encryption", (), "Alpha text about keys and locks."),
                chapter("b", "Backups", (), "Beta text about copies and drives.")]
    by_title = post("t", "Backups", (), "Encryption matters.")
    links = rank(chapters + [by_title], min_score=0.0)["blog/posts/t.md"]
    assert targets(links) == ["handbook/b.md", "handbook/a.md"] and links[0].score > links[1].score


# --- Determinism ------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_shuffled_input_gives_the_same_output(seed: int) -> None:
    shuffled = CORPUS[:]
    random.Random(seed).shuffle(shuffled)
    assert rank(shuffled) == rank(CORPUS)


def test_same_output_under_another_hash_seed() -> None:
    script = (
        "import json, sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from test_related import real_docs\n"
        "from handbook.related import rank\n"
        "print(json.dumps({k: [[l.target, l.score, l.shared_tags, l.shared_terms] for l in v]"
        " for k, v in rank(real_docs('en')).items()}, ensure_ascii=False))\n"
    )
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([sys.executable, "-c", script, str(Path(__file__).parent)],
                              env=env, capture_output=True, text=True, check=True)
        outputs.append(json.loads(proc.stdout))
    assert outputs[0] == outputs[1]


# --- Urdu -------------------------------------------------------------------------------------------

UR_CHAPTERS = [
    chapter("passwords", "پاس ورڈ اور پاس ورڈ مینیجر", (),
            "مضبوط پاس‌ورڈ بنائیں۔ ہر اکاؤنٹ کا پاس‌ورڈ الگ رکھیں۔ پاس‌ورڈ مینیجر آپ کے سارے پاس‌ورڈ "
            "محفوظ رکھتا ہے۔ لیک ہونے والا پاس‌ورڈ فوراً بدلیں۔"),
    chapter("devices", "فون اور کمپیوٹر", (),
            "اپنا فون اپ ڈیٹ رکھیں اور اسکرین لاک لگائیں۔ جاسوسی سافٹ ویئر اور اسٹاکر ویئر کی علامات "
            "پہچانیں۔ فون کی انکرپشن آن کریں اور مشکوک ایپس ہٹا دیں۔"),
    chapter("harassment", "آن لائن ہراسانی", (),
            "ہراسانی اور دھمکیوں کا ریکارڈ رکھیں۔ بدسلوکی کرنے والے اکاؤنٹس کو بلاک کریں اور رپورٹ کریں۔ "
            "خواتین صحافیوں کو ہراسانی کا زیادہ سامنا ہے۔"),
]
UR_POSTS = [
    post("spyware", "صحافیوں کے فون میں جاسوسی سافٹ ویئر", (),
         "کئی صحافیوں کے فون میں جاسوسی سافٹ ویئر ملا۔ ماہرین کے مطابق فون اپ ڈیٹ رکھیں، اسکرین لاک "
         "لگائیں اور مشکوک ایپس ہٹا دیں۔"),
    post("trolls", "خواتین صحافیوں کے خلاف آن لائن ہراسانی", (),
         "خواتین صحافیوں کو آن لائن ہراسانی اور دھمکیوں کا سامنا ہے۔ ہراسانی کا ریکارڈ رکھیں اور "
         "بدسلوکی کرنے والے اکاؤنٹس بلاک کریں۔"),
    post("leak", "ہزاروں پاس‌ورڈ لیک ہو گئے", (),
         "ایک ویب سائٹ سے ہزاروں پاس‌ورڈ لیک ہو گئے۔ جن لوگوں نے ایک ہی پاس‌ورڈ ہر جگہ رکھا، وہ فوراً "
         "پاس‌ورڈ بدلیں اور پاس‌ورڈ مینیجر استعمال کریں۔"),
    post("cricket", "کرکٹ کا نیا سیزن", (),
         "لاہور میں کرکٹ کا نیا سیزن شروع ہو گیا۔ اسٹیڈیم تماشائیوں سے بھرا ہوا تھا اور فاسٹ بولرز چھائے رہے۔"),
]


@pytest.mark.parametrize(("text", "expected"), [
    ("یہ اور وہ کے کی کا میں سے ہے ہیں نے کو پر", []),  # only stop words
    (f"میرا پاس{ZWNJ}ورڈ", [f"پاس{ZWNJ}ورڈ"]),  # the zero-width non-joiner stays inside the word
    (f"{ZWNJ}نگرانی{ZWNJ}", ["نگرانی"]),  # but not at its edges
    ("صحافیوں کی کہانیاں", ["صحافی", "کہانی"]),  # plurals fold to the singular
    ("آزادیٔ اظہار", ["آزادی", "اظہار"]),  # izafat
    ("\u0646\u06af\u0631\u0627\u0646\u06cc\u200f\u06d4", ["نگرانی"]),  # a right-to-left mark is not a letter
    ("نگ\u200fرانی", ["نگرانی"]),  # and does not split a word
    ("\u0643\u062a\u0627\u0628 \u064a\u06c1", ["کتاب"]),  # Arabic kaf and yeh written as the Urdu letters
    ("صَحافی", ["صحافی"]),  # optional vowel marks dropped
    ("The journalists’ passwords: 2FA, 11th January 2014, VPNs, policies",
     ["journalist", "password", "2fa", "vpn", "policy"]),  # English stop words, numbers and plurals
])
def test_tokenize(text: str, expected: list[str]) -> None:
    assert tokenize(text) == expected


@pytest.mark.parametrize(("source", "first"), [
    ("blog/posts/spyware.md", "handbook/devices.md"),
    ("blog/posts/trolls.md", "handbook/harassment.md"),
    ("blog/posts/leak.md", "handbook/passwords.md"),
    ("handbook/devices.md", "blog/posts/spyware.md"),
    ("handbook/harassment.md", "blog/posts/trolls.md"),
    ("handbook/passwords.md", "blog/posts/leak.md"),
])
def test_urdu_only_corpus_ranks_by_text(source: str, first: str) -> None:
    result = rank(UR_CHAPTERS + UR_POSTS)
    assert targets(result[source])[:1] == [first]
    assert result["blog/posts/cricket.md"] == []


def test_urdu_words_with_zero_width_non_joiner_are_shared_intact() -> None:
    links = rank(UR_CHAPTERS + UR_POSTS)["blog/posts/leak.md"]
    assert f"پاس{ZWNJ}ورڈ" in links[0].shared_terms


def test_urdu_stop_words_are_not_evidence() -> None:
    filler = "یہ وہ ہے جو اس کے لیے ان کی طرف سے ایک بار پھر کیا گیا تھا۔ " * 3
    stop_words_only = post("filler", "اور کے لیے", (), filler)
    result = rank(UR_CHAPTERS + UR_POSTS + [stop_words_only], min_score=0.0)
    assert all(link.shared_terms == () and link.score == 0 for link in result["blog/posts/filler.md"])


# --- Plain text -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("markdown", "expected"), [
    ("---\ntitle: T\ntags: [a]\n---\n\n# Title {#title}\n\nBody.", "Title\n\nBody."),
    ("Text\n\n```sh\nrm -rf /\n```\n\nMore", "Text\n\nMore"),
    ("~~~\ncode\n~~~\nAfter", "After"),
    ("A <b>bold</b> <!-- more --> word", "A bold word"),
    ("See [the guide](https://example.org/a_(b)) and ![a cat](cat.png \"title\").", "See the guide and a cat."),
    ("[ref link][1] and a footnote[^1]\n\n[1]: https://example.org", "ref link and a footnote"),
    ("Visit https://example.org/path or www.example.org today", "Visit or today"),
    ("**Bold**, _italic_, `code` and ~~gone~~", "Bold, italic, code and gone"),
    ("- [ ] Do this\n- [x] Done\n1. First", "Do this\nDone\nFirst"),
    ("| a | b |\n|---|---|\n| 1 | 2 |", "a b\n1 2"),
    ("!!! trainer \"Notes for trainers\"\n\n    Keep the room safe.", "\"Notes for trainers\"\n\nKeep the room safe."),
    ("> Quoted &amp; escaped", "Quoted & escaped"),
    ("## ہر دن کی عادتیں {#daily-habits}\n\nپاس\u200cورڈ", "ہر دن کی عادتیں\n\nپاس\u200cورڈ"),
])
def test_plain_text(markdown: str, expected: str) -> None:
    assert plain_text(markdown) == expected


# --- The real content -------------------------------------------------------------------------------

WOMEN_JOURNALISTS_POSTS = {
    "blog/posts/drf-submits-reponses-for-the-un-secretary-general-report-on-the-safety-of-journalists.md",
    "blog/posts/drfs-submission-to-un-human-rights-commission-for-the-report-to-bridge-gender-digital-divide.md",
    "blog/posts/digital-rights-foundation-submits-universal-periodic-review-2017-report-for-pakistan.md",
}


def real_docs(lang: str) -> list[Doc]:
    """The chapters and posts of one language; posts take their tags from the English post."""
    docs_dir = ROOT / "docs"
    english = {path.name: frontmatter.split(path.read_text(encoding="utf-8")).meta
               for path in (docs_dir / "en" / "blog" / "posts").glob("*.md")}
    docs = []
    for path in sorted((docs_dir / lang / "handbook").glob("*.md")):
        if path.name != "index.md":
            page = frontmatter.split(path.read_text(encoding="utf-8"))
            tags = tuple(page.meta["tags"])
            docs.append(Doc(f"handbook/{path.name}", "chapter", page.meta["title"], tags, page.body))
    for path in sorted((docs_dir / lang / "blog" / "posts").glob("*.md")):
        page = frontmatter.split(path.read_text(encoding="utf-8"))
        tags = tuple(english[path.name]["tags"])
        docs.append(Doc(f"blog/posts/{path.name}", "post", page.meta["title"], tags, page.body))
    return docs


@pytest.fixture(scope="module")
def english() -> dict[str, list[Link]]:
    return rank(real_docs("en"))


@pytest.fixture(scope="module")
def urdu() -> dict[str, list[Link]]:
    return rank(real_docs("ur"))


def test_real_corpus_is_complete(english, urdu) -> None:
    assert sum(source.startswith("handbook/") for source in english) == 13
    assert sum(source.startswith("blog/posts/") for source in english) >= 10
    assert sum(source.startswith("handbook/") for source in urdu) == 13
    assert sum(source.startswith("blog/posts/") for source in urdu) >= 3


def test_finfisher_post_links_to_spyware_guidance(english) -> None:
    links = targets(english["blog/posts/pakistan-is-a-finfisher-customer-leak-confirms.md"])
    assert {"handbook/suspicious-links-and-files.md", "handbook/devices.md"} <= set(links)


def test_harassment_chapter_links_to_posts_about_women_journalists(english) -> None:
    assert WOMEN_JOURNALISTS_POSTS & set(targets(english["handbook/online-harassment.md"]))


def test_real_posts_link_to_their_subject(english) -> None:
    cybercrime_bill = "new-cybercrime-bill-threatens-the-rights-to-privacy-and-free-expression-in-pakistan.md"
    safety = "drf-submits-reponses-for-the-un-secretary-general-report-on-the-safety-of-journalists.md"
    assert targets(english[f"blog/posts/{cybercrime_bill}"])[0] == "handbook/pakistan-law.md"
    assert targets(english[f"blog/posts/{safety}"])[0] == "handbook/for-editors.md"


def test_urdu_harassment_chapter_links_to_posts_about_women_journalists(urdu) -> None:
    assert WOMEN_JOURNALISTS_POSTS & set(targets(urdu["handbook/online-harassment.md"]))


def test_urdu_reasons_are_urdu_words(urdu) -> None:
    links = urdu["blog/posts/drf-submits-reponses-for-the-un-secretary-general-report-on-the-safety-of-journalists.md"]
    assert targets(links)[0] == "handbook/for-editors.md"
    assert links[0].shared_terms and all(not term.isascii() for term in links[0].shared_terms)


def test_urdu_text_alone_finds_the_subject() -> None:
    untagged = [dataclasses.replace(doc, tags=()) for doc in real_docs("ur")]
    result = rank(untagged, min_score=0.0)
    post_id = "blog/posts/digital-rights-foundation-submits-universal-periodic-review-2017-report-for-pakistan.md"
    assert targets(result[post_id])[0] == "handbook/pakistan-law.md"
    post_id = "blog/posts/drf-submits-reponses-for-the-un-secretary-general-report-on-the-safety-of-journalists.md"
    assert targets(result[post_id])[0] == "handbook/for-editors.md"


def test_urdu_site_with_untranslated_posts_in_english() -> None:
    """The Urdu blog shows every post: translated ones in Urdu, the others in English."""
    urdu_docs = real_docs("ur")
    translated = {doc.id for doc in urdu_docs}
    untranslated = [doc for doc in real_docs("en") if doc.kind == "post" and doc.id not in translated]
    result = rank(urdu_docs + untranslated)
    assert WOMEN_JOURNALISTS_POSTS <= set(targets(result["handbook/online-harassment.md"]))
    divide = "blog/posts/drfs-submission-to-un-human-rights-commission-for-the-report-to-bridge-gender-digital-divide.md"
    assert "handbook/online-harassment.md" in targets(result[divide])
    finfisher = targets(result["blog/posts/pakistan-is-a-finfisher-customer-leak-confirms.md"])
    assert {"handbook/suspicious-links-and-files.md", "handbook/devices.md"} <= set(finfisher)
