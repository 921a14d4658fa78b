"""Small fixture sites built for real: what contributors see when a post or page is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import BuildResult, post

TRANSLATION = "---\ntitle: ایک تحریر\ndescription: خلاصہ\n---\n\n# ایک تحریر\n\nپہلا پیراگراف۔\n"


# --- One full copy of the project, changed three ways that do not meet, built once for the three tests that
# need a real full site: a third language; one Urdu post without its translation (its Urdu page is then edited
# in English); one English paragraph edited. Built with an edit address and a correction form.

EDIT_URI = "https://code.example/org/handbook/edit/main/docs/"
CORRECTION_URL = "https://code.example/org/handbook/issues/new"
UNTRANSLATED_POST = "2014/08/22/pakistan-is-a-finfisher-customer-leak-confirms"
EDITED_PARAGRAPH = ("Websites are hacked all the time", "Websites are broken into all the time")
CHANGED_COPY = pytest.mark.xdist_group("changed-copy")  # the copy is built once per test run, not per worker


@dataclass
class ChangedCopy:
    project: Path
    result: BuildResult


@pytest.fixture(scope="module")
def changed_copy(tmp_path_factory: pytest.TempPathFactory) -> ChangedCopy:
    from conftest import copy_project, run_build

    folder = tmp_path_factory.mktemp("changed-copy")
    project = copy_project(folder)
    # A third language: one config entry and a folder with one page of its own.
    config = (project / "mkdocs.yml").read_text("utf-8")
    entry = "        - locale: ur\n"
    assert entry in config
    config = config.replace(entry, "        - locale: ps\n          name: پښتو\n          build: true\n" + entry, 1)
    (project / "mkdocs.yml").write_text(config, "utf-8")
    (project / "docs" / "ps").mkdir()
    (project / "docs" / "ps" / "tags.md").write_text(
        "---\ntitle: موضوعات\ndescription: ټول فصلونه او لیکنې د موضوع له مخې\n---\n\n# موضوعات {#topics}\n\n"
        "<!-- material/tags -->\n", "utf-8")
    # One post without its translation, whatever the real blog's progress.
    name = UNTRANSLATED_POST.rsplit("/", 1)[1]
    (project / "docs" / "ur" / "blog" / "posts" / f"{name}.md").unlink(missing_ok=True)
    # One English paragraph edited.
    english = project / "docs" / "en" / "handbook" / "passwords.md"
    text = english.read_text("utf-8")
    old, new = EDITED_PARAGRAPH
    assert old in text
    english.write_text(text.replace(old, new, 1), "utf-8")
    result = run_build(project, folder / "site", extra_env={"EDIT_URI": EDIT_URI, "CORRECTION_URL": CORRECTION_URL})
    return ChangedCopy(project, result)


def test_translated_post_inherits_date_slug_and_categories(fixture_site) -> None:
    result = fixture_site({
        "en/blog/posts/a-post.md": post("A post"),
        "ur/blog/posts/a-post.md": TRANSLATION,
    })
    assert result.returncode == 0, result.output
    page = result.site / "ur" / "blog" / "2020" / "01" / "02" / "a-post" / "index.html"
    soup = BeautifulSoup(page.read_text("utf-8"), "lxml")
    assert soup.select_one("article h1").get_text(strip=True).rstrip("¶") == "ایک تحریر"
    assert "انسانی حقوق اور ٹیکنالوجی" in soup.select_one(".md-post__meta").get_text()
    assert soup.select_one(".mahfooz-fallback") is None
    back = soup.select_one('a.md-select__link[hreflang="en"]')["href"]
    assert back == "../../../../../../blog/2020/01/02/a-post/"


def test_untranslated_post_is_english_on_the_urdu_blog_with_an_urdu_notice(fixture_site) -> None:
    # The real blog may be translated in full one day: this keeps the fallback for a new post tested.
    result = fixture_site({
        "en/blog/posts/a-post.md": post("A post"),
        "ur/blog/posts/a-post.md": TRANSLATION,
        "en/blog/posts/b-post.md": post("B post", slug="b-post", body="English only.\n"),
    })
    assert result.returncode == 0, result.output
    day = result.site / "ur" / "blog" / "2020" / "01" / "02"
    untranslated = BeautifulSoup((day / "b-post" / "index.html").read_text("utf-8"), "lxml")
    notice = untranslated.select_one(".mahfooz-fallback")
    assert notice is not None and "اردو میں دستیاب نہیں" in notice.get_text(), "no Urdu notice on an English post"
    content = untranslated.select_one(".mahfooz-fallback__content")
    assert (content["lang"], content["dir"]) == ("en", "ltr") and "English only." in content.get_text()
    translated = BeautifulSoup((day / "a-post" / "index.html").read_text("utf-8"), "lxml")
    assert translated.select_one(".mahfooz-fallback") is None, "a translated post shows the fallback notice"


def test_translation_with_another_date_fails_naming_file_and_line(fixture_site) -> None:
    result = fixture_site({
        "en/blog/posts/a-post.md": post("A post"),
        "ur/blog/posts/a-post.md": "---\ntitle: ایک تحریر\ndate: 2021-05-05\n---\n\nمتن۔\n",
    })
    assert result.returncode != 0
    assert "docs/ur/blog/posts/a-post.md:3: 'date' is" in result.output
    assert "taken from the English post" in result.output


def test_urdu_post_without_english_source_fails(fixture_site) -> None:
    result = fixture_site({"ur/blog/posts/lonely.md": TRANSLATION})
    assert result.returncode != 0
    assert "docs/ur/blog/posts/lonely.md:1: translated post has no English source" in result.output


def test_unknown_tag_fails_naming_file_and_line(fixture_site) -> None:
    result = fixture_site({"en/blog/posts/a-post.md": post("A post", tags="[privacy, gardening]")})
    assert result.returncode != 0
    assert "docs/en/blog/posts/a-post.md:8: unknown tag(s) gardening" in result.output
    assert "docs/en/blog/posts/a-post.md:8:" in result.output and " MH106 " in result.output


def test_unknown_category_fails(fixture_site) -> None:
    text = post("A post").replace("[Human Rights & Technology]", "[Gardening]")
    result = fixture_site({"en/blog/posts/a-post.md": text})
    assert result.returncode != 0
    assert "Gardening" in result.output


def test_broken_anchor_fails_the_strict_build(fixture_site) -> None:
    result = fixture_site({"en/page.md": "# Page {#page}\n\n[there](index.md#nowhere)\n"}, nav=["index.md", "page.md"])
    assert result.returncode != 0
    assert "nowhere" in result.output


def test_urdu_headings_without_ids_keep_their_words(fixture_site) -> None:
    tags = "---\ntitle: Topics\n---\n\n# Topics {#topics}\n\n<!-- material/tags -->\n"
    urdu_tags = "---\ntitle: موضوعات\n---\n\n# موضوعات {#topics}\n\n<!-- material/tags -->\n"
    result = fixture_site({"en/tags.md": tags, "ur/tags.md": urdu_tags,
                           "en/blog/posts/a-post.md": post("A post", tags="[privacy, surveillance]")},
                          nav=["index.md", "tags.md", "about/index.md", "blog/index.md"])
    assert result.returncode == 0, result.output
    soup = BeautifulSoup((result.site / "ur" / "tags" / "index.html").read_text("utf-8"), "lxml")
    assert {h["id"] for h in soup.select("article h2")} >= {"tag:پرائیویسی", "tag:نگرانی"}


def test_translation_with_other_heading_ids_fails_naming_the_line(fixture_site) -> None:
    result = fixture_site({"ur/about/index.md": "---\ntitle: تعارف\n---\n\n# تعارف {#about}\n\n## ترجمہ {#help}\n"})
    assert result.returncode != 0
    assert "docs/ur/about/index.md:7:" in result.output and "expected {#help-translate}" in result.output


def test_untranslated_page_falls_back_with_notice_and_english_markup(fixture_site) -> None:
    result = fixture_site({"en/guide.md": "---\ntitle: Guide\n---\n\n# Guide {#guide}\n\nText.\n"},
                          nav=["index.md", "guide.md", "about/index.md"])
    assert result.returncode == 0, result.output
    soup = BeautifulSoup((result.site / "ur" / "guide" / "index.html").read_text("utf-8"), "lxml")
    assert soup.html["lang"] == "ur" and soup.body["dir"] == "rtl"
    notice = soup.select_one(".mahfooz-fallback")
    assert "اردو میں دستیاب نہیں" in notice.get_text()
    assert notice.select_one("a")["href"] == "../about/#help-translate"
    content = soup.select_one(".mahfooz-fallback__content")
    assert (content["lang"], content["dir"]) == ("en", "ltr") and "Text." in content.get_text()
    english = BeautifulSoup((result.site / "guide" / "index.html").read_text("utf-8"), "lxml")
    assert english.select_one(".mahfooz-fallback") is None


def test_not_found_page_exists_per_language(fixture_site) -> None:
    result = fixture_site({})
    assert result.returncode == 0, result.output
    root = BeautifulSoup((result.site / "404.html").read_text("utf-8"), "lxml")
    urdu = BeautifulSoup((result.site / "ur" / "404.html").read_text("utf-8"), "lxml")
    assert root.html["lang"] == "en" and urdu.html["lang"] == "ur"
    assert [a["href"] for a in urdu.select("a.md-select__link")] == ["/", "/ur/"]


@CHANGED_COPY
def test_a_third_language_is_one_config_entry_and_a_folder(changed_copy: ChangedCopy) -> None:
    """Pashto, right to left, with one page translated: everything else falls back, no warning."""
    result = changed_copy.result
    assert result.returncode == 0, result.output[-3000:]
    assert "WARNING" not in result.output
    site = result.site
    home = BeautifulSoup((site / "ps" / "index.html").read_text("utf-8"), "lxml")
    assert home.html["lang"] == "ps" and home.body["dir"] == "rtl"
    assert "پښتو" in home.select_one(".mahfooz-fallback").get_text()
    assert {a["hreflang"] for a in home.select("a.md-select__link")} == {"en", "ps", "ur"}
    tags = BeautifulSoup((site / "ps" / "tags" / "index.html").read_text("utf-8"), "lxml")
    assert tags.select_one(".mahfooz-fallback") is None
    assert tags.select_one("article h1").get_text(strip=True).startswith("موضوعات")
    posts = list((site / "ps" / "blog").glob("20*/*/*/*/index.html"))
    assert len(posts) == 10 and (site / "ps" / "blog" / "feed.xml").is_file()
    assert (site / "ps" / "handbook" / "passwords-slides" / "index.html").is_file()
    assert not (changed_copy.project / "docs" / "ps" / "blog").exists(), "the build wrote into docs/"


@CHANGED_COPY
def test_editing_one_english_paragraph_marks_exactly_that_translation(changed_copy: ChangedCopy, tmp_path, capsys) -> None:
    from conftest import run_build
    from handbook.cli import main

    project = changed_copy.project
    assert main(["translations", "--root", str(project), "--lang", "ur", "--fail-on", "outdated"]) == 1
    report = capsys.readouterr().out
    assert "handbook/passwords.md: changed why-reuse-is-dangerous" in report
    assert report.count(": changed ") == 1

    result = changed_copy.result
    assert result.returncode == 0, result.output[-2000:]
    marked = [p.relative_to(result.site).as_posix() for p in (result.site / "ur").rglob("*.html")
              if "mahfooz-outdated" in p.read_text("utf-8")]
    assert marked == ["ur/handbook/passwords/index.html"]
    notice = BeautifulSoup((result.site / marked[0]).read_text("utf-8"), "lxml").select_one(".mahfooz-outdated")
    assert "پرانا" in notice.get_text() and notice.select_one("a")["href"] == "../../../handbook/passwords/"

    # This changes the copy itself: the group's other tests read only the site built before.
    assert main(["translations", "--root", str(project), "--mark-current", str(project / "docs/ur/handbook/passwords.md")]) == 0
    assert main(["translations", "--root", str(project), "--lang", "ur", "--fail-on", "outdated"]) == 0
    capsys.readouterr()
    rebuilt = run_build(project, tmp_path / "site2")
    assert not [p for p in (rebuilt.site / "ur").rglob("*.html") if "mahfooz-outdated" in p.read_text("utf-8")]


def test_status_page_shows_the_same_numbers_as_the_command(site, capsys) -> None:
    from handbook import translations
    from conftest import ROOT

    summary = translations.summarise(translations.scan(ROOT / "docs", "ur"))
    for page in ("translations/index.html", "ur/translations/index.html"):
        soup = BeautifulSoup((site.site / page).read_text("utf-8"), "lxml")
        overall = soup.select("progress")[-1]
        assert int(overall["value"]) == summary.percent
        assert soup.html["lang"] == ("ur" if page.startswith("ur/") else "en")


def test_glossary_never_touches_code_or_link_targets(fixture_site) -> None:
    page = ("---\ntitle: Terms\n---\n\n# Terms {#terms}\n\nPECA and a VPN.\n\n`PECA` inline.\n\n"
            "```text\nPECA in a block\n```\n\n[a VPN guide](https://example.org/VPN/PECA)\n")
    result = fixture_site({"en/terms.md": page}, nav=["index.md", "terms.md", "about/index.md"])
    assert result.returncode == 0, result.output
    soup = BeautifulSoup((result.site / "terms" / "index.html").read_text("utf-8"), "lxml")
    assert [a.get_text() for a in soup.select("article p abbr")][:2] == ["PECA", "VPN"]
    assert not soup.select("code abbr, pre abbr")
    assert soup.select_one('a[href="https://example.org/VPN/PECA"]') is not None


@CHANGED_COPY
def test_edit_and_correction_links_point_at_each_pages_own_source(changed_copy: ChangedCopy) -> None:
    result = changed_copy.result
    assert result.returncode == 0, result.output[-2000:]

    def actions(page: str) -> list[str]:
        soup = BeautifulSoup((result.site / page).read_text("utf-8"), "lxml")
        return [a["href"] for a in soup.select(".mahfooz-page-actions a")]

    expected = {
        "handbook/passwords/index.html": "en/handbook/passwords.md",
        "ur/handbook/passwords/index.html": "ur/handbook/passwords.md",
        "ur/blog/2017/04/04/digital-rights-foundation-submits-universal-periodic-review-2017-report-for-pakistan/index.html":
            "ur/blog/posts/digital-rights-foundation-submits-universal-periodic-review-2017-report-for-pakistan.md",
        f"ur/blog/{UNTRANSLATED_POST}/index.html": f"en/blog/posts/{UNTRANSLATED_POST.rsplit('/', 1)[1]}.md",
    }
    for page, source in expected.items():
        links = actions(page)
        assert links[0] == EDIT_URI + source, (page, links)
        assert links[1].startswith(CORRECTION_URL + "?template=correction.yml") and "page=" in links[1]
    assert actions("handbook/passwords-slides/index.html") == []


def test_without_a_repository_corrections_lead_to_the_contribute_section(fixture_site) -> None:
    result = fixture_site({})
    soup = BeautifulSoup((result.site / "ur" / "index.html").read_text("utf-8"), "lxml")
    assert [a["href"] for a in soup.select(".mahfooz-page-actions a")] == ["about/#contribute"]
