"""Links and images between pages (MH203-MH206): each must reach a file, and an anchor that page has."""

from __future__ import annotations

import html
import posixpath
import re
import urllib.parse
from collections.abc import Mapping
from typing import Protocol

from handbook.checks.decoders import dangerous_scheme, is_remote_url
from handbook.markdown_scan import Link

_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!])")


class HasIds(Protocol):
    """Anything that knows the ids of a page (FileInfo)."""

    ids: set[str]


def link_problem(lang: str, rel: str, link: Link, pages: Mapping[tuple[str, str], HasIds],
                 existing: Mapping[str, set[str]], default_lang: str) -> tuple[str, str, str] | None:
    """(code, message, hint) if a relative link or image of docs/<lang>/<rel> does not resolve, else None.

    A page missing in `lang` falls back to the default language's, as the build shows it.
    """
    dest = link.dest.strip()
    if dest.startswith("<") and dest.endswith(">"):
        dest = dest[1:-1]
    dest = _ESCAPE.sub(r"\1", html.unescape(dest))
    if not dest or dangerous_scheme(dest) or is_remote_url(dest):
        return None
    try:
        parts = urllib.parse.urlsplit(dest)
    except ValueError:  # e.g. an unbalanced '[' in what looks like a host
        return None
    if parts.scheme or parts.netloc:
        return None
    path, fragment = urllib.parse.unquote(parts.path), urllib.parse.unquote(parts.fragment)
    if path.startswith("/"):
        return ("MH206", f"absolute link '{dest}'", "link relative to this file, e.g. ../handbook/passwords.md")
    what = "image" if link.image else "link"
    if not path:
        target: tuple[str, str] | None = (lang, rel)
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
        if joined.startswith("..") or joined.startswith("/"):
            return ("MH205" if link.image else "MH203", f"{what} '{dest}' leaves the {lang}/ folder",
                    "link to a file of the same language")
        target = next(((candidate, joined) for candidate in (lang, default_lang)
                       if joined in existing.get(candidate, set())), None)
        if target is None:
            if link.image:
                return ("MH205", f"image '{dest}' does not exist", "add the file or fix the path")
            hint = "link to the .md file" if not posixpath.splitext(path)[1] else "fix the path or add the page"
            return ("MH203", f"link to '{dest}': no such page or file", hint)
    if fragment and target[1].endswith(".md"):
        info = pages.get(target)
        if info is not None and fragment not in info.ids:
            return ("MH204", f"no anchor '#{fragment}' in {target[0]}/{target[1]}",
                    "use an id the page has, e.g. {#checklist} on its heading")
    return None
