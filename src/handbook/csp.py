"""A Content-Security-Policy for every built page: the theme's inline scripts by hash, nothing inline from content."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Each directive as the site needs it; script-src gets the page's hashes appended.
# - style-src keeps 'unsafe-inline': the sanitiser lets authors use a few style properties, and with
#   img-src, font-src and connect-src limited to the site an injected style can load nothing from elsewhere.
# - img-src data: Material draws its icons as data: SVG masks in its stylesheet.
# - worker-src 'self': the search worker (the offline copy runs it in an iframe instead, see below).
# - base-uri 'none': no <base> can re-point the page's relative script addresses.
# - frame-ancestors cannot be set from a <meta> (browsers ignore it there): it belongs in a headers file.
BASE_POLICY: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'none'"),
    ("form-action", "'self'"),
)

# Material's offline plugin runs the search worker in an iframe through the iframe-worker shim, which
# document.write()s this inline script into it; the iframe inherits the page's policy, so the script needs
# its hash. {worker} is the worker address exactly as the page's #__config names it. Checked against the
# vendored shim at build time (shim_bootstrap), so an upgraded shim fails the build instead of search.
SHIM_BOOTSTRAP = (
    'postMessage=function c(s,n){parent.postMessage(s,n||"*")};'
    "importScripts=function d(...s){return s.reduce((n,e)=>n.then(()=>new Promise(r=>{let t=document."
    'createElement("script");t.src=e,t.onload=r,document.body.appendChild(t)})),Promise.resolve())};'
    'addEventListener("error",({error})=>{parent.dispatchEvent(new ErrorEvent("error",{filename:"{worker}",error}))})'
)
_SHIM_PARTS = (
    'function c(s,n){parent.postMessage(s,n||"*")}',
    "function d(...s){return s.reduce((n,e)=>n.then(()=>new Promise(r=>{let t=document.createElement(\"script\");"
    "t.src=e,t.onload=r,document.body.appendChild(t)})),Promise.resolve())}",
    '<script>postMessage=${c};importScripts=${d};addEventListener("error",({error})=>{parent.dispatchEvent('
    'new ErrorEvent("error",{filename:"${e}",error}))})<\\/script>',
)

# Where Markdown is rendered (Material's article, dialog and banner; the slides' <main>): a script found
# inside one came from content, slipped past the sanitiser, and must stay blocked, so it is never hashed.
CONTENT_CLASS = "md-typeset"
NON_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class ShimChanged(RuntimeError):
    """The vendored iframe-worker shim no longer writes the bootstrap script this module hashes."""


@dataclass
class InlineScript:
    """One <script> element without src: its exact text and whether it sits inside rendered content."""

    text: str
    line: int
    in_content: bool


class _ScriptFinder(HTMLParser):
    """Collect inline scripts, noting which are inside an element of class md-typeset."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[InlineScript] = []
        self._region: tuple[str, int] | None = None  # (tag of the content element, its open tags of that name)
        self._current: InlineScript | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self._region is not None and tag == self._region[0]:
            self._region = (tag, self._region[1] + 1)
        elif self._region is None and CONTENT_CLASS in (values.get("class") or "").split():
            self._region = (tag, 1)
        if tag == "script" and "src" not in values and (values.get("type") or "").lower() not in NON_SCRIPT_TYPES:
            self._current = InlineScript("", self.getpos()[0], self._region is not None)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append(self._current)
            self._current = None
        if self._region is not None and tag == self._region[0]:
            depth = self._region[1] - 1
            self._region = (tag, depth) if depth else None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.text += data


def inline_scripts(page_html: str) -> list[InlineScript]:
    """Every inline script of a page (not JSON data blocks), with its exact text as the browser hashes it."""
    finder = _ScriptFinder()
    # The HTML parser normalises newlines as the browser does before hashing.
    finder.feed(page_html.replace("\r\n", "\n").replace("\r", "\n"))
    finder.close()
    return finder.scripts


def script_hash(text: str) -> str:
    """The CSP source expression for one script's text: 'sha256-<base64>'."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def shim_bootstrap(shim_js: str, worker_url: str) -> str:
    """The inline script the offline shim writes into its iframe for this worker address."""
    missing = [part for part in _SHIM_PARTS if part not in shim_js]
    if missing:
        raise ShimChanged(
            "the vendored iframe-worker shim no longer writes the bootstrap script that handbook/csp.py hashes "
            f"(missing: {missing[0][:60]}…); update SHIM_BOOTSTRAP there to what the shim writes now"
        )
    return SHIM_BOOTSTRAP.replace("{worker}", worker_url)


_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def search_worker(page_html: str) -> str | None:
    """The search worker address a Material page names in its #__config, if any."""
    match = _CONFIG.search(page_html)
    if not match:
        return None
    try:
        worker = json.loads(match.group(1)).get("search")
    except (ValueError, AttributeError):
        return None
    return worker if isinstance(worker, str) else None


def policy(hashes: list[str]) -> str:
    """The policy text with the given script hashes allowed (each once, in first-seen order)."""
    unique = list(dict.fromkeys(hashes))
    parts = [f"{name} {value} {' '.join(unique)}" if name == "script-src" and unique else f"{name} {value}"
             for name, value in BASE_POLICY]
    return "; ".join(parts)


_GENERATOR = re.compile(r'[ \t]*<meta name="generator"[^>]*>\n?', re.I)
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.I)


class NoCharset(ValueError):
    """A page without <meta charset="utf-8">, the anchor the policy is written after."""


def secure_head(page_html: str, page_policy: str) -> str:
    """Drop the generator meta; write the policy and no-referrer right after <meta charset>, before any script."""
    page_html = _GENERATOR.sub("", page_html)
    match = _CHARSET.search(page_html)
    if not match:
        raise NoCharset('no <meta charset="utf-8"> in the page\'s <head>')
    metas = (f'\n    <meta http-equiv="Content-Security-Policy" content="{page_policy}">'
             '\n    <meta name="referrer" content="no-referrer">')
    return page_html[: match.end()] + metas + page_html[match.end():]
