"""Cross-links on the real site and what editors see: links, reasons, languages, pins and exclusions."""

from __future__ import annotations

import pytest

from conftest import CHAPTER_META, URDU_POSTS, BuildResult, post

FINFISHER = "blog/2014/08/22/pakistan-is-a-finfisher-customer-leak-confirms/index.html"
WOMEN_JOURNALISTS = {
    "drf-submits-reponses-for-the-un-secretary-general-report-on-the-safety-of-journalists",
    "drfs-submission-to-un-human-rights-commission-for-the-report-to-bridge-gender-digital-divide",
    "digital-rights-foundation-submits-universal-periodic-review-2017-report-for-pakistan",
}


def _links(site: BuildResult, page: str) -> list[tuple[str, str | None, str]]:
    block = site.html(page).select_one(".mahfooz-related")
    assert block is not None, f"{page}: no related links"
    return [(a["href"], a.get("hreflang"), li.select_one(".mahfooz-related__why").get_text())
            for li in block.select("li") for a in li.select("a")[:1]]


@pytest.mark.parametrize("prefix", ["", "ur/"])
def test_finfisher_post_leads_to_the_attachments_and_devices_chapters(site: BuildResult, prefix: str) -> None:
    hrefs = [href for href, _, _ in _links(site, prefix + FINFISHER)]
    assert any("handbook/suspicious-links-and-files/" in h for h in hrefs), hrefs
    assert any("handbook/devices/" in h for h in hrefs), hrefs
    heading = site.html(prefix + FINFISHER).select_one(".mahfooz-related h2").get_text()
    assert heading == ("Guidance for this story" if not prefix else "اس خبر سے متعلق رہنمائی")


@pytest.mark.parametrize("prefix", ["", "ur/"])
def test_harassment_chapter_lists_posts_about_women_journalists(site: BuildResult, prefix: str) -> None:
    hrefs = [href for href, _, _ in _links(site, prefix + "handbook/online-harassment/index.html")]
    assert any(slug in h for h in hrefs for slug in WOMEN_JOURNALISTS), hrefs


def test_urdu_links_are_urdu_where_translated_and_marked_english_elsewhere(site: BuildResult) -> None:
    links = _links(site, "ur/handbook/devices/index.html")
    for href, hreflang, why in links:
        slug = href.rstrip("/").rsplit("/", 1)[-1]
        assert hreflang == (None if slug in URDU_POSTS or "/blog/" not in href else "en"), (href, hreflang)
        assert why.startswith("مشترکہ"), why
    block = site.html("ur/handbook/devices/index.html").select_one(".mahfooz-related")
    marked = len(block.select(".mahfooz-related__lang"))
    assert marked == sum(lang == "en" for _, lang, _ in links), "a link in English is not marked «انگریزی میں»"


def test_an_untranslated_post_is_marked_english_among_urdu_links(fixture_site) -> None:
    # The real blog may be translated in full one day: a small site keeps the English marker tested.
    chapter = ("---\ntitle: Guide\ntags: [privacy]\nrelated: [blog/posts/a.md, blog/posts/b.md]\n" + CHAPTER_META
               + "---\n\n# Guide {#guide}\n\nText.\n")
    pages = {
        "en/handbook/guide.md": chapter,
        "en/blog/posts/a.md": post("Translated", slug="a"),
        "ur/blog/posts/a.md": "---\ntitle: ترجمہ شدہ\ndescription: خلاصہ\n---\n\n# ترجمہ شدہ\n\nمتن۔\n",
        "en/blog/posts/b.md": post("English only", slug="b", date="2021-01-01"),
    }
    result = fixture_site(pages, nav=["index.md", "handbook/guide.md", "about/index.md", "blog/index.md"])
    assert result.returncode == 0, result.output
    items = {li.a.get_text(): li for li in result.html("ur/handbook/guide/index.html").select(".mahfooz-related li")}
    assert set(items) == {"ترجمہ شدہ", "English only"}, set(items)
    urdu, english = items["ترجمہ شدہ"], items["English only"]
    assert urdu.a.get("hreflang") is None and urdu.select_one(".mahfooz-related__lang") is None
    assert english.a["hreflang"] == "en", "an English post is not marked as English among Urdu links"
    assert english.select_one(".mahfooz-related__lang").get_text() == "(انگریزی میں)"


