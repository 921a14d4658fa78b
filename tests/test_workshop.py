"""Trainer tools end to end: slide decks in Chromium from file://, PDFs, and a workshop pack."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pymupdf
import pytest

from conftest import ROOT, BuildResult

# One worker makes the pack (a module fixture) and runs every test that reads it.
pytestmark = pytest.mark.xdist_group("workshop-pack")

CHAPTER = "passwords"


@pytest.mark.parametrize("lang, forward, backward", [("en", "ArrowRight", "ArrowLeft"), ("ur", "ArrowLeft", "ArrowRight")])
def test_deck_from_file_advances_in_the_reading_direction(tabs, offline_site: BuildResult, lang: str,
                                                          forward: str, backward: str) -> None:
    prefix = "" if lang == "en" else "ur/"
    deck = offline_site.site / f"{prefix}handbook/{CHAPTER}-slides.html"
    with tabs.tab() as tab:
        page = tab.page
        page.goto(deck.as_uri())
        visible = "() => [...document.querySelectorAll('section.mahfooz-slide')].findIndex(s => !s.hidden) + 1"
        assert page.evaluate(visible) == 1
        assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "ur" else "ltr")
        page.keyboard.press(forward)
        assert page.evaluate(visible) == 2 and page.url.endswith("#slide-2")
        page.keyboard.press(forward)
        page.keyboard.press(backward)
        assert page.evaluate(visible) == 2
        assert page.evaluate("getComputedStyle(document.querySelector('.mahfooz-notes') || document.body).display") in (
            "none", "block")
        notes_visible = page.evaluate(
            "[...document.querySelectorAll('.mahfooz-notes')].some(n => n.offsetParent !== null)")
        assert not notes_visible, "presenter notes are visible in the audience view"
        requests, errors = tab.requests, tab.errors
    outside = [u for u in requests if not u.startswith("file:")]
    assert not outside, outside
    assert not errors, errors


# `handbook workshop` with its first step's build answered by the session's offline copy: the same call
# (`_mkdocs(root, "build", ["--strict"], offline=True, ...)`) that `handbook build --offline` made it with.
WORKSHOP_WITH_THE_SESSIONS_OFFLINE_COPY = """
import shutil, subprocess, sys
from pathlib import Path
from handbook import cli

def built(root, command, extra, *, offline=False, site_dir=None, capture=False):
    assert (command, extra, offline, site_dir is not None) == ("build", ["--strict"], True, True), (command, extra, offline)
    shutil.copytree(sys.argv[1], site_dir)
    return subprocess.CompletedProcess([], 0, "", "")

cli._mkdocs = built
sys.exit(cli.main(sys.argv[2:]))
"""


@pytest.fixture(scope="module")
def pack(offline_site: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real workshop pack: one chapter, English and Urdu, made with the command a trainer runs."""
    out = tmp_path_factory.mktemp("pack") / "pack.zip"
    proc = subprocess.run(
        [sys.executable, "-c", WORKSHOP_WITH_THE_SESSIONS_OFFLINE_COPY, str(offline_site.site),
         "workshop", CHAPTER, "--lang", "en", "--lang", "ur",
         "--date", "2026-12-05", "--venue", "Lahore Press Club", "--start", "14:00", "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "[2/4] printed 11/11" in proc.stdout and "checksums verified" in proc.stdout
    folder = out.parent / "unzipped"
    with zipfile.ZipFile(out) as archive:
        archive.extractall(folder)
    return folder


def test_pack_holds_what_the_agenda_lists_and_checksums_verify(pack: Path) -> None:
    from handbook.workshop import verify_sums

    agenda = (pack / "agenda.html").read_text("utf-8")
    assert "Lahore Press Club" in agenda and "2026-12-05" in agenda and "14:00" in agenda
    targets = re.findall(r'href="([^"]+)"', agenda)
    assert targets
    missing = [t for t in targets if not (pack / t).is_file()]
    assert not missing, missing
    assert verify_sums(pack, (pack / "SHA256SUMS").read_text("utf-8")) == []
    listed = {line.split("  ", 1)[1] for line in (pack / "SHA256SUMS").read_text("utf-8").splitlines()}
    on_disk = {p.relative_to(pack).as_posix() for p in pack.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert listed == on_disk
    for lang in ("en", "ur"):  # the passwords activity names a profile card and a word list
        for handout in ("reporter-profile-card", "word-list"):
            assert f"pdf/{lang}/handouts/{handout}.pdf" in targets, f"the {lang} agenda does not link the {handout} handout"
    assert "216" in _text(pack / "pdf" / "en" / "handouts" / "word-list.pdf"), "the printed word list lost its instructions"


def _text(pdf: Path) -> str:
    with pymupdf.open(pdf) as document:
        return " ".join(page.get_text() for page in document)


def test_pdfs_open_and_carry_english_and_urdu_text_with_embedded_fonts(pack: Path) -> None:
    english = " ".join(_text(pack / "pdf" / "en" / f"{CHAPTER}.pdf").split())
    assert "Passwords and password managers" in english and "Checklist" in english
    for kind in ("", "-checklist", "-facilitator"):
        for lang in ("en", "ur"):
            path = pack / "pdf" / lang / f"{CHAPTER}{kind}.pdf"
            with pymupdf.open(path) as document:
                assert document.page_count >= 1
                fonts = {font[3] for page in document for font in page.get_fonts()}
                embedded = all(font[1] != "n/a" for page in document for font in page.get_fonts())
            assert embedded, f"{path.name}: a font is not embedded"
            if lang == "ur":
                assert any("Nastaliq" in f for f in fonts), f"{path.name}: no Nastaliq font ({fonts})"
    urdu = _text(pack / "pdf" / "ur" / f"{CHAPTER}-checklist.pdf")
    squeezed = re.sub(r"\s+", "", urdu)
    # Nastaliq glyph runs come back in visual order: a word may read reversed. Both count.
    words = ["پاس", "اکاؤنٹ", "مینیجر", "ریکوری", "ماسٹر"]
    found = [w for w in words if w in squeezed or w[::-1] in squeezed]
    assert len(found) >= 4, f"Urdu text not found in the PDF: {found} of {words}"


def test_printing_refuses_a_page_that_asks_for_a_web_font(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text('<html><head><link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto">'
                    "</head><body>Hello</body></html>", "utf-8")
    # In its own process: this session's browser tests already hold Playwright in this one.
    script = ("import sys; from pathlib import Path; from handbook.pdf import PrintJob, print_pages, PdfError\n"
              "try:\n    list(print_pages([PrintJob(Path(sys.argv[1]), Path(sys.argv[2]))]))\n"
              "except PdfError as error:\n    print(error); sys.exit(3)\n")
    proc = subprocess.run([sys.executable, "-c", script, str(page), str(tmp_path / "page.pdf")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3, proc.stdout + proc.stderr
    assert "fonts.googleapis.com" in proc.stdout
    assert not (tmp_path / "page.pdf").exists()
