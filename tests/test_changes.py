"""What changed: git log parsed from canned output, changes per language, `changes:` notes checked, and small
sites built from a real git repository made here (full, shallow, and with no git at all)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from conftest import CHAPTER_META, MINIMAL_PAGES, BuildResult, make_project, run_build
from handbook import changes
from handbook.changes import Change, Commit, History, Note
from handbook.checks import check_file
from handbook.vocabulary import Vocabulary, load_vocabulary

UTC = dt.timezone.utc
PKT = dt.timezone(dt.timedelta(hours=5))


def record(sha: str, when: str, subject: str, files: list[tuple[str, str]], *, trailers: str = "",
           decorations: str = "") -> str:
    """One commit as `git log -z --name-status` prints it in the format of git_log_command()."""
    names = "".join(f"{status}\x00{path}\x00" for status, path in files)
    return f"\x1e{sha}\x1f{when}\x1f{decorations}\x1f{subject}\x1f{trailers}\x1f\x00\n{names}"


# --- parsing git log ------------------------------------------------------------------------------

@pytest.mark.parametrize("label, output, expected", [
    ("empty history", "", ()),
    ("one commit, two files",
     record("a1", "2026-03-15T10:00:00+05:00", "Devices: screen locks",
            [("M", "en/handbook/devices.md"), ("A", "ur/handbook/devices.md")]),
     (Commit("a1", dt.datetime(2026, 3, 15, 10, tzinfo=PKT), "Devices: screen locks", False, False,
             (("M", "en/handbook/devices.md"), ("A", "ur/handbook/devices.md"))),)),
    ("a typo fix, trailer in any case",
     record("b2", "2026-02-03T09:00:00+00:00", "Fix a typo", [("M", "en/handbook/passwords.md")], trailers=" Minor"),
     (Commit("b2", dt.datetime(2026, 2, 3, 9, tzinfo=UTC), "Fix a typo", True, False,
             (("M", "en/handbook/passwords.md"),)),)),
    ("two Changes trailers, one minor",
     record("c3", "2026-02-03T09:00:00+00:00", "s", [("M", "en/handbook/a.md")], trailers="later\x1dminor"),
     (Commit("c3", dt.datetime(2026, 2, 3, 9, tzinfo=UTC), "s", True, False, (("M", "en/handbook/a.md"),)),)),
    ("another Changes value is substantive",
     record("d4", "2026-02-03T09:00:00+00:00", "s", [("D", "en/handbook/a.md")], trailers="major"),
     (Commit("d4", dt.datetime(2026, 2, 3, 9, tzinfo=UTC), "s", False, False, (("D", "en/handbook/a.md"),)),)),
    ("the oldest commit of a shallow clone",
     record("e5", "2026-01-10T09:00:00+05:00", "Start", [("A", "en/handbook/a.md")], decorations="grafted"),
     (Commit("e5", dt.datetime(2026, 1, 10, 9, tzinfo=PKT), "Start", False, True, (("A", "en/handbook/a.md"),)),)),
    ("a subject with separators git allows, and Urdu",
     record("f6", "2026-01-10T09:00:00+05:00", "ترجمہ: پاس ورڈ, کالز; %s", [("M", "ur/handbook/a.md")]),
     (Commit("f6", dt.datetime(2026, 1, 10, 9, tzinfo=PKT), "ترجمہ: پاس ورڈ, کالز; %s", False, False,
             (("M", "ur/handbook/a.md"),)),)),
])
def test_parse_log(label: str, output: str, expected: tuple[Commit, ...]) -> None:
    assert changes.parse_log(output) == expected, label


@pytest.mark.parametrize("label, output, message", [
    ("a field missing", "\x1ea1\x1f2026-01-01T00:00:00+00:00\x1f\x1fs\x1f", "5 fields instead of 6"),
    ("not a date", record("a1", "yesterday", "s", []), "is not ISO 8601"),
    ("a status without its path", "\x1ea1\x1f2026-01-01T00:00:00+00:00\x1f\x1fs\x1f\x1f\x00\nM\x00", "without a path"),
    ("a rename git was told not to detect", record("a1", "2026-01-01T00:00:00+00:00", "s", [("R100", "x.md")]),
     "unknown file status"),
])
def test_parse_log_refuses_output_in_another_format(label: str, output: str, message: str) -> None:
    with pytest.raises(changes.LogFormatError, match=message):
        changes.parse_log(output)


def _run_giving(returncode: int = 0, stdout: bytes = b"", stderr: bytes = b"", error: Exception | None = None):
    def run(command, **kwargs):
        assert command == changes.git_log_command() and kwargs["cwd"] == Path("docs"), "not the one git log call"
        if error is not None:
            raise error
        return subprocess.CompletedProcess(command, returncode, stdout, stderr)
    return run


@pytest.mark.parametrize("label, run, missing", [
    ("git not installed", _run_giving(error=FileNotFoundError("git")), "git is not installed"),
    ("not a clone", _run_giving(128, stderr=b"fatal: not a git repository (or any of the parent directories): .git"),
     "not a git clone"),
    ("git refuses the folder", _run_giving(128, stderr=b"fatal: detected dubious ownership in repository\nmore"),
     "git log failed: fatal: detected dubious ownership in repository"),
    ("git hangs", _run_giving(error=subprocess.TimeoutExpired("git", 60)), "longer than 60 s"),
    ("unreadable output", _run_giving(stdout=b"\x1eonly-a-hash"), "cannot read"),
])
def test_read_history_says_why_it_has_no_history(label: str, run, missing: str) -> None:
    history = changes.read_history(Path("docs"), run=run)
    assert history.commits == () and history.missing and missing in history.missing, label


def test_read_history_reads_the_commits() -> None:
    output = record("a1", "2026-03-15T10:00:00+05:00", "s", [("M", "en/handbook/devices.md")]).encode()
    history = changes.read_history(Path("docs"), run=_run_giving(stdout=output))
    assert history.missing is None and [c.sha for c in history.commits] == ["a1"]


# --- changes per language -------------------------------------------------------------------------

def commit(sha: str, day: str, *files: str, minor: bool = False, grafted: bool = False, hour: int = 12) -> Commit:
    """A commit on a day touching files given as 'M en/handbook/x.md'."""
    when = dt.datetime.fromisoformat(f"{day}T{hour:02d}:00:00+05:00")
    return Commit(sha, when, "s", minor, grafted, tuple(tuple(f.split(" ", 1)) for f in files))


def at(day: str, hour: int = 12) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{hour:02d}:00:00+05:00")


D = dt.date.fromisoformat
HISTORY = History((
    commit("e", "2026-04-02", "M en/handbook/passwords.md"),
    commit("d", "2026-03-20", "M ur/handbook/passwords.md"),
    commit("c2", "2026-03-15", "M en/handbook/devices.md", hour=15),
    commit("c1", "2026-03-15", "M en/handbook/devices.md", "M en/index.md", "M en/handbook/index.md", hour=9),
    commit("b", "2026-02-03", "M en/handbook/passwords.md", minor=True),
    commit("a", "2026-01-10", "A en/handbook/passwords.md", "A ur/handbook/passwords.md", "A en/handbook/devices.md",
           "A en/handbook/gone.md"),
))


def test_one_change_per_chapter_and_day_newest_first_without_minor_commits_or_other_pages() -> None:
    assert changes.language_changes("en", HISTORY, {}) == [
        Change(D("2026-04-02"), at("2026-04-02"), "handbook/passwords.md", "en"),
        Change(D("2026-03-15"), at("2026-03-15", 15), "handbook/devices.md", "en"),
        Change(D("2026-01-10"), at("2026-01-10"), "handbook/devices.md", "en", added=True),
        Change(D("2026-01-10"), at("2026-01-10"), "handbook/gone.md", "en", added=True),
        Change(D("2026-01-10"), at("2026-01-10"), "handbook/passwords.md", "en", added=True),
    ]


def test_notes_join_the_commits_of_their_day_or_stand_alone() -> None:
    notes = {"handbook/devices.md": (Note(D("2026-03-15"), "Screen locks."), Note(D("2025-12-01"), "Before git."),
                                     Note(D("2026-03-02"), "Written before it was merged."))}
    found = changes.language_changes("en", HISTORY, notes)
    devices = [(c.day.isoformat(), c.notes, c.moment) for c in found if c.path == "handbook/devices.md"]
    assert devices == [("2026-03-15", ("Screen locks.", "Written before it was merged."), at("2026-03-15", 15)),
                       ("2026-01-10", (), at("2026-01-10")),
                       ("2025-12-01", ("Before git.",), dt.datetime(2025, 12, 1, tzinfo=UTC))]


@pytest.mark.parametrize("written, commit_days, day", [
    ("2026-03-15", [], "2026-03-15"),
    ("2026-03-15", ["2026-03-15"], "2026-03-15"),
    ("2026-03-15", ["2026-03-10", "2026-03-20", "2026-03-25"], "2026-03-20"),  # its pull request landed later
    ("2026-03-15", ["2026-03-29"], "2026-03-29"),  # two weeks on
    ("2026-03-15", ["2026-03-30"], "2026-03-15"),  # too late to be the same change
    ("2026-03-15", ["2026-03-14"], "2026-03-15"),  # a commit before the note was written
])
def test_a_note_belongs_to_the_first_change_of_its_chapter_on_or_after_its_date(written: str, commit_days: list[str],
                                                                               day: str) -> None:
    assert changes.note_day(D(written), [D(d) for d in commit_days]) == D(day)


def test_a_translation_lists_the_source_changes_it_has_not_caught_up_with() -> None:
    own = changes.language_changes("ur", HISTORY, {})
    source = changes.language_changes("en", HISTORY, {})
    shown = [(c.day.isoformat(), c.path, c.lang, c.other_language) for c in changes.with_source_changes(own, source)]
    assert shown == [
        ("2026-04-02", "handbook/passwords.md", "en", True),  # the English moved on after the Urdu
        ("2026-03-20", "handbook/passwords.md", "ur", False),
        ("2026-03-15", "handbook/devices.md", "en", True),  # never translated
        ("2026-01-10", "handbook/devices.md", "en", True),
        ("2026-01-10", "handbook/gone.md", "en", True),
        ("2026-01-10", "handbook/passwords.md", "ur", False),  # the English of that day is covered by it
    ]


def test_a_shallow_clones_oldest_commit_is_not_a_change_and_marks_where_history_starts() -> None:
    shallow = History((commit("d", "2026-03-20", "M ur/handbook/passwords.md"),
                       commit("c", "2026-03-15", "M en/handbook/devices.md", "M en/handbook/passwords.md", grafted=True)))
    assert changes.language_changes("en", shallow, {}) == []
    assert shallow.cut_before == D("2026-03-15") and HISTORY.cut_before is None


def test_by_month_groups_days_newest_first() -> None:
    months = changes.by_month(changes.language_changes("en", HISTORY, {}))
    assert [(m.key, m.first, [d.day.isoformat() for d in m.days]) for m in months] == [
        ("2026-04", D("2026-04-01"), ["2026-04-02"]),
        ("2026-03", D("2026-03-01"), ["2026-03-15"]),
        ("2026-01", D("2026-01-01"), ["2026-01-10"]),
    ]
    assert [len(d.changes) for d in months[-1].days] == [3]


@pytest.mark.parametrize("meta, notes", [
    ({}, ()),
    ({"changes": None}, ()),
    ({"changes": [{"date": D("2026-03-15"), "note": "Screen  locks\non shared phones."}]},
     (Note(D("2026-03-15"), "Screen locks on shared phones."),)),
    ({"changes": [{"date": "2026-03-15", "note": "quoted date"}, {"date": D("2026-03-16")}, "text"]}, ()),
])
def test_notes_from_meta(meta: dict, notes: tuple[Note, ...]) -> None:
    assert changes.notes_from_meta(meta) == notes


# --- the changes: front matter is checked -----------------------------------------------------------

@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    from conftest import ROOT
    return load_vocabulary(ROOT / "data" / "vocabulary.yml")


CHAPTER = "---\ntitle: Devices\ntags: [devices]\n" + CHAPTER_META + "{changes}---\n\n# Devices {{#devices}}\n"
FIRST = CHAPTER.split("{changes}")[0].count("\n") + 1  # the line 'changes:' starts on


@pytest.mark.parametrize("changes_yaml, expected", [
    ("changes:\n  - date: 2026-03-15\n    note: Screen locks on shared phones.\n", []),
    ("changes:\n  - date: 2026-03-15\n    note: اسکرین لاک کا نیا طریقہ۔\n", []),
    ("changes: Screen locks\n", [("MH120", FIRST, "must be a list of dated notes, not plain text")]),
    ("changes:\n  - Screen locks\n", [("MH120", FIRST + 1, "must have a 'date' and a 'note', not be plain text")]),
    ("changes:\n  - date: 2026-02-30\n    note: x\n", [("MH105", FIRST + 1, "'date' is not a real date: '2026-02-30'")]),
    ("changes:\n  - date: '2026-03-15'\n    note: x\n", [("MH105", FIRST + 1, "not a real date")]),
    ("changes:\n  - note: x\n", [("MH120", FIRST + 1, "has no 'date'")]),
    ("changes:\n  - date: 2026-03-15\n", [("MH120", FIRST + 1, "has no text")]),
    ("changes:\n  - date: 2026-03-15\n    note: 5\n", [("MH120", FIRST + 2, "'note' must be text, not a number")]),
    ("changes:\n  - date: 2026-03-15\n    note: <b>new</b>\n", [("MH120", FIRST + 2, "contains markup")]),
    ("changes:\n  - date: 2026-03-15\n    note: x\n    by: Ayesha\n", [("MH120", FIRST + 1, "unknown key 'by'")]),
    ("changes:\n  - date: 2026-03-15\n    note: " + "a" * 301 + "\n", [("MH120", FIRST + 2, "301 characters long")]),
])
def test_changes_notes_are_checked_at_their_line(changes_yaml: str, expected: list, vocabulary: Vocabulary) -> None:
    text = CHAPTER.format(changes=changes_yaml)
    findings = check_file("docs/en/handbook/devices.md", text.encode(), kind="chapter", lang="en", vocabulary=vocabulary)
    got = [(f.code, f.line, f.message) for f in findings]
    assert len(got) == len(expected) and all(code == c and line == l and part in message
                                             for (code, line, message), (c, l, part) in zip(got, expected)), got


def test_changes_notes_outside_a_chapter_are_refused(vocabulary: Vocabulary) -> None:
    text = "---\ntitle: Home\nchanges:\n  - date: 2026-03-15\n    note: x\n---\n\n# Home\n"
    findings = check_file("docs/en/index.md", text.encode(), kind="page", lang="en", vocabulary=vocabulary)
    assert [(f.code, f.line) for f in findings] == [("MH120", 4)], [str(f) for f in findings]
    assert "only read in chapters" in findings[0].message


# --- sites built from a real git repository -----------------------------------------------------------

def chapter(title: str, body: str, *, notes: str = "") -> str:
    """A small chapter with optional `changes:` notes (YAML lines)."""
    return f"---\ntitle: {title}\ntags: [privacy]\n{CHAPTER_META}{notes}---\n\n# {title} {{#top}}\n\n{body}\n"


EN_PASSWORDS = "Passwords"
UR_PASSWORDS = "پاس ورڈ"
EN_DEVICES = "Devices"
NAV = ["index.md", "handbook/passwords.md", "handbook/devices.md", "about/index.md", "changes.md"]


def git(project: Path, *args: str, when: str | None = None) -> None:
    """Run git in the project with a fixed identity and, for a commit, fixed dates."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def commit_pages(project: Path, when: str, message: str, pages: dict[str, str]) -> None:
    for path, text in pages.items():
        (project / "docs" / path).write_text(text, encoding="utf-8")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", message, when=when)


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with five commits on fixed dates, one of them a typo fix, and notes in both languages."""
    base = tmp_path_factory.mktemp("changes-repo")
    project = make_project(base, {
        **MINIMAL_PAGES,
        "en/handbook/passwords.md": chapter(EN_PASSWORDS, "Use a password manager."),
        "ur/handbook/passwords.md": chapter(UR_PASSWORDS, "پاس ورڈ مینیجر استعمال کریں۔"),
        "en/handbook/devices.md": chapter(EN_DEVICES, "Lock your phone."),
    }, NAV)
    git(project, "init", "-q", "-b", "main")
    commit_pages(project, "2026-01-10T09:00:00+05:00", "Passwords and devices", {})
    commit_pages(project, "2026-02-03T09:00:00+05:00", "Fix a typo\n\nChanges: minor",
                 {"en/handbook/passwords.md": chapter(EN_PASSWORDS, "Use a password manager!")})
    commit_pages(project, "2026-03-15T11:00:00+05:00", "Devices: screen locks", {
        "en/handbook/devices.md": chapter(EN_DEVICES, "Lock your phone with a PIN.",
                                          notes="changes:\n  - date: 2026-03-15\n    note: Screen locks on shared phones.\n"),
    })
    commit_pages(project, "2026-03-20T11:00:00+05:00", "Urdu passwords: managers", {
        "ur/handbook/passwords.md": chapter(UR_PASSWORDS, "اچھا پاس ورڈ مینیجر استعمال کریں۔",
                                            notes="changes:\n  - date: 2026-03-20\n    note: پاس ورڈ مینیجر چننے کا طریقہ۔\n"),
    })
    commit_pages(project, "2026-04-02T11:00:00+05:00", "Passwords: passkeys", {
        "en/handbook/passwords.md": chapter(EN_PASSWORDS, "Use a password manager and passkeys.",
                                            notes="changes:\n  - date: 2026-04-02\n    note: Passkeys, and how to turn them on.\n"),
    })
    return project


def build(project: Path, site: Path, **env: str) -> BuildResult:
    result = run_build(project, site, extra_env=env)
    assert result.returncode == 0, f"a site with its history could not be built:\n{result.output[-3000:]}"
    return result


def listing(result: BuildResult, page: str) -> list[tuple[str, str, str]]:
    """(day, chapter title, the rest of the line) of each change on a What changed page, top to bottom."""
    soup = result.html(page)
    rows = []
    for item in soup.select(".mahfooz-changes__day li"):
        day = item.find_previous("h3").time["datetime"]
        title = item.a.get_text(strip=True)
        rest = " ".join(item.get_text(" ", strip=True).split())[len(title):].lstrip(" :")
        rows.append((day, title, rest))
    return rows


@pytest.fixture(scope="module")
def full(repository: Path, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The repository built with a git on PATH that records how it was called, then runs the real one."""
    base = tmp_path_factory.mktemp("changes-site")
    shim = base / "bin"
    shim.mkdir()
    real = shutil.which("git")
    (shim / "git").write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{base / "git-calls.log"}"\nexec "{real}" "$@"\n')
    (shim / "git").chmod(0o755)
    result = build(repository, base / "site", PATH=f"{shim}{os.pathsep}{os.environ['PATH']}")
    result.git_calls = (base / "git-calls.log").read_text().splitlines()
    return result


