"""A Content-Security-Policy for every built page: the theme's inline scripts by hash, nothing inline from content."""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
from dataclasses import dataclass

from handbook.page_head import in_head

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


@dataclass(frozen=True)
class InlineScript:
    """One <script> element without src: its exact text and whether it sits inside rendered content."""

    text: str
    line: int
    in_content: bool


# The page's tokens as an HTML tokenizer sees them: comments are skipped; the text of script and style
# elements runs to their end tag (a '</div>' inside a script is text); attribute values may hold '>'; a
# '<' that starts no tag is text. A script this misreads is not hashed, so the browser blocks it (fail
# closed); tests/test_csp.py compares the scanner with html.parser on every page of the built site, and
# with a plain tag-by-tag reading on generated markup.
_ATTRS = r"""(?:[^>"']+|"[^"]*"|'[^']*')*+"""  # possessive: one way to read attributes, so no backtracking
_NAME = r"[a-zA-Z][^\s/>]*+"  # possessive: a tag name runs to a space, / or >, quotes included, as in browsers
_COMMENT = r"<!--.*?(?:-->|\Z)"
_RAW = (r"<(?P<raw>script|style)(?=[\s/>])(?P<rattrs>" + _ATTRS + r")>(?P<text>.*?)"
        r"(?:</(?P=raw)(?=[\s/>])[^>]*>|\Z)")
_TAG = r"<(?P<end>/)?(?P<tag>" + _NAME + r")(?P<attrs>" + _ATTRS + r")>"
_NOT_RAW = r"(?!(?:script|style)(?=[\s/>]))"
_LONE_LT = r"<(?!/?" + _NAME + _ATTRS + r">)"  # a '<' that starts no tag: text
# Attributes that do not mention the content class (re.I: any case counts as a mention, which only costs a look).
_NO_MD = r"m(?!d-typeset)"
_ATTRS_WITHOUT_CONTENT_CLASS = (rf"""(?:[^>"'m]+|{_NO_MD}|"[^"m]*(?:{_NO_MD}[^"m]*)*+"|'[^'m]*(?:{_NO_MD}[^'m]*)*+')*+""")


@functools.lru_cache(maxsize=32)  # one per content element's tag name: article, div, main
def _scanner(region_tag: str | None) -> re.Pattern[str]:
    """One C-level pass over everything that cannot change what `inline_scripts` records.

    At any position one alternative matches: a run of such things (text, comments, a '<' that starts no
    tag, and tags that do not matter here: outside content, those whose attributes do not mention the
    content class; inside it, those not named like the content element), or else the one token that may
    matter: a script or style element, or a tag. Python then looks at those few tokens only.
    """
    if region_tag is None:
        other_tag = "<" + _NOT_RAW + "/?" + _NAME + _ATTRS_WITHOUT_CONTENT_CLASS + ">"
    else:
        other_tag = ("<" + _NOT_RAW + r"(?!/?" + re.escape(region_tag) + r"(?=[\s/>]))/?" + _NAME + _ATTRS + ">")
    skip = rf"(?P<skip>(?:[^<]+|{_COMMENT}|{other_tag}|{_LONE_LT})++)"
    return re.compile(f"{skip}|{_RAW}|{_TAG}", re.S | re.I)


_CLASS = re.compile(r"""(?:^|\s)class\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)
_TYPE = re.compile(r"""(?:^|\s)type\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)
_SRC = re.compile(r"(?:^|\s)src(?:\s*=|[\s/]|$)", re.I)


def _attribute(pattern: re.Pattern[str], attrs: str) -> str:
    match = pattern.search(attrs)
    return next((g for g in match.groups() if g is not None), "") if match else ""


def inline_scripts(page_html: str) -> tuple[InlineScript, ...]:
    """Every inline script of a page (not JSON data blocks), with its exact text as the browser hashes it."""
    html = page_html.replace("\r\n", "\n").replace("\r", "\n")  # newlines as the browser normalises them
    scripts: list[InlineScript] = []
    region: tuple[str, int] | None = None  # (tag of the content element, how many of that tag are open)
    position = 0
    while (match := _scanner(region[0] if region else None).match(html, position)) is not None:
        position = match.end()
        if match.group("skip") is not None:
            continue
        raw, tag = match.group("raw"), match.group("tag")
        if raw is not None:
            attrs = match.group("rattrs")
            if (raw.lower() == "script" and not _SRC.search(attrs)
                    and _attribute(_TYPE, attrs).lower() not in NON_SCRIPT_TYPES):
                line = html.count("\n", 0, match.start()) + 1
                scripts.append(InlineScript(match.group("text"), line, region is not None))
            continue
        tag, attrs = tag.lower(), match.group("attrs")
        closes_itself = attrs.endswith("/")
        if match.group("end"):
            if region is not None and tag == region[0]:
                region = (tag, region[1] - 1) if region[1] > 1 else None
        elif closes_itself:
            continue
        elif region is not None:
            if tag == region[0]:
                region = (tag, region[1] + 1)
        elif CONTENT_CLASS in attrs and CONTENT_CLASS in _attribute(_CLASS, attrs).split():
            region = (tag, 1)
    return tuple(scripts)


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
    page_html = in_head(page_html, lambda head: _GENERATOR.sub("", head))
    match = _CHARSET.search(page_html)
    if not match:
        raise NoCharset('no <meta charset="utf-8"> in the page\'s <head>')
    metas = (f'\n    <meta http-equiv="Content-Security-Policy" content="{page_policy}">'
             '\n    <meta name="referrer" content="no-referrer">')
    return page_html[: match.end()] + metas + page_html[match.end():]