def test_every_chapter_and_post_has_links_in_both_languages(site: BuildResult) -> None:
    from conftest import ROOT

    pages = [f"handbook/{p.stem}/index.html" for p in (ROOT / "docs" / "en" / "handbook").glob("*.md")
             if p.name != "index.md"]
    pages += [p.relative_to(site.site).as_posix() for p in (site.site / "blog").glob("20*/*/*/*/index.html")]
    missing = [prefix + page for prefix in ("", "ur/") for page in pages
               if site.html(prefix + page).select_one(".mahfooz-related") is None]
    assert len(pages) == 23 and not missing, f"pages without cross-links: {missing}"


def test_pins_come_first_exclusions_disappear_and_bad_pins_fail(fixture_site) -> None:
    chapter = ("---\ntitle: Guide\ntags: [privacy]\nrelated: [blog/posts/b.md]\nunrelated: [blog/posts/a.md]\n"
               + CHAPTER_META + "---\n\n# Guide {#guide}\n\nPrivacy and surveillance of journalists.\n")
    pages = {
        "en/handbook/guide.md": chapter,
        "en/blog/posts/a.md": post("Privacy of journalists", slug="a", body="Privacy and surveillance of journalists.\n"),
        "en/blog/posts/b.md": post("Unrelated gardening", slug="b", tags="[training]", date="2021-01-01",
                                   body="Tomatoes.\n"),
    }
    result = fixture_site(pages, nav=["index.md", "handbook/guide.md", "about/index.md", "blog/index.md"])
    assert result.returncode == 0, result.output
    items = result.html("handbook/guide/index.html").select(".mahfooz-related li")
    assert len(items) == 1 and "b/" in items[0].a["href"] and "Chosen by the editors" in items[0].get_text()


def test_a_pin_to_a_missing_page_names_the_file_and_line(fixture_site) -> None:
    chapter = ("---\ntitle: Guide\ntags: [privacy]\nrelated: [blog/posts/nope.md]\n" + CHAPTER_META
               + "---\n\n# Guide {#guide}\n\nText.\n")
    result = fixture_site({"en/handbook/guide.md": chapter},
                          nav=["index.md", "handbook/guide.md", "about/index.md"])
    assert result.returncode != 0
    assert "docs/en/handbook/guide.md:4: 'related' names 'blog/posts/nope.md'" in result.output


def test_editors_table_explains_each_link(capsys) -> None:
    from handbook.cli import main

    assert main(["related", "--why", "--lang", "en", "--lang", "ur"]) == 0
    out = capsys.readouterr().out
    assert "blog/posts/pakistan-is-a-finfisher-customer-leak-confirms.md" in out
    assert "score " in out and "Shared topics:" in out and "مشترکہ موضوعات:" in out
    assert out.count("-> ") >= 30


def test_a_build_ranks_the_cross_links_once_for_all_its_languages() -> None:
    """Every language ranks the same English documents; the second language reuses the first's ranking."""
    from conftest import ROOT
    from handbook import related_site

    docs = ROOT / "docs"
    ranks: dict = {}
    english, _ = related_site.rank_language(docs, "en", ranks=ranks)
    urdu, urdu_sources = related_site.rank_language(docs, "ur", ranks=ranks)
    assert len(ranks) == 1, "the Urdu build ranked the English documents a second time"
    fresh, fresh_sources = related_site.rank_language(docs, "ur")
    assert urdu == fresh == english and len(fresh) > 20
    assert urdu_sources == fresh_sources
    assert any(source.lang == "ur" for source in urdu_sources.values()), "Urdu titles and sources are its own"