def test_the_build_reads_the_history_with_one_git_log(full: BuildResult) -> None:
    history_reads = [call for call in full.git_calls if "--name-status" in call]
    assert len(history_reads) == 1, f"git log ran {len(history_reads)} times for two languages, not once"


def test_the_english_page_lists_substantive_changes_newest_first_without_the_typo_fix(full: BuildResult) -> None:
    assert listing(full, "changes/index.html") == [
        ("2026-04-02", EN_PASSWORDS, "Revised Passkeys, and how to turn them on."),
        ("2026-03-15", EN_DEVICES, "Revised Screen locks on shared phones."),
        ("2026-01-10", EN_DEVICES, "New chapter"),
        ("2026-01-10", EN_PASSWORDS, "New chapter"),
    ], "the English What changed page shows the wrong changes (the typo fix of 2026-02-03 must not appear)"
    soup = full.html("changes/index.html")
    assert [a["href"] for a in soup.select(".mahfooz-changes__since a")] == ["#since-2026-04", "#since-2026-03",
                                                                             "#since-2026-01"]
    assert soup.select_one("#since-2026-03 h2").get_text() == "March 2026"
    link = soup.select_one("#\\32 026-04-02-passwords a")["href"]
    assert link == "../handbook/passwords/", "a change does not link to its chapter"
    assert not soup.select(".mahfooz-changes__limit"), "a full history is reported as incomplete"


