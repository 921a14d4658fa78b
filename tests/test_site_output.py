"""Under `mkdocs serve` a rebuild writes over the last site folder and removes what it did not write
(handbook.site_output). A whole serve session is compared with fresh builds in tests/test_render_cache.py."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import mkdocs.utils

from handbook import site_output


def _write(root: Path, relative: str, text: str = "x") -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_only_files_not_written_since_the_build_started_are_removed(tmp_path: Path) -> None:
    site, elsewhere = tmp_path / "site", tmp_path / "source"
    for name in ("index.html", "gone/index.html", "gone/deep/pic.png", "kept/old.css", "search/t-aa.js",
                 "copied.png", "renamed.txt"):
        _write(site, name)
    (site / "left-empty-before").mkdir()
    source = _write(elsewhere, "copied.png", "new picture")
    os.utime(source, ns=(1_000_000_000, 1_000_000_000))  # an old mtime, which copy2 carries over
    time.sleep(0.02)  # past the file system clock's granularity

    since = site_output.change_time_now(str(site))
    _write(site, "index.html", "rewritten")  # overwritten in place
    _write(site, "kept/new.css")  # created
    _write(site, "search/t-aa.js", "x")  # the same text written again
    shutil.copy2(source, site / "copied.png")  # a copy that keeps the source's old mtime
    os.replace(site / "renamed.txt", site / "moved.txt")  # a rename changes the file's ctime too

    removed = site_output.remove_unwritten(str(site), since)

    assert removed == ["gone/deep/pic.png", "gone/index.html", "kept/old.css"]
    left = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert left == ["copied.png", "index.html", "kept/new.css", "moved.txt", "search/t-aa.js"], left
    assert not (site / "gone").exists(), "a folder the removal emptied is left behind"
    assert (site / "left-empty-before").is_dir(), "a folder the build left empty itself was removed"
    assert (site / "copied.png").read_text("utf-8") == "new picture"


def test_a_file_written_right_after_the_start_counts_as_written(tmp_path: Path) -> None:
    for _ in range(200):  # the start and the first write fall in the same tick of the file system clock
        since = site_output.change_time_now(str(tmp_path))
        _write(tmp_path, "page.html")
        assert site_output.not_written_since(str(tmp_path), since) == []


def test_a_serve_build_keeps_the_folder_and_gives_mkdocs_its_cleaning_back(tmp_path: Path) -> None:
    original, original_write = mkdocs.utils.clean_directory, mkdocs.utils.write_file
    _write(tmp_path, "index.html")
    try:
        site_output.keep(str(tmp_path))
        site_output.keep(str(tmp_path))  # a second start (another language's build) must not lose the original
        mkdocs.utils.clean_directory(str(tmp_path))
        assert (tmp_path / "index.html").is_file(), "MkDocs emptied the site folder during a serve build"
    finally:
        site_output.release()
    assert mkdocs.utils.clean_directory is original and mkdocs.utils.write_file is original_write
    site_output.release()  # releasing twice (an error after the end) changes nothing
    assert mkdocs.utils.clean_directory is original and mkdocs.utils.write_file is original_write
    mkdocs.utils.clean_directory(str(tmp_path))
    assert not (tmp_path / "index.html").exists()


def test_turning_serve_off_gives_mkdocs_its_cleaning_back(tmp_path: Path) -> None:
    original, original_write = mkdocs.utils.clean_directory, mkdocs.utils.write_file
    site_output.enable(True)
    site_output.keep(str(tmp_path))
    site_output.enable(False)
    assert mkdocs.utils.clean_directory is original and not site_output.enabled()
    assert mkdocs.utils.write_file is original_write


def test_mkdocs_writes_through_it_while_a_serve_build_keeps_the_folder(tmp_path: Path) -> None:
    page = tmp_path / "handbook" / "passwords" / "index.html"
    site_output.enable(True)
    try:
        since = site_output.keep(str(tmp_path))
        mkdocs.utils.write_file(b"<p>one</p>", str(page))  # a new folder, as MkDocs' own makes
        mkdocs.utils.write_file(b"<p>one</p>", str(page))  # the next rebuild: touched
        assert page.read_bytes() == b"<p>one</p>" and site_output.not_written_since(str(tmp_path), since) == []
        mkdocs.utils.write_file(b"<p>two</p>", str(page))
        assert page.read_bytes() == b"<p>two</p>"
    finally:
        site_output.enable(False)


def test_a_file_rewritten_with_the_same_text_is_touched_and_kept(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    target = str(site / "t-aa.js")
    site_output.enable(True)
    try:
        site_output.write_text(target, "__mahfoozSearch('t-aa',{});\n")
        written = os.stat(target)
        since = site_output.change_time_now(str(site))
        site_output.write_text(target, "__mahfoozSearch('t-aa',{});\n")  # the next rebuild, same text
        touched = os.stat(target)
        assert touched.st_ino == written.st_ino and touched.st_ctime_ns >= since
        assert site_output.not_written_since(str(site), since) == [], "a touched file must count as written"
        site_output.write_text(target, "__mahfoozSearch('t-aa',{\"a\":[1]});\n")
        assert Path(target).read_text("utf-8") == "__mahfoozSearch('t-aa',{\"a\":[1]});\n"
        os.remove(target)  # gone since: written again, not touched
        site_output.write_text(target, "__mahfoozSearch('t-aa',{\"a\":[1]});\n")
        assert Path(target).read_text("utf-8") == "__mahfoozSearch('t-aa',{\"a\":[1]});\n"
    finally:
        site_output.enable(False)
    site_output.write_text(target, "x\r\ny")  # outside serve: written as given, every time
    assert Path(target).read_bytes() == b"x\r\ny"
