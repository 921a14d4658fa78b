"""The real site, built once: both languages, the blog in both, feeds, switcher, no third-party loads."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from browser_support import CSS_URL, external as _external, third_party_resources
from conftest import ROOT, SEED, URDU_POSTS, BuildResult, html_pages

from handbook.archive import typographic_quotes

# Titles as published: exactly the archive's, with straight double quotes made typographic (“ ”).
SEED_POSTS = [(date, typographic_quotes(title)) for date, title in
              re.findall(r"^(\w+ \d+, \d{4}) - Comments Off on (.+)$", SEED.read_text("utf-8"), flags=re.M)]
TRANSLATED = URDU_POSTS


def iso(date: str) -> str:
    import datetime as dt

    return dt.datetime.strptime(date, "%B %d, %Y").date().isoformat()


def heading_text(node) -> str:
    """A heading's text as a reader sees it: glossary <abbr> and the permalink sign left out."""
    return " ".join(node.get_text().replace("¶", " ").split())


def listed_posts(site: BuildResult, first_page: str) -> list[tuple[str, str]]:
    """(title, ISO date) of every post excerpt on a blog view and its paginated pages."""
    found: list[tuple[str, str]] = []
    pages = [site.site / first_page]
    pages += sorted((site.site / Path(first_page).parent / "page").glob("*/index.html"))
    for page in pages:
        soup = BeautifulSoup(page.read_text("utf-8"), "lxml")
        for article in soup.select("article.md-post--excerpt"):
            title = heading_text(article.select_one("h2"))
            found.append((title, article.select_one("time")["datetime"][:10]))
    return found


def test_both_languages_are_built(site: BuildResult) -> None:
    english, urdu = site.html("index.html"), site.html("ur/index.html")
    assert english.html["lang"] == "en" and english.body["dir"] == "ltr"
    assert urdu.html["lang"] == "ur" and urdu.body["dir"] == "rtl"


def test_every_urdu_page_is_right_to_left_and_every_english_page_left_to_right(site: BuildResult) -> None:
    wrong = []
    for page in html_pages(site.site):
        relative = page.relative_to(site.site).as_posix()
        if relative.startswith("assets/"):
            continue
        soup = BeautifulSoup(page.read_text("utf-8"), "lxml")
        expected = ("ur", "rtl") if relative.startswith("ur/") else ("en", "ltr")
        direction = soup.body.get("dir") or soup.html.get("dir")  # slide decks set it on <html>
        if (soup.html.get("lang"), direction) != expected:
            wrong.append(relative)
    assert not wrong, f"pages with the wrong lang/dir: {wrong}"


@pytest.mark.parametrize("blog", ["blog", "ur/blog"])
def test_blog_has_index_archive_categories_pagination_and_posts(site: BuildResult, blog: str) -> None:
    root = site.site / blog
    assert (root / "index.html").is_file()
    assert (root / "page" / "2" / "index.html").is_file(), "pagination: no second page"
    assert {p.name for p in (root / "archive").iterdir()} == {"2013", "2014", "2015", "2017"}
    assert (root / "category" / "human-rights-technology" / "index.html").is_file()
    posts = [p for p in root.glob("20[0-9][0-9]/*/*/*/index.html")]
    assert len(posts) == 10


def test_english_blog_lists_all_ten_posts_with_their_dates(site: BuildResult) -> None:
    expected = sorted((title, iso(date)) for date, title in SEED_POSTS)
    assert sorted(listed_posts(site, "blog/index.html")) == expected
    archived = []
    for year in sorted((site.site / "blog" / "archive").iterdir()):
        archived += listed_posts(site, f"blog/archive/{year.name}/index.html")
    assert sorted(archived) == expected


def test_post_pages_carry_the_exact_title_and_date(site: BuildResult) -> None:
    for date, title in SEED_POSTS:
        y, m, d = iso(date).split("-")
        matches = [p for p in (site.site / "blog" / y / m / d).glob("*/index.html")
                   if heading_text(BeautifulSoup(p.read_text("utf-8"), "lxml").select_one("article h1")) == title]
        assert len(matches) == 1, f"no post page titled {title!r} on {date}"
        soup = BeautifulSoup(matches[0].read_text("utf-8"), "lxml")
        assert soup.select_one(".md-post__meta time")["datetime"].startswith(iso(date))
        assert soup.title.get_text().startswith(title)


