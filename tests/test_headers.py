"""The `_headers` file: cache rules as pure functions, then the real site's file against its pages' CSP metas."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import BuildResult, html_pages
from handbook import headers, release

# --- pure functions ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path, hashed", [
    ("assets/javascripts/bundle.a5f9d56c.min.js", True),
    ("assets/stylesheets/main.57a0d79d.min.css.map", True),
    ("assets/javascripts/on-demand.js", False),
    ("assets/stylesheets/extra.css", False),
    ("search/t-30_31.js", False),
    ("handbook/deadbeef.min.js.html", False),
])
def test_only_files_named_by_their_content_are_hashed(path: str, hashed: bool) -> None:
    assert headers.is_hashed(path) is hashed


def _matches(pattern: str, url: str) -> bool:
    """How Netlify and Cloudflare Pages match a rule: a trailing /* is any path below it, else exact."""
    return url.startswith(pattern[:-1]) if pattern.endswith("/*") else url == pattern


def _urls(path: str) -> list[str]:
    """The addresses a file is served at: its path, and its folder's for an index.html."""
    urls = [f"/{path}"]
    if path == "index.html" or path.endswith("/index.html"):
        urls.append(f"/{path[: -len('index.html')]}")
    return urls


TREE = ["index.html", "404.html", "sitemap.xml", "handbook/passwords/index.html", "ur/index.html",
        "ur/search/manifest.js", "assets/javascripts/bundle.a5f9d56c.min.js", "assets/javascripts/on-demand.js",
        "assets/javascripts/workers/x.js", "assets/stylesheets/main.57a0d79d.min.css", "assets/images/logo.svg",
        "_headers"]


def test_every_file_gets_exactly_one_cache_rule_and_only_hashed_files_a_long_one() -> None:
    rules = headers.cache_rules(TREE)
    for path in TREE[:-1]:
        for url in _urls(path):
            values = [value for pattern, value in rules if _matches(pattern, url)]
            expected = headers.LONG_CACHE if headers.is_hashed(path) else headers.SHORT_CACHE
            assert values == [expected], f"{url} would be cached with {values}, not just {expected!r}"
    assert ("/assets/images/*", headers.SHORT_CACHE) in rules  # a folder without hashed files is one rule
    assert not any(pattern.startswith("/_headers") for pattern, _ in rules)


def test_too_many_rules_or_too_long_a_line_is_refused() -> None:
    many = [f"d{i}/x.html" for i in range(headers.MAX_RULES)]
    with pytest.raises(headers.HeadersTooLarge, match="more than the 100 Cloudflare Pages reads"):
        headers.render([], many)
    with pytest.raises(headers.HeadersTooLarge, match="characters, more than the 2000"):
        headers.render([f"'sha256-{i:044d}'" for i in range(60)], ["index.html"])


def test_the_header_policy_is_the_page_policy_plus_frame_ancestors() -> None:
    rules = headers.parse(headers.render(["'sha256-a'"], ["index.html"]))
    policy = rules["/*"]["Content-Security-Policy"]
    assert policy.endswith("; frame-ancestors 'none'") and "script-src 'self' 'sha256-a';" in policy
    assert rules["/*"]["Referrer-Policy"] == "no-referrer" and rules["/*"]["X-Content-Type-Options"] == "nosniff"


# --- the real site -----------------------------------------------------------------------------------

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def _directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in policy.split(";") if part.strip())}


def test_the_headers_csp_is_exactly_what_the_pages_metas_allow_plus_frame_ancestors(site: BuildResult) -> None:
    rules = headers.parse((site.site / headers.FILE_NAME).read_text("utf-8"))
    header = _directives(rules["/*"]["Content-Security-Policy"])
    assert header.pop("frame-ancestors") == ["'none'"], "the site can be framed: frame-ancestors is not 'none'"
    scripts: set[str] = set()
    for page in html_pages(site.site):
        [meta] = META.findall(page.read_text("utf-8")) or [None]
        assert meta, f"{page.relative_to(site.site)} has no CSP meta"
        own = _directives(meta)
        scripts |= set(own.pop("script-src"))
        others = {k: v for k, v in header.items() if k != "script-src"}
        assert own == others, f"{page.relative_to(site.site)}: its CSP meta and the _headers CSP differ"
    assert set(header["script-src"]) == scripts, (
        "the _headers script-src is not the union of the pages' script hashes: a theme script would be blocked "
        f"(missing {scripts - set(header['script-src'])}) or one allowed that no page has")


def test_the_real_sites_cache_rules_cover_every_file_once(site: BuildResult) -> None:
    rules = headers.parse((site.site / headers.FILE_NAME).read_text("utf-8"))
    assert len(rules) <= headers.MAX_RULES
    cache = [(pattern, values["Cache-Control"]) for pattern, values in rules.items() if "Cache-Control" in values]
    files = [p.relative_to(site.site).as_posix() for p in site.site.rglob("*") if p.is_file()]
    hashed = [f for f in files if headers.is_hashed(f)]
    assert any(f.endswith(".min.js") for f in hashed), "no hashed theme script found: the pattern is out of date"
    for path in files:
        if path == headers.FILE_NAME:
            continue
        for url in _urls(path):
            values = [value for pattern, value in cache if _matches(pattern, url)]
            assert len(values) == 1, f"{url} gets {len(values)} Cache-Control rules: {values}"
            assert (values[0] == headers.LONG_CACHE) == (path in hashed), f"{url}: wrong lifetime {values[0]}"


def test_the_trainers_pages_print_the_release_key_file(site: BuildResult) -> None:
    key_text = (Path(__file__).resolve().parents[1] / release.SIGNERS).read_text("utf-8").strip()
    for page in ("trainers/index.html", "ur/trainers/index.html"):
        soup = site.html(page)
        heading = soup.find(id="release-key")
        assert heading is not None, f"{page}: no 'release key' section"
        shown = heading.find_next("pre").get_text().strip()
        assert shown == key_text, f"{page} prints a release key that is not snippets/release/allowed_signers"
