"""Rules about files as files: encoding and size (MH001, MH002), symbolic links and file types (MH004, MH005)."""

from __future__ import annotations

import os
import posixpath
from pathlib import Path, PurePosixPath

from handbook.checks.findings import Finding, Report

MAX_FILE_BYTES = 1_048_576
INERT_FILE_TYPES = frozenset({
    ".md", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".pdf", ".txt", ".csv",
    ".mp3", ".mp4", ".webm", ".ogg", ".oga", ".ogv", ".wav", ".vtt",
})


def _byte_position(data: bytes, index: int) -> tuple[int, int]:
    """1-based (line, column in characters) of byte `index`."""
    line = data.count(b"\n", 0, index) + 1
    line_start = data.rfind(b"\n", 0, index) + 1
    return line, len(data[line_start:index].decode("utf-8", "replace")) + 1


def decode(data: bytes, report: Report) -> str | None:
    """The file's text with line endings as Python-Markdown reads them, or None (MH002 too big, MH001 not UTF-8)."""
    if len(data) > MAX_FILE_BYTES:
        report.add_at(*_byte_position(data, MAX_FILE_BYTES), "MH002",
                      f"file is {len(data):,} bytes, more than {MAX_FILE_BYTES:,}", "split it or move large data out of docs/")
        return None
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as error:
        report.add_at(*_byte_position(data, error.start), "MH001", f"not UTF-8 (byte 0x{data[error.start]:02x})",
                      "save the file as UTF-8")
        return None
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def output_key(relative: PurePosixPath) -> str:
    """The page a file becomes under use_directory_urls: foo.md and foo/index.md are both foo/."""
    stem = relative.name[:-3]
    parent = str(relative.parent) if str(relative.parent) != "." else ""
    key = parent if stem in ("index", "README") else posixpath.join(parent, stem)
    return key.lower()


def walk(docs_dir: Path) -> tuple[list[tuple[str, PurePosixPath]], list[tuple[str, PurePosixPath, str]]]:
    """Markdown files as (lang, path under the language), and other entries with a problem code ('' if none)."""
    pages: list[tuple[str, PurePosixPath]] = []
    others: list[tuple[str, PurePosixPath, str]] = []
    if not docs_dir.is_dir():
        return pages, others
    for lang_dir in sorted(docs_dir.iterdir()):
        if lang_dir.name.startswith("."):
            continue
        if lang_dir.is_symlink():
            others.append((lang_dir.name, PurePosixPath("."), "MH004"))
            continue
        if not lang_dir.is_dir():
            continue
        for root, dirs, files in os.walk(lang_dir, followlinks=False):
            rel_root = PurePosixPath(Path(root).relative_to(lang_dir).as_posix())
            for name in sorted(dirs):
                if not name.startswith(".") and (Path(root) / name).is_symlink():
                    others.append((lang_dir.name, rel_root / name, "MH004"))
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (Path(root) / d).is_symlink())
            for name in sorted(files):
                if name.startswith("."):
                    continue
                rel = rel_root / name
                if (Path(root) / name).is_symlink():
                    others.append((lang_dir.name, rel, "MH004"))
                elif name.endswith(".md"):
                    pages.append((lang_dir.name, rel))
                else:
                    others.append((lang_dir.name, rel, "" if Path(name).suffix.lower() in INERT_FILE_TYPES else "MH005"))
    return pages, others


def entry_finding(full: Path, code: str) -> Finding | None:
    """MH004 or MH005 for an entry of docs/ that walk() flagged, None for an inert file."""
    if code == "MH004":
        return Finding(str(full), 1, 1, "MH004", "symbolic link in docs/",
                       "replace it with the real file: the build would publish what it points at")
    if code == "MH005":
        return Finding(str(full), 1, 1, "MH005", f"file type '{full.suffix or full.name}' can carry scripts or is not an asset",
                       "use Markdown for pages and PNG, JPEG, WebP or PDF for files")
    return None