def test_urdu_blog_lists_every_post_translated_ones_in_urdu(site: BuildResult) -> None:
    listed = listed_posts(site, "ur/blog/index.html")
    assert len(listed) == 10
    urdu_titles = [t for t, _ in listed if re.search(r"[\u0600-\u06FF]", t)]
    assert len(urdu_titles) == len(TRANSLATED)
    assert sorted(d for _, d in listed) == sorted(iso(d) for d, _ in SEED_POSTS)


def test_untranslated_urdu_posts_are_english_with_an_urdu_notice(site: BuildResult) -> None:
    for page in (site.site / "ur" / "blog").glob("20*/*/*/*/index.html"):
        soup = BeautifulSoup(page.read_text("utf-8"), "lxml")
        notice = soup.select_one(".mahfooz-fallback")
        slug = page.parent.name
        if slug in TRANSLATED:
            assert notice is None, f"{slug}: translated post shows the fallback notice"
        else:
            assert notice is not None and "اردو میں دستیاب نہیں" in notice.get_text(), slug
            content = soup.select_one(".mahfooz-fallback__content")
            assert content["lang"] == "en" and content["dir"] == "ltr"


@pytest.mark.parametrize("feed, lang, urdu_items",
                         [("blog/feed.xml", "en", 0), ("ur/blog/feed.xml", "ur", len(TRANSLATED))])
def test_each_language_has_an_rss_feed(site: BuildResult, feed: str, lang: str, urdu_items: int) -> None:
    channel = ET.parse(site.site / feed).getroot().find("channel")
    assert channel.findtext("language") == lang
    items = channel.findall("item")
    assert len(items) == 10
    dates = sorted(item.findtext("pubDate") for item in items)
    import email.utils

    assert sorted(email.utils.parsedate_to_datetime(d).date().isoformat() for d in dates) == sorted(
        iso(d) for d, _ in SEED_POSTS)
    assert sum(bool(re.search(r"[\u0600-\u06FF]", item.findtext("title"))) for item in items) == urdu_items
    for item in items:
        link = urlsplit(item.findtext("link")).path.lstrip("/")
        assert (site.site / link / "index.html").is_file(), f"feed links to a missing page: {link}"
    if lang == "en":
        titles = sorted(item.findtext("title") for item in items)
        assert titles == sorted(t for _, t in SEED_POSTS)


def _switcher_targets(site: BuildResult, page: Path) -> dict[str, Path]:
    soup = BeautifulSoup(page.read_text("utf-8"), "lxml")
    base = "file://" + page.as_posix()
    targets = {}
    for link in soup.select("a.md-select__link[hreflang]"):
        href = link["href"]
        if href.startswith("/"):  # 404 pages link from the server root: they are served at any path
            href = (site.site / href.lstrip("/")).as_uri()
        path = Path(unquote(urlsplit(urljoin(base, href)).path))
        targets[link["hreflang"]] = path / "index.html" if not path.suffix else path
    return targets


def test_every_language_switcher_link_resolves_to_a_built_file(site: BuildResult) -> None:
    broken = []
    for page in html_pages(site.site):
        for lang, target in _switcher_targets(site, page).items():
            if not target.is_file():
                broken.append(f"{page.relative_to(site.site)} -> {lang}: {target}")
    assert not broken, "\n".join(broken[:20])


@pytest.mark.parametrize(
    "page, counterpart",
    [
        ("blog/2014/08/22/pakistan-is-a-finfisher-customer-leak-confirms/index.html",
         "ur/blog/2014/08/22/pakistan-is-a-finfisher-customer-leak-confirms/index.html"),
        ("blog/archive/2017/index.html", "ur/blog/archive/2017/index.html"),
        ("blog/category/human-rights-technology/index.html", "ur/blog/category/human-rights-technology/index.html"),
        ("handbook/index.html", "ur/handbook/index.html"),
        ("index.html", "ur/index.html"),
    ],
)
def test_language_switch_lands_on_the_counterpart_and_back(site: BuildResult, page: str, counterpart: str) -> None:
    there = _switcher_targets(site, site.site / page)["ur"]
    assert there == site.site / counterpart
    back = _switcher_targets(site, there)["en"]
    assert back == site.site / page


def test_switcher_links_are_relative_so_they_work_offline(site: BuildResult) -> None:
    for page in ("index.html", "ur/index.html", "blog/index.html"):
        hrefs = [a["href"] for a in site.html(page).select("a.md-select__link")]
        assert hrefs and not any(h.startswith("/") or "://" in h for h in hrefs), hrefs


