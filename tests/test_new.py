"""`handbook new`: each kind of file starts valid, in the right place; bad requests are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook import content, frontmatter, markdown_scan
from handbook.checks import check_tree
from handbook.cli import main
from handbook.vocabulary import load_vocabulary

from conftest import copy_project


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


@pytest.mark.parametrize(
    "argv, path",
    [
        (["chapter", "Protecting your location", "--tags", "privacy,devices"], "docs/en/handbook/protecting-your-location.md"),
        (["post", "Training in Quetta", "--tags", "training"], "docs/en/blog/posts/training-in-quetta.md"),
        (["page", "Our partners"], "docs/en/our-partners/index.md"),
    ],
)
def test_new_files_are_valid_and_pass_the_checks(root: Path, argv: list[str], path: str, capsys) -> None:
    assert main(["new", *argv, "--root", str(root)]) == 0
    created = root / path
    assert created.is_file() and f"created {path}" in capsys.readouterr().out
    findings = [f for f in check_tree(root / "docs", vocabulary=load_vocabulary(root / "data" / "vocabulary.yml"))
                if "protecting-your-location" in f.path or "quetta" in f.path or "partners" in f.path]
    assert not findings, findings
    if argv[0] == "chapter":
        doc = frontmatter.split(created.read_text("utf-8"))
        assert not content.check_chapter_body(doc.body)
        assert "      - handbook/protecting-your-location.md" in (root / "mkdocs.yml").read_text("utf-8")


def test_new_translation_has_the_english_headings_and_ids(root: Path) -> None:
    english = root / "docs" / "en" / "trainers" / "index.md"
    (root / "docs" / "ur" / "trainers" / "index.md").unlink()
    assert main(["new", "translation", str(english), "--lang", "ur", "--root", str(root)]) == 0
    urdu = frontmatter.split((root / "docs" / "ur" / "trainers" / "index.md").read_text("utf-8"))
    source = frontmatter.split(english.read_text("utf-8"))
    assert [h for _, _, h in markdown_scan.heading_ids(urdu.body)] == [h for _, _, h in markdown_scan.heading_ids(source.body)]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["chapter", "No tags"], "choose at least one tag"),
        (["chapter", "Bad tag", "--tags", "gardening"], "unknown tag(s) gardening"),
        (["post", '"Quoted"', "--tags", "training"], "plain title"),
        (["chapter", "Passwords", "--tags", "accounts"], "already exists"),
        (["chapter", "X", "--tags", "accounts", "--level", "expert"], "level must be one of"),
        (["translation", "docs/ur/handbook/passwords.md", "--lang", "ur"], "give an English page"),
        (["translation", "docs/en/handbook/passwords.md", "--lang", "en"], "not a language code"),
    ],
)
def test_bad_requests_are_refused(root: Path, argv: list[str], message: str, capsys) -> None:
    if argv[0] == "translation":
        argv = [argv[0], str(root / argv[1]), *argv[2:]]
    assert main(["new", *argv, "--root", str(root)]) == 1
    assert message in capsys.readouterr().err
