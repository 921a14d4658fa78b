"""The archive importer: parsing rules, malformed input with line numbers, and the command."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from handbook import frontmatter
from handbook.archive import ArchiveError, _split_blocks, classify, escape_markdown, parse_archive, render_post, suggest_tags
from handbook.cli import main
from handbook.vocabulary import load_vocabulary

from conftest import ROOT, SEED

HEAD = "Blog Archives\n\nAll Posts in Human Rights & Technology\n\n"


def archive(*posts: str) -> str:
    return HEAD + "\n".join(posts)


def one(title: str = "A title", date: str = "April 5, 2017", body: str = "Some text.") -> str:
    return f"{date} - Comments Off on {title}\n\n{title}\n\n{body}\n\n"


@pytest.mark.parametrize(
    "body, kinds",
    [
        ("Just a paragraph.", ["paragraph"]),
        ("Intro.\n\nWhat is FinFisher?\n\nIt is spyware.", ["paragraph", "heading", "paragraph"]),
        ("Update [Sep 15, 2014]: How much did it cost?\n\nA lot.", ["heading", "paragraph"]),
        ("  1. One\n\n  2. Two\n\n  3. Three", ["numbered"]),
        ("Lead:\n  • A\n  • B", ["paragraph", "bullets"]),
        ("From our earlier coverage:\n» First\n» Second", ["paragraph", "bullets"]),
        ('He said:\n\n"No one shall be subjected to anything."', ["paragraph", "quote"]),
        ("Statement follows:\n\n" + "Long statement. " * 20, ["paragraph", "quote"]),
        ("Short lead:\n\nPakistan Cyber Crime Joint Analysis", ["paragraph", "paragraph"]),
        ("Is this a heading? No, because it is a very long line that goes on and on and on and on and on and on?",
         ["paragraph"]),
        ('"A" and "B" are two quotations in one line.', ["paragraph"]),
    ],
)
def test_blocks_are_classified(body: str, kinds: list[str]) -> None:
    raw = _split_blocks(list(enumerate(body.split("\n"), start=1)))
    assert [b.kind for b in classify(raw)] == kinds


def test_numbered_items_separated_by_blank_lines_form_one_list() -> None:
    (post,) = parse_archive(archive(one(body="Concerns:\n\n  1. A\n\n  2. B\n\n  3. C\n\nAfter.")))
    assert [(b.kind, b.lines) for b in post.blocks] == [
        ("paragraph", ("Concerns:",)),
        ("numbered", ("A", "B", "C")),
        ("paragraph", ("After.",)),
    ]


@pytest.mark.parametrize(
    "text, line, fragment",
    [
        ("", 1, "no posts found"),
        ("Hello there\n", 1, "unexpected text before the first post"),
        ("April 5, 2017 - Comments Off on T\n\nT\n\nBody.\n", 1, "before any 'All Posts in"),
        (HEAD + "April 31, 2017 - Comments Off on T\n\nT\n\nBody.\n", 5, "invalid date 'April 31, 2017'"),
        (HEAD + "Apirl 3, 2017 - Comments Off on T\n\nT\n\nBody.\n", 5, "invalid date"),
        (HEAD + "April 5 2017 - Comments Off on T\n\nT\n\nBody.\n", 5, "malformed post header"),
        (HEAD + "April 5, 2017 - Comments Off on T\n\nSomething else\n\nBody.\n", 7, "expected the title 'T' again"),
        (HEAD + "April 5, 2017 - Comments Off on T\n\nT\n\n", 5, "has no text"),
        (HEAD + "April 5, 2017 - Comments Off on T\n\n", 5, "ends before its title line"),
        (HEAD + one("Same") + one("Same", date="May 1, 2016"), 11, "same slug as the post on line 5"),
        (HEAD + one("اردو عنوان"), 5, "empty ASCII slug"),
        ("All Posts in X\n\x00", 1, "NUL bytes"),
    ],
)
def test_malformed_archives_are_refused_with_the_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(ArchiveError) as caught:
        parse_archive(text, "seed.txt")
    assert caught.value.line == line
    assert fragment in str(caught.value)
    assert str(caught.value).startswith(f"seed.txt:{line}: ")


def test_the_real_archive_has_ten_posts_with_exact_titles_and_dates() -> None:
    text = SEED.read_text(encoding="utf-8")
    headers = re.findall(r"^(\w+ \d+, \d{4}) - Comments Off on (.+)$", text, flags=re.M)
    posts = parse_archive(text, str(SEED))
    assert len(posts) == 10
    assert [(p.date.strftime("%B %-d, %Y"), p.title) for p in posts] == headers
    assert all(p.category == "Human Rights & Technology" for p in posts)


def test_the_finfisher_post_keeps_its_sub_headings() -> None:
    posts = {p.slug: p for p in parse_archive(SEED.read_text(encoding="utf-8"))}
    finfisher = posts["pakistan-is-a-finfisher-customer-leak-confirms"]
    assert [b.lines[0] for b in finfisher.blocks if b.kind == "heading"] == [
        "What is FinFisher?",
        "Is Pakistan a FinFisher customer?",
        "What was purchased?",
        "How does Pakistan FinFish?",
        "Update [Sep 15, 2014]: How much did it cost?",
    ]
    cybercrime = posts["new-cybercrime-bill-threatens-the-rights-to-privacy-and-free-expression-in-pakistan"]
    (numbered,) = [b for b in cybercrime.blocks if b.kind == "numbered"]
    assert len(numbered.lines) == 9 and numbered.lines[-1].startswith("Criminalising the production")
    quotes = [b.lines[0] for p in posts.values() for b in p.blocks if b.kind == "quote"]
    assert any(q.startswith('"No one shall be subjected') for q in quotes)
    assert any(q.startswith("The 2014 IGF included numerous workshops") for q in quotes)


def test_every_paragraph_of_the_archive_survives_the_import() -> None:
    text = SEED.read_text(encoding="utf-8")
    posts = parse_archive(text)
    imported = "\n".join(line for p in posts for b in p.blocks for line in b.lines)
    for paragraph in re.split(r"\n\s*\n", text):
        for line in paragraph.split("\n"):
            line = re.sub(r"^\s*(?:\d+\.|[•»])\s*", "", line.strip())
            if not line or "Comments Off on" in line or line in {"Blog Archives"} or line.startswith("All Posts in"):
                continue
            if any(line == p.title for p in posts):
                continue
            assert line in imported, f"lost from the import: {line[:80]}"


@pytest.mark.parametrize(
    "text, escaped",
    [
        ("Update [Sep 15, 2014]", r"Update \[Sep 15, 2014\]"),
        ("a*b_c`d", r"a\*b\_c\`d"),
        ("2014. A year", r"2014\. A year"),
        ("# not a heading", r"\# not a heading"),
        ("- not a list", r"\- not a list"),
        ("<script>", r"\<script\>"),
        ("plain words, ‘quotes’ and “more”", "plain words, ‘quotes’ and “more”"),
    ],
)
def test_markdown_is_escaped_so_text_shows_as_written(text: str, escaped: str) -> None:
    assert escape_markdown(text) == escaped


def test_rendered_post_has_valid_front_matter() -> None:
    (post,) = parse_archive(archive(one('"Quoted" – title: with colon', body="First.\n\nSecond.")))
    doc = frontmatter.split(render_post(post, tags=["privacy"], author="drf", category_label="Human Rights & Technology"))
    assert doc.meta["title"] == '“Quoted” – title: with colon'
    assert doc.meta["date"] == dt.date(2017, 4, 5)
    assert doc.meta["slug"] == "quoted-title-with-colon"
    assert doc.meta["categories"] == ["Human Rights & Technology"]
    assert doc.meta["authors"] == ["drf"] and doc.meta["tags"] == ["privacy"]
    assert doc.body.index("First.") < doc.body.index("<!-- more -->") < doc.body.index("Second.")


@pytest.mark.parametrize(
    "title, body, expected",
    [
        ("Pakistan is a FinFisher customer", "spyware spyware", ["surveillance", "malware"]),
        ("Call for Participation: Digital Security Workshop", "training sessions", ["training"]),
        ("Nothing here", "words words", []),
    ],
)
def test_tags_come_from_the_vocabulary(title: str, body: str, expected: list[str]) -> None:
    (post,) = parse_archive(archive(one(title, body=body)))
    tags = suggest_tags(post, load_vocabulary(ROOT / "data" / "vocabulary.yml"))
    assert tags[: len(expected)] == expected


def test_command_imports_and_keeps_existing_posts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "vocabulary.yml").write_text((ROOT / "data" / "vocabulary.yml").read_text("utf-8"), "utf-8")
    assert main(["import-archive", str(SEED), "--root", str(tmp_path)]) == 0
    written = sorted((tmp_path / "docs" / "en" / "blog" / "posts").glob("*.md"))
    assert len(written) == 10
    assert "10 written, 0 kept" in capsys.readouterr().out
    assert main(["import-archive", str(SEED), "--root", str(tmp_path)]) == 0
    assert "0 written, 10 kept" in capsys.readouterr().out


def test_command_output_matches_the_committed_posts(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "vocabulary.yml").write_text((ROOT / "data" / "vocabulary.yml").read_text("utf-8"), "utf-8")
    assert main(["import-archive", str(SEED), "--root", str(tmp_path)]) == 0
    for path in (tmp_path / "docs" / "en" / "blog" / "posts").glob("*.md"):
        committed = ROOT / "docs" / "en" / "blog" / "posts" / path.name
        # Editors may add cross-link overrides and a note for today's reader (an indented block) after the
        # import; everything else is the importer's.
        edited = re.sub(r"^(?:related|unrelated): .*\n", "", committed.read_text("utf-8"), flags=re.M)
        edited = re.sub(r"^note_for_today:\n(?:[ \t]+.*\n)+", "", edited, flags=re.M)
        assert edited == path.read_text("utf-8"), f"{path.name} differs from the import"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"All Posts in X\n\nApril 31, 2017 - Comments Off on T\n\nT\n\nB\n", ":3: invalid date"),
        (b"\xff\xfe not utf-8", ":1: not valid UTF-8"),
    ],
)
def test_command_refuses_bad_files(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes,
                                   message: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "vocabulary.yml").write_text((ROOT / "data" / "vocabulary.yml").read_text("utf-8"), "utf-8")
    assert main(["import-archive", str(bad), "--root", str(tmp_path)]) == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "docs").exists()


def test_command_names_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import-archive", str(tmp_path / "nope.txt")]) == 1
    assert "cannot read" in capsys.readouterr().err