def test_tags_show_in_the_readers_language(site: BuildResult) -> None:
    english = site.html("blog/2014/08/22/pakistan-is-a-finfisher-customer-leak-confirms/index.html")
    urdu = site.html("ur/blog/2014/08/22/pakistan-is-a-finfisher-customer-leak-confirms/index.html")
    assert "Surveillance" in [t.get_text(strip=True) for t in english.select(".md-tag")]
    assert "نگرانی" in [t.get_text(strip=True) for t in urdu.select(".md-tag")]
    assert "انسانی حقوق اور ٹیکنالوجی" in urdu.select_one(".md-post__meta").get_text()


# --- zero third-party requests ---------------------------------------------------------------------

# A URL in a script that points at a CDN or at a script, style sheet, font or image is a third-party
# load waiting to happen. Licence comments and documentation links inside vendored scripts are not.
# The one exception is the GitHub API, which Material only calls when `repo_url` is set (it is not:
# see test_no_code_host_integration). The browser suite (every page, every request) is the final word.
CDN_HOSTS = re.compile(r"unpkg\.com|jsdelivr\.net|cdnjs|googleapis\.com|gstatic\.com|cloudflare|bootstrapcdn"
                       r"|fontawesome|typekit|jquery\.com|polyfill\.io|google-analytics|googletagmanager")
RESOURCE_PATH = re.compile(r"\.(?:m?js|css|woff2?|ttf|otf|eot|png|jpe?g|gif|svg|webp|ico|json|wasm)(?:[?#]|$)", re.I)
GATED_BY_REPO_URL = ("https://api.github.com/",)


def test_no_page_loads_anything_from_another_host(site: BuildResult) -> None:
    offenders = third_party_resources(site.site)
    assert not offenders, "\n".join(offenders[:30])


def test_no_stylesheet_loads_anything_from_another_host(site: BuildResult) -> None:
    offenders = []
    for sheet in site.site.rglob("*.css"):
        for match in CSS_URL.findall(sheet.read_text("utf-8", errors="replace")):
            url = match[0] or match[1]
            if _external(url):
                offenders.append(f"{sheet.relative_to(site.site)}: {url}")
    assert not offenders, "\n".join(offenders)


def test_no_script_fetches_from_another_host(site: BuildResult) -> None:
    offenders = []
    for script in site.site.rglob("*.js"):
        text = script.read_text("utf-8", errors="replace")
        # Comments only document; they never load anything.
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        text = re.sub(r"^\s*//.*$", "", text, flags=re.M)
        for url in re.findall(r"""(?:https?:)?//[a-z0-9-]+(?:\.[a-z0-9-]+)+[^"'`\s)]*""", text, flags=re.I):
            if url.startswith(GATED_BY_REPO_URL):
                continue
            if CDN_HOSTS.search(url) or RESOURCE_PATH.search(urlsplit(url if "://" in url else "https:" + url).path):
                offenders.append(f"{script.relative_to(site.site)}: {url}")
    assert not offenders, "\n".join(offenders)


def test_no_code_host_integration(site: BuildResult) -> None:
    for page in ("index.html", "ur/index.html", "blog/index.html"):
        assert site.html(page).select_one("[data-md-component=source]") is None


def test_print_rules_never_hold_up_the_first_paint(site: BuildResult) -> None:
    # print.css is all @media print: linked with media="print", the browser draws the screen without waiting for it.
    sheet = (ROOT / "overrides" / "assets" / "stylesheets" / "print.css").read_text("utf-8")
    rules = re.sub(r"/\*.*?\*/", "", sheet, flags=re.S).strip()
    assert rules.startswith("@media print {") and rules.endswith("}") and rules.count("@media") == 1
    for page in ("index.html", "ur/index.html", "handbook/passwords/index.html", "ur/blog/index.html"):
        links = [link for link in site.html(page).select("link[rel=stylesheet]") if "print.css" in link["href"]]
        assert [link.get("media") for link in links] == ["print"], f"{page}: print.css must be linked once, for print"


@pytest.mark.parametrize("page", ["ur/handbook/passwords/index.html", "ur/index.html", "index.html",
                                  "ur/blog/index.html"])
