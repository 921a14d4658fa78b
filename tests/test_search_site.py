"""Search in built sites: the index files (a small fixture site, the real site, the offline copy), then the
real site in Chromium, served and from file://: nothing loads until a reader searches."""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from pathlib import Path

import pytest

from browser_support import TRANSITIONS_DONE
from conftest import CHAPTER_META, MOSTLY_WAITING, BuildResult, html_pages

REGISTRATION = re.compile(r'__mahfoozSearch\(("[^"]+"),(.*)\);\n', re.S)


def index_pages(site: Path, folder: str) -> list[list]:
    """Every page record [title, url, kind, lang, sections] of one language's index."""
    directory = site / folder
    manifest = json.loads(REGISTRATION.fullmatch((directory / "manifest.js").read_text("utf-8")).group(2))
    records: list[list] = []
    for n in range(len(manifest["chunks"])):
        records += json.loads(REGISTRATION.fullmatch((directory / f"d-{n}.js").read_text("utf-8")).group(2))
    assert len(records) == manifest["pages"], f"{folder}: the manifest counts other pages than the chunks hold"
    return records


CHAPTER = f"""---
title: Leaks and tips
{CHAPTER_META}tags: [privacy]
---

# Leaks and tips {{#leaks-and-tips}}

Opening words about whistleblowers.

## Receiving documents {{#receiving-documents}}

- [ ] Strip metadata from every file.

!!! trainer "Notes for trainers"

    Facilitatorsecretword only for trainers.

## Telling the story {{#telling-the-story}}

Write carefully.
"""
URDU_CHAPTER = CHAPTER.replace("title: Leaks and tips", "title: لیکس اور اطلاعات").replace(
    "# Leaks and tips", "# لیکس اور اطلاعات").replace("Opening words about whistleblowers.", "مخبروں کے بارے میں ابتدائی بات۔")


def test_fixture_build_writes_one_small_index_per_language(fixture_site) -> None:
    result = fixture_site({
        "en/handbook/leaks.md": CHAPTER,
        "ur/handbook/leaks.md": URDU_CHAPTER,
        "en/guide.md": "---\ntitle: Guide\nsearch:\n  exclude: true\n---\n\n# Guide {#guide}\n\nHidden.\n",
        "en/notes.md": "---\ntitle: Field notes\n---\n\n# Field notes {#field-notes}\n\nOnly in English.\n",
    }, nav=["index.md", "handbook/leaks.md", "guide.md", "notes.md", "about/index.md"])
    assert result.returncode == 0, result.output
    assert not list(result.site.rglob("search_index.*")), "Material's single index is still written"
    english, urdu = index_pages(result.site, "search"), index_pages(result.site, "ur/search")
    urls = {r[1] for r in english} | {r[1] for r in urdu}
    assert "handbook/leaks/" in urls and "ur/handbook/leaks/" in urls
    assert not [u for u in urls if re.search(r"-(slides|checklist|facilitator)/|404|guide/", u)], sorted(urls)
    assert all(r[3] == "en" and not r[1].startswith("ur/") for r in english)
    assert all(r[1].startswith("ur/") for r in urdu)
    chapter = next(r for r in urdu if r[1] == "ur/handbook/leaks/")
    assert chapter[:4] == ["لیکس اور اطلاعات", "ur/handbook/leaks/", "chapter", "ur"]
    assert [s[1] for s in chapter[4]] == ["", "receiving-documents", "telling-the-story"]
    fallback = next(r for r in urdu if r[1] == "ur/notes/")
    assert fallback[3] == "en", "an English page on the Urdu site must be marked as English"
    every_file = "".join(p.read_text("utf-8") for p in (result.site / "ur" / "search").glob("*.js"))
    assert "مخبروں" in every_file and "\\u06" not in every_file, "Urdu is not written as UTF-8 characters"
    assert "facilitatorsecretword" not in every_file.lower(), "trainer notes reached the reader's index"
    # A page's own text only: not the notice above a fallback page, nor the links added after content.
    assert "اردو میں دستیاب نہیں" not in json.dumps(fallback, ensure_ascii=False)


def test_the_real_site_indexes_every_reader_page_and_no_trainer_view(site: BuildResult) -> None:
    for folder, prefix in (("search", ""), ("ur/search", "ur/")):
        records = index_pages(site.site, folder)
        urls = {r[1] for r in records}
        built = {p.parent.relative_to(site.site).as_posix() + "/" for p in (site.site / prefix / "handbook").glob("*/index.html")}
        readers = {u for u in built if not re.search(r"-(slides|checklist|facilitator)/$", u)}
        assert readers <= urls, f"{folder}: chapters missing from the index: {sorted(readers - urls)}"
        assert not urls & (built - readers), f"{folder}: trainer views indexed: {sorted(urls & (built - readers))}"
        assert {f"{prefix}help/", f"{prefix}about/", f"{prefix}tags/", f"{prefix}blog/"} <= urls
        kinds = [r[2] for r in records]
        assert kinds == sorted(kinds, key=["chapter", "page", "post", "listing"].index), "chunks are not chapters first"
    assert not list(site.site.rglob("search_index.*"))