def test_the_urdu_page_lists_urdu_changes_and_says_when_only_the_english_changed(full: BuildResult) -> None:
    soup = full.html("ur/changes/index.html")
    assert soup.html["lang"] == "ur"
    rows = listing(full, "ur/changes/index.html")
    assert rows == [
        ("2026-04-02", UR_PASSWORDS, "ترمیم کی گئی Passkeys, and how to turn them on. "
                                     "صرف انگریزی متن بدلا ہے، اردو ترجمہ ابھی تازہ نہیں کیا گیا۔"),
        ("2026-03-20", UR_PASSWORDS, "ترمیم کی گئی پاس ورڈ مینیجر چننے کا طریقہ۔"),
        ("2026-03-15", EN_DEVICES, "ترمیم کی گئی Screen locks on shared phones. یہ باب ابھی صرف انگریزی میں ہے۔"),
        ("2026-01-10", EN_DEVICES, "نیا باب یہ باب ابھی صرف انگریزی میں ہے۔"),
        ("2026-01-10", UR_PASSWORDS, "نیا باب"),
    ], "the Urdu What changed page shows the wrong changes"
    english_note = soup.select_one("#\\32 026-04-02-passwords .mahfooz-changes__note")
    assert english_note["lang"] == "en", "an English note on the Urdu page is not marked as English"
    english_title = soup.select_one("#\\32 026-03-15-devices a")
    assert english_title["lang"] == "en" and english_title["href"] == "../handbook/devices/"
    assert soup.select_one("#since-2026-03 h2").get_text() == "مارچ 2026"


