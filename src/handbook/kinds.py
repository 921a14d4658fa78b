"""What kind of page a Markdown file is, from its path: one answer for checks, cross-links, trainer views."""

from __future__ import annotations

from pathlib import PurePosixPath

CHAPTERS_DIR = "handbook"
POSTS_DIR = "blog/posts"


def page_kind(path: PurePosixPath | str) -> str:
    """'chapter', 'post' or 'page' for a path inside one language ('handbook/passwords.md' is a chapter).

    A chapter sits directly in handbook/ (its index.md is the section page); a post anywhere under blog/posts/.
    """
    parts = PurePosixPath(path).parts
    if len(parts) == 2 and parts[0] == CHAPTERS_DIR and parts[1] != "index.md" and parts[1].endswith(".md"):
        return "chapter"
    if len(parts) >= 3 and parts[:2] == ("blog", "posts") and parts[-1].endswith(".md"):
        return "post"
    return "page"


def kind_of(relative: PurePosixPath | str) -> tuple[str, str]:
    """(kind, lang) of a file from its path under docs/: docs/<lang>/handbook/x.md is a chapter."""
    parts = PurePosixPath(relative).parts
    return page_kind(PurePosixPath(*parts[1:]) if len(parts) > 1 else ""), parts[0]