def test_offline_index_links_to_html_files(offline_site: BuildResult) -> None:
    for folder in ("search", "ur/search"):
        for record in index_pages(offline_site.site, folder):
            assert record[1].endswith(".html"), f"{folder}: {record[1]} does not open from file://"
            assert (offline_site.site / record[1]).is_file(), f"{folder}: {record[1]} is not in the offline copy"


def test_no_page_names_a_search_form_or_material_index(site: BuildResult) -> None:
    for page in html_pages(site.site):
        text = page.read_text("utf-8")
        assert 'name="search"' not in text, f"{page}: a form named search starts Material's own search"
        assert "search_index" not in text


# --- in Chromium ------------------------------------------------------------------------------------

@contextmanager
def _open(request, tabs, which: str, width: int = 1200):
    """A tab for one build (its page, the build's base address, what the tab requested and its errors)."""
    if which == "web":
        base = request.getfixturevalue("web_server").base
    else:
        base = request.getfixturevalue("offline_site").site.as_uri() + "/"
    with tabs.tab(viewport={"width": width, "height": 800}) as tab:
        yield tab.page, base, {"requests": tab.requests, "errors": tab.errors}


def _search(page, query: str) -> None:
    if page.evaluate("document.getElementById('__search').checked"):
        pass  # already open: the reader types in the box
    elif page.is_visible("button.mahfooz-search-button"):
        page.click("button.mahfooz-search-button")
    else:
        page.click("input.md-search__input")
    page.fill("input.md-search__input", query)


def _results(page) -> list[dict]:
    page.wait_for_selector(".mahfooz-search-result", timeout=15000)
    return page.eval_on_selector_all(
        ".mahfooz-search-result",
        "els => els.map(e => ({href: e.href, title: e.querySelector('.mahfooz-search-result__title').textContent,"
        " lang: e.querySelector('.mahfooz-search-result__title').lang,"
        " marker: (e.querySelector('.mahfooz-search-result__lang') || {}).textContent || ''}))",
    )


def _search_files(requests: list[str]) -> list[str]:
    return [r for r in requests if re.search(r"/search/|search_index|workers/search", r)]


PAGES = {"web": ["", "ur/", "handbook/passwords/", "ur/handbook/passwords/"],
         "offline": ["index.html", "ur/index.html", "handbook/passwords.html", "ur/handbook/passwords.html"]}


@pytest.mark.parametrize("which", ["web", "offline"])
def test_no_search_file_is_requested_when_a_page_loads(request, tabs, which: str) -> None:
    with _open(request, tabs, which) as (page, base, seen):
        for path in PAGES[which]:
            page.goto(base + path, wait_until="load")
            page.wait_for_timeout(300)
    assert not _search_files(seen["requests"]), f"pages load search files before anyone searches: {_search_files(seen['requests'])}"
    assert not seen["errors"], seen["errors"]


SEARCHES = [  # (page language, query, title of the page expected first, its address)
    ("en", "passphrase", "Passwords and password managers", "handbook/passwords"),
    ("en", "two-step verification", "Securing your accounts", "handbook/account-security"),
    ("ur", "پاس ورڈ مینیجر", "پاس ورڈ اور پاس ورڈ مینیجر", "ur/handbook/passwords"),
    ("ur", "پاس ورڈ مينيجر", "پاس ورڈ اور پاس ورڈ مینیجر", "ur/handbook/passwords"),  # ي from an Arabic keyboard
    ("ur", "ہراسانی", "آن لائن ہراسانی اور اس کا جواب", "ur/handbook/online-harassment"),
    ("ur", "هراساني", "آن لائن ہراسانی اور اس کا جواب", "ur/handbook/online-harassment"),  # ه and ي
]