def test_the_head_names_what_the_first_paint_needs_before_its_first_inline_script(site: BuildResult, page: str) -> None:
    # An inline script waits for the stylesheets above it, and Chromium asked for what came after it only then:
    # on Urdu pages the font waited for urdu.css, which waited for main.css, a round trip each on a slow line.
    # Print rules are no part of a screen's first paint (and must follow extra.css, whose rules they override).
    head = site.html(page).head
    fetched_or_inline = [tag for tag in head.select("link[rel=stylesheet], script") if tag.get("media") != "print"]
    first_inline = next(i for i, tag in enumerate(fetched_or_inline) if tag.name == "script" and not tag.get("src"))
    late = [tag.get("href") or tag.get("src") for tag in fetched_or_inline[first_inline:]
            if tag.get("href") or tag.get("src")]
    assert not late, f"{page}: {late} are asked for only after an inline script has waited for the stylesheets"
    if page.startswith("ur/"):
        assert any("urdu.css" in tag.get("href", "") for tag in fetched_or_inline[:first_inline])


def test_urdu_font_is_self_hosted_and_loaded_only_on_urdu_pages(site: BuildResult) -> None:
    def sheets(page: str) -> list[str]:
        return [link["href"] for link in site.html(page).select("link[rel=stylesheet]")]

    assert any(h.endswith("assets/stylesheets/urdu.css") for h in sheets("ur/handbook/index.html"))
    assert not any("urdu.css" in h for h in sheets("handbook/index.html"))
    css = (site.site / "assets" / "stylesheets" / "urdu.css").read_text("utf-8")
    for font in re.findall(r'url\("([^"]+\.woff2)"\)', css):
        assert (site.site / "assets" / "stylesheets" / font).resolve().is_file(), font


def test_material_bundle_loads_its_polyfill_from_this_site(site: BuildResult) -> None:
    (bundle,) = (site.site / "assets" / "javascripts").glob("bundle.*.min.js")
    text = bundle.read_text("utf-8")
    assert "unpkg.com" not in text
    for local in re.findall(r'new URL\("([^"]+)",__md_scope\)', text):
        if "mermaid" not in local:  # Mermaid is not shipped: see handbook/vendored.py
            assert (site.site / local).is_file(), local


def test_urdu_headings_keep_unicode_ids(site: BuildResult) -> None:
    ids = [h.get("id", "") for page in (site.site / "ur").rglob("*.html")
           for h in BeautifulSoup(page.read_text("utf-8"), "lxml").select("article h2, article h3")]
    assert ids and not [i for i in ids if re.fullmatch(r"_\d*", i)], "Urdu headings became _1, _2"


def test_offline_copy_builds_with_local_links_and_no_cdn(offline_site: BuildResult) -> None:
    # The session's offline copy is made with the command trainers run (conftest._make_shared).
    assert offline_site.made_with["command"][:2] == ["-m", "handbook.cli"], offline_site.made_with
    assert offline_site.made_with["command"][-4:-2] == ["build", "--offline"], offline_site.made_with
    assert "built the offline copy into" in offline_site.output, offline_site.output[-2000:]
    off = offline_site.site
    assert (off / "index.html").is_file() and (off / "ur" / "index.html").is_file()
    for folder in ("search", "ur/search"):  # loaded as scripts: fetch fails from file://
        assert (off / folder / "manifest.js").is_file(), f"offline search needs {folder}/manifest.js"
    for page in (off / "index.html", off / "ur" / "blog" / "index.html"):
        soup = BeautifulSoup(page.read_text("utf-8"), "lxml")
        scripts = [s.get("src", "") for s in soup.find_all("script")]
        assert any(s.endswith("assets/vendor/iframe-worker/shim.js") for s in scripts), scripts
        assert not any(_external(s) for s in scripts)
        assert all(a["href"].endswith(".html") for a in soup.select("a.md-select__link"))


def test_glossary_explains_terms_in_the_readers_language_but_never_inside_code(site: BuildResult) -> None:
    english = site.html("handbook/pakistan-law/index.html")
    urdu = site.html("ur/handbook/pakistan-law/index.html")
    peca_en = {a["title"] for a in english.select("abbr") if a.get_text() == "PECA"}
    peca_ur = {a["title"] for a in urdu.select("abbr") if a.get_text() == "PECA"}
    assert peca_en and all("Prevention of Electronic Crimes Act" in t for t in peca_en)
    assert peca_ur and all("الیکٹرانک جرائم" in t for t in peca_ur)
    inside_code = []
    for page in html_pages(site.site):
        soup = BeautifulSoup(page.read_text("utf-8"), "lxml")
        inside_code += [page.name for node in soup.select("code abbr, pre abbr, a[href*='<abbr']")]
    assert not inside_code


def test_urdu_archive_is_not_named_like_the_site(site: BuildResult) -> None:
    nav = site.html("ur/blog/index.html").select_one(".md-nav--primary").get_text(" ")
    assert "آرکائیو" in nav and "محفوظ شدہ" not in nav
