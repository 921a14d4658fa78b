"""The `_headers` file for static hosts that read one (Netlify, Cloudflare Pages): security headers and caching.

The Content-Security-Policy is the build's own (handbook.csp), so header and <meta> can never disagree. A browser
enforces both, so a page is allowed what both allow: the header lists every inline-script hash any page's meta
lists, and each page's meta narrows it to that page's own. The header adds frame-ancestors, which a meta cannot
carry. Caching: a year, immutable, only for files whose name carries a hash of their content; every other file
keeps a short lifetime, because a changed phone number must reach readers the same day.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from handbook import csp

FILE_NAME = "_headers"
# The theme's assets are named by their content (bundle.a5f9d56c.min.js): a new build means a new name.
HASHED = re.compile(r"\.[0-9a-f]{8,}\.min\.(?:js|css)(?:\.map)?$")
LONG_CACHE = "public, max-age=31536000, immutable"
SHORT_CACHE = "public, max-age=300"
# Cloudflare Pages reads at most 100 rules and lines of at most 2,000 characters.
MAX_RULES = 100
MAX_LINE = 2000
SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
)


class HeadersTooLarge(ValueError):
    """A `_headers` file that a host would cut short (too many rules or too long a line)."""


def site_policy(hashes: Iterable[str]) -> str:
    """The header's policy: the pages' policy with every page's script hashes, plus frame-ancestors 'none'."""
    return f"{csp.policy(list(hashes))}; frame-ancestors 'none'"


def is_hashed(path: str) -> bool:
    """Whether a site file's name carries a hash of its content, so it may be cached for good."""
    return bool(HASHED.search(path))


def cache_rules(paths: Iterable[str]) -> list[tuple[str, str]]:
    """(URL pattern, Cache-Control) for every file, with no two patterns matching one file.

    Hosts combine the values of one header from every rule that matches (Cloudflare joins them with a comma, and
    two max-age values make a cache treat the response as stale), so a folder without hashed files gets one
    folder rule and a folder with some is walked file by file.
    """
    files = sorted({p.strip("/") for p in paths if p.strip("/") and p.strip("/") != FILE_NAME})
    rules: list[tuple[str, str]] = [("/", SHORT_CACHE)] if "index.html" in files else []

    def walk(prefix: str, under: list[str]) -> None:
        folders: dict[str, list[str]] = {}
        for path in under:
            head, _, rest = path.partition("/")
            if rest:
                folders.setdefault(head, []).append(rest)
            else:
                rules.append((f"/{prefix}{head}", LONG_CACHE if is_hashed(head) else SHORT_CACHE))
        for folder, inside in sorted(folders.items()):
            if any(is_hashed(p) for p in inside):
                walk(f"{prefix}{folder}/", inside)
            else:
                rules.append((f"/{prefix}{folder}/*", SHORT_CACHE))

    walk("", files)
    return rules


def render(hashes: Iterable[str], paths: Iterable[str]) -> str:
    """The `_headers` file for a built site: security headers on every path, then one cache rule per pattern."""
    lines = ["# Written by every build (src/handbook/headers.py); see README, Deploying. Do not edit.", "/*",
             f"  Content-Security-Policy: {site_policy(hashes)}"]
    lines += [f"  {name}: {value}" for name, value in SECURITY_HEADERS]
    rules = cache_rules(paths)
    for pattern, value in rules:
        lines += ["", pattern, f"  Cache-Control: {value}"]
    if len(rules) + 1 > MAX_RULES:
        raise HeadersTooLarge(f"{len(rules) + 1} rules, more than the {MAX_RULES} Cloudflare Pages reads: "
                              "fewer folders should mix hashed and unhashed files")
    longest = max(len(line) for line in lines)
    if longest > MAX_LINE:
        raise HeadersTooLarge(f"a line of {longest} characters, more than the {MAX_LINE} Cloudflare Pages reads "
                              "(too many different inline scripts in the theme's pages)")
    return "\n".join(lines) + "\n"


def parse(text: str) -> dict[str, dict[str, str]]:
    """A `_headers` file as {pattern: {header: value}} (comments and blank lines skipped)."""
    rules: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            current = rules.setdefault(line.strip(), {})
        elif current is not None:
            name, _, value = line.strip().partition(":")
            current[name.strip()] = value.strip()
    return rules