@pytest.mark.parametrize("which", ["web", "offline"])
@pytest.mark.parametrize("lang, query, title, address", SEARCHES)
def test_a_search_finds_the_page_in_the_readers_language(request, tabs, which: str, lang: str, query: str,
                                                         title: str, address: str) -> None:
    with _open(request, tabs, which, width=360 if lang == "ur" else 1200) as (page, base, seen):
        home = "ur/" if lang == "ur" else ""
        page.goto(base + (home if which == "web" else home + "index.html"), wait_until="load")
        _search(page, query)
        results = _results(page)
        assert results and results[0]["title"] == title, f"searching {query!r} ({which}) showed {[r['title'] for r in results]}"
        top = results[0]["href"]
        assert top.startswith(base + address), f"searching {query!r} ({which}) led to {top}"
        for result in results:
            inside_urdu = result["href"].startswith(base + "ur/")
            assert inside_urdu == (lang == "ur"), f"an {lang} page showed a result of the other language: {result['href']}"
            if lang == "ur" and result["lang"] == "en":
                assert result["marker"] == "انگریزی میں", f"an English result on the Urdu site is not marked: {result}"
        fetched = _search_files(seen["requests"])
        own = base + ("ur/search/" if lang == "ur" else "search/")
        assert fetched and all(f.startswith(own) for f in fetched), f"the first search fetched other files: {fetched}"
        if which == "offline":
            assert all(r["href"].split("#")[0].endswith(".html") for r in results)
        page.click(".mahfooz-search-result >> nth=0")
        page.wait_for_load_state("load")
        assert page.url.split("#")[0] == top.split("#")[0]
        assert not seen["errors"], seen["errors"]


BAD_QUERIES = [
    "؟!،۔«» ... ---",
    "پاس" * 700,  # 2,100 characters
    "pass\u202eword\u2066 <img src=x onerror=window.__pwned=1>",
    "<script>window.__pwned=1</script>",
    "\u202e\u202e\u202e",
]


@MOSTLY_WAITING
@pytest.mark.parametrize("which", ["web", "offline"])
def test_bad_queries_raise_no_error_and_run_no_script(request, tabs, which: str) -> None:
    with _open(request, tabs, which) as (page, base, seen):
        for home in ("", "ur/"):
            page.goto(base + (home if which == "web" else home + "index.html"), wait_until="load")
            for query in BAD_QUERIES:
                _search(page, query)
                page.wait_for_timeout(400)
                assert page.evaluate("window.__pwned") is None, f"the query {query[:40]!r} ran a script"
                assert page.eval_on_selector_all(".mahfooz-search img, .mahfooz-search script", "els => els.length") == 0
                meta = page.inner_text(".mahfooz-search .md-search-result__meta")
                assert meta.strip(), f"the query {query[:40]!r} left the reader with no message"
    assert not seen["errors"], seen["errors"]


def test_keyboard_opens_moves_through_results_and_closes(request, tabs) -> None:
    with _open(request, tabs, "web", width=360) as (page, base, seen):
        page.goto(base + "handbook/", wait_until="load")
        page.keyboard.press("/")
        assert page.evaluate("document.getElementById('__search').checked"), "'/' did not open the search"
        assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
        page.keyboard.type("password")
        _results(page)
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.classList.contains('mahfooz-search-result')")
        page.keyboard.press("ArrowUp")
        assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('__search').checked"), "Esc did not close the search"
        page.focus("button.mahfooz-search-button")
        page.keyboard.press("Enter")
        assert page.evaluate("document.getElementById('__search').checked"), "the search button does not open with Enter"
    assert not seen["errors"], seen["errors"]


@pytest.mark.parametrize("home", ["", "ur/"])
def test_results_fit_a_small_phone(request, tabs, home: str) -> None:
    with _open(request, tabs, "web", width=360) as (page, base, _seen):
        page.goto(base + home, wait_until="load")
        _search(page, "پاس ورڈ" if home else "password")
        _results(page)
        page.evaluate(TRANSITIONS_DONE)  # measured where the panel ends, not while it still slides in (0.03 px off)
        boxes = page.eval_on_selector_all(".mahfooz-search-result", "els => els.map(e => e.getBoundingClientRect().toJSON())")
        overflow = page.evaluate("document.querySelector('.md-search__output').scrollWidth - document.querySelector('.md-search__output').clientWidth")
    assert all(b["left"] >= 0 and b["right"] <= 360 for b in boxes), f"results run off a 360 px screen: {boxes[:3]}"
    assert overflow <= 0, f"the results scroll sideways by {overflow} px at 360 px"


@pytest.mark.parametrize("home, query", [("", "password"), ("ur/", "پاس ورڈ")])
@pytest.mark.parametrize("width", [360, 1200])
def test_open_search_with_results_has_no_serious_accessibility_violation(request, tabs, home: str, query: str,
                                                                         width: int) -> None:
    from browser_support import axe_violations

    with _open(request, tabs, "web", width=width) as (page, base, _seen):
        page.goto(base + home, wait_until="load")
        _search(page, query)
        _results(page)
        violations = axe_violations(page)
    assert not violations, f"search open on {home or 'the English home'} at {width} px:\n" + "\n".join(violations)