def test_each_language_has_a_feed_of_its_changes(full: BuildResult) -> None:
    for prefix, count, first in (("", 4, "Passwords: Revised"), ("ur/", 5, "پاس ورڈ: ترمیم کی گئی")):
        channel = ET.parse(full.site / prefix / "changes" / "feed.xml").getroot().find("channel")
        items = channel.findall("item")
        assert len(items) == count, f"{prefix}changes/feed.xml has {len(items)} items, not {count}"
        assert items[0].findtext("title") == first
        assert items[0].findtext("link") == f"http://127.0.0.1:8000/{prefix}changes/#2026-04-02-passwords"
        assert items[0].findtext("pubDate") == "Thu, 02 Apr 2026 11:00:00 +0500"
        assert not [i for i in items if "Feb 2026" in i.findtext("pubDate")], "the typo fix is in the feed"
        page = full.html(f"{prefix}changes/index.html")
        assert page.select_one(f'a[type="application/rss+xml"][href="feed.xml"]'), "the page does not link its feed"


def test_a_shallow_clone_builds_and_says_what_it_cannot_know(repository: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{repository}", str(clone))
    result = build(clone, tmp_path / "site")
    assert "cannot list changes before 2026-03-20" in result.output
    assert listing(result, "changes/index.html") == [
        ("2026-04-02", EN_PASSWORDS, "Revised Passkeys, and how to turn them on."),
        ("2026-03-15", EN_DEVICES, "Revised Screen locks on shared phones."),  # from its note alone
    ]
    limit = result.html("changes/index.html").select_one(".mahfooz-changes__limit").get_text()
    assert "changes before March 20, 2026 may be missing" in limit


def test_without_git_the_build_lists_the_notes_and_says_so(repository: Path, tmp_path: Path) -> None:
    result = build(repository, tmp_path / "site", PATH=str(tmp_path / "no-programs-here"))
    assert "git is not installed" in result.output
    assert [row[:2] for row in listing(result, "changes/index.html")] == [
        ("2026-04-02", EN_PASSWORDS), ("2026-03-15", EN_DEVICES)]
    limit = result.html("ur/changes/index.html").select_one(".mahfooz-changes__limit").get_text()
    assert "ترامیم کی تاریخ کے بغیر" in limit


def test_since_a_month_works_without_javascript(full: BuildResult, tabs) -> None:
    """Choosing a month hides the older months with CSS alone, and "all changes" brings them back."""
    from browser_support import StaticServer

    with StaticServer(full.site) as server, tabs.tab(viewport={"width": 360, "height": 740}, javascript=False) as tab:
        page = tab.page
        page.goto(server.base + "ur/changes/")
        visible = lambda: [s.get_attribute("id") for s in page.locator(".mahfooz-changes__month").all()  # noqa: E731
                           if s.is_visible()]
        assert visible() == ["since-2026-04", "since-2026-03", "since-2026-01"]
        assert not page.locator(".mahfooz-changes__filter").first.is_visible()
        page.get_by_role("link", name="مارچ 2026").click()
        assert visible() == ["since-2026-04", "since-2026-03"], "choosing March 2026 did not hide January"
        notice = page.locator("#since-2026-03 .mahfooz-changes__filter")
        assert notice.is_visible() and "مارچ 2026" in notice.inner_text()
        notice.get_by_role("link").click()
        assert len(visible()) == 3, "'show all changes' did not bring back the older months"


def test_the_real_site_has_the_page_in_both_languages_and_in_its_nav(site: BuildResult) -> None:
    for prefix, title in (("", "What changed"), ("ur/", "ہینڈ بک میں کیا بدلا")):
        page = site.html(f"{prefix}changes/index.html")
        assert page.h1.find(string=True, recursive=False).strip() == title
        assert page.select(".mahfooz-changes__day li"), f"{prefix}changes/ lists no change of the handbook"
        home = site.html(f"{prefix}index.html")
        assert home.select_one('nav a[href="changes/"]'), f"the {prefix or 'English '}nav has no What changed link"
        ET.parse(site.site / prefix / "changes" / "feed.xml")


def test_the_offline_copy_links_its_page_and_feed(offline_site: BuildResult) -> None:
    for prefix in ("", "ur/"):
        page = offline_site.html(f"{prefix}changes.html")
        feed = page.select_one('a[type="application/rss+xml"]')["href"]
        assert (offline_site.site / prefix / feed).is_file(), f"{prefix}changes.html links a feed that is not there"
        chapter = page.select_one(".mahfooz-changes__day li a")["href"]
        assert chapter.endswith(".html") and (offline_site.site / prefix / chapter).is_file()
