"""Under `mkdocs serve`, a rebuild writes over the last build's site folder instead of emptying it first.

MkDocs deletes every file of the site folder before each build and writes them all again. Creating a file
costs far more than overwriting one on many disks: on this project's 2-core test machine, 0.82 ms against
0.15 ms, and a rebuild of this site writes about 1,160 files in 240 folders. So under `mkdocs serve` the
folder is kept, and after the build whatever it did not write (a deleted page, a renamed image, a search
file no longer wanted) is removed, so the preview holds exactly what a fresh build would publish.

"Not written by this build" is read from each file's inode change time (ctime). The kernel sets it on every
write, truncation, rename and change of metadata (a copy that keeps the source's mtime still gets a new
ctime), and no program can set it back. The build's start is the ctime of a file created then, so both come
from the same clock at the same granularity. Every writer in the build (MkDocs, Material's plugins,
mkdocs-static-i18n and the hooks) writes each of its outputs on every build, unchanged or not: a writer that
skipped an unchanged file would see it removed, and tests/test_render_cache.py compares a rebuilt preview with
a fresh build, byte for byte and file for file. `write_bytes` (and MkDocs' own writes of pages, put through it
while a serve build runs) writes a file whose bytes are what the last rebuild wrote there by touching it: a
new change time, no new bytes (a rebuild writes some 180 pages and 940 search index files, nearly all of them
unchanged by an edit).

`mkdocs build` is unchanged: MkDocs empties the folder as always.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable

import mkdocs.utils

_enabled = False
_mkdocs_clean: Callable[[str], None] | None = None  # MkDocs' own, while a serve build keeps the folder
_mkdocs_write: Callable[[bytes, str], None] | None = None  # likewise
_written: dict[str, bytes] = {}  # under `mkdocs serve`: the digest of what write_bytes last wrote, by path


def enable(on: bool) -> None:
    """Keep the site folder between builds (under `mkdocs serve`) or not."""
    global _enabled
    _enabled = on
    if not on:
        release()
        _written.clear()


def enabled() -> bool:
    return _enabled


def write_text(path: str, text: str) -> None:
    """Write `text` to `path` in UTF-8, as it is ('\n' line ends stay); see write_bytes."""
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: str, data: bytes) -> None:
    """Write `data` to `path`. Under `mkdocs serve`, if the last rebuild wrote the same bytes there and the
    file is still there, it is touched instead: that marks it as written by this build. (A file changed by
    hand in the preview's folder since would stay changed.)"""
    if _enabled:
        digest = hashlib.blake2b(data, digest_size=20).digest()
        if _written.get(path) == digest:
            try:
                os.utime(path)
                return
            except OSError:
                pass  # gone: write it again
        _written.pop(path, None)
    with open(path, "wb") as handle:
        handle.write(data)
    if _enabled:
        _written[path] = digest


def _write_file(content: bytes, output_path: str) -> None:
    """Stands in for mkdocs.utils.write_file (every page, the sitemap, the 404 pages) while a serve build keeps
    the folder: the same, but an unchanged file is touched (write_bytes)."""
    os.makedirs(os.path.dirname(output_path), exist_ok=True)
    write_bytes(output_path, content)


def change_time_now(folder: str) -> int:
    """The file system's clock as a new file in `folder` sees it: the ctime, in ns, of a file created now."""
    os.makedirs(folder, exist_ok=True)
    with tempfile.TemporaryFile(dir=folder) as handle:
        return os.fstat(handle.fileno()).st_ctime_ns


def keep(site_dir: str) -> int:
    """Stop MkDocs from emptying the site folder for this build; the time from which files count as written."""
    global _mkdocs_clean, _mkdocs_write
    if _mkdocs_clean is None:
        _mkdocs_clean = mkdocs.utils.clean_directory
        _mkdocs_write = mkdocs.utils.write_file
    mkdocs.utils.clean_directory = _keep_folder
    mkdocs.utils.write_file = _write_file
    return change_time_now(site_dir)


def release() -> None:
    """MkDocs empties the site folder again before a build, and writes every file itself (the end of a serve
    build, or an error in it)."""
    global _mkdocs_clean, _mkdocs_write
    if _mkdocs_clean is not None:
        mkdocs.utils.clean_directory = _mkdocs_clean
        mkdocs.utils.write_file = _mkdocs_write  # type: ignore[assignment]
        _mkdocs_clean = _mkdocs_write = None


def _keep_folder(directory: str) -> None:
    """Stands in for mkdocs.utils.clean_directory while a serve build keeps the folder."""


def not_written_since(root: str, since_ns: int) -> list[str]:
    """Files under `root` (paths relative to it, '/'-separated, sorted) whose ctime is before `since_ns`."""
    found = []
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in names:
            path = os.path.join(folder, name)
            if os.lstat(path).st_ctime_ns < since_ns:
                found.append(os.path.relpath(path, root).replace(os.sep, "/"))
    return sorted(found)


def remove_unwritten(root: str, since_ns: int) -> list[str]:
    """Remove the files the build did not write, and the folders that leaves empty; the files removed."""
    stale = not_written_since(root, since_ns)
    emptied = set()
    for relative in stale:
        os.remove(os.path.join(root, *relative.split("/")))
        parts = relative.split("/")[:-1]
        emptied.update("/".join(parts[:depth]) for depth in range(1, len(parts) + 1))
    for relative in sorted(emptied, key=lambda folder: -folder.count("/")):  # the deepest first
        folder = os.path.join(root, *relative.split("/"))
        if not os.listdir(folder):
            os.rmdir(folder)
    return stale
