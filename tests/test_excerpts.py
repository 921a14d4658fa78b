"""Blog excerpts rendered from the post's Markdown cut at the separator: the same HTML, less work.

The pure tests render with the site's own Markdown extensions, configured as Material's blog configures
them for excerpts, and compare what a reader would see in a blog view: the HTML before the separator,
the excerpt's table of contents, and whether a "Continue reading" link appears. The last test reads the
blog views of the session's real build.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown import Markdown
from material.plugins.blog.structure import _patch
from mkdocs.config import load_config

from handbook.excerpts import MORE_PLACEHOLDER, excerpt_source
from handbook.frontmatter import split
from handbook.glossary import append_glossary

ROOT = Path(__file__).resolve().parents[1]
SEP = "<!-- more -->"
TAIL = "\n\nMore text after the break.\n"


@pytest.fixture(scope="module")
def excerpt_markdown():
    """A function rendering Markdown as a blog excerpt of this site: (HTML before the separator, toc, more?)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)  # snippets' base_path and the facts registry are read from the project folder
        config = _patch(load_config(str(ROOT / "mkdocs.yml")))

        def render(text: str) -> tuple[str, list, bool]:
            md = Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
            html = md.convert(f"# Title\n\n{text}")
            shown, *more = html.split(SEP, 1)
            return shown, md.toc_tokens, bool(more and more[0])

        yield render


def _post(text: str, lang: str = "en") -> str:
    """A post's Markdown as Material's blog holds it when excerpts are rendered: glossary appended."""
    return append_glossary(text, lang)


CUT = {
    "a plain post": "First paragraph about PECA.\n\n" + SEP + TAIL,
    "headings after the break": "Intro.\n\n" + SEP + "\n\n## What is FinFisher?\n\nText.\n\n## Intro\n\nMore.\n",
    "a heading before the break, the same heading after it": "## Intro\n\nA.\n\n" + SEP + "\n\n## Intro\n\nB.\n",
    "a footnote defined before the break": "Claim.[^1]\n\n[^1]: Source, 2014.\n\n" + SEP + TAIL,
    "a list and a table before the break": "- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n" + SEP + TAIL,
    "a code fence after the break": "Intro.\n\n" + SEP + "\n\n```\nprint(1)\n```\n",
    "an escaped bracket in a heading after the break": "Intro.\n\n" + SEP + "\n\n## Update \\[Sep 15, 2014\\]: cost\n",
    "Urdu text": "پیکا کے بارے میں پہلا پیراگراف۔\n\n" + SEP + "\n\nمزید۔\n",
}

KEPT = {
    "no separator": "Only one paragraph.\n",
    "nothing after the break": "All of it.\n\n" + SEP + "\n",
    "the separator inside a paragraph": "Intro text\n" + SEP + TAIL,
    "the separator inline": "Intro " + SEP + " text.\n" + TAIL,
    "the separator in a code fence first": "```\n" + SEP + "\n```\n\nText.\n\n" + SEP + TAIL,
    "the separator in an unclosed fence": "```\ncode\n\n" + SEP + TAIL,
    "a footnote defined after the break": "Claim.[^1]\n\n" + SEP + "\n\nMore.\n\n[^1]: Source, 2014.\n",
    "a link reference defined after the break": "See [the law][peca].\n\n" + SEP + "\n\n[peca]: https://example.org/\n",
    "a link reference in a quote after the break": "See [the law][peca].\n\n" + SEP + "\n\n> [peca]: https://example.org/\n",
    "an abbreviation defined after the break": "The ABC says.\n\n" + SEP + "\n\n*[ABC]: A Body of Commissioners\n",
    "a snippet included after the break": "Intro.\n\n" + SEP + "\n\n--8<-- \"glossary/en.md\"\n",
    "a definition-like line in code after the break (read conservatively)":
        "Intro.\n\n" + SEP + "\n\n```\n[x]: not a definition\n```\n",
    "a raw HTML block open across the break": "<div markdown>\n\nIntro.\n\n" + SEP + "\n\nMore.\n\n</div>\n",
}


@pytest.mark.parametrize("name", CUT)
def test_an_excerpt_is_cut_where_that_changes_nothing_a_reader_sees(name: str, excerpt_markdown) -> None:
    post = _post(CUT[name], "ur" if name == "Urdu text" else "en")
    cut = excerpt_source(post, SEP)
    assert cut is not post and len(cut) < len(post), f"{name}: the excerpt's Markdown was not cut"
    assert cut.rstrip().endswith('--8<-- "glossary/' + ("ur" if name == "Urdu text" else "en") + '.md"'), \
        f"{name}: the glossary include was not kept at the end"
    assert excerpt_markdown(cut) == excerpt_markdown(post), f"{name}: the excerpt a reader sees changed"


@pytest.mark.parametrize("name", KEPT)
def test_an_excerpt_keeps_the_whole_post_when_the_rest_could_change_it(name: str) -> None:
    post = _post(KEPT[name])
    assert excerpt_source(post, SEP) is post, f"{name}: cut although the rest could change the excerpt"


@pytest.mark.parametrize("name", ["a footnote defined after the break", "a link reference defined after the break",
                                  "a link reference in a quote after the break",
                                  "an abbreviation defined after the break", "a snippet included after the break"])
def test_each_rule_that_keeps_the_whole_post_is_needed(name: str, excerpt_markdown) -> None:
    """A naive cut of these posts would change their excerpt: the rules are not just caution."""
    post = _post(KEPT[name])
    body = post.split(SEP, 1)[0]
    naive = f"{body}{SEP}\n\n{MORE_PLACEHOLDER}\n\n" + post.rsplit("\n\n", 1)[1]
    assert excerpt_markdown(naive) != excerpt_markdown(post)


def test_every_real_post_renders_the_same_excerpt_from_its_cut(excerpt_markdown) -> None:
    posts = sorted((ROOT / "docs").glob("*/blog/posts/*.md"))
    assert len(posts) >= 10
    cut = 0
    for path in posts:
        lang = path.relative_to(ROOT / "docs").parts[0]
        post = _post(split(path.read_text(encoding="utf-8")).body, lang)
        source = excerpt_source(post, SEP)
        cut += source is not post
        assert excerpt_markdown(source) == excerpt_markdown(post), f"{path.relative_to(ROOT)}: the excerpt changed"
    assert cut == len(posts), "every real post has a plain <!-- more --> break and should be cut"


def _paragraph_texts(markdown: str) -> list[str]:
    """The plain paragraphs of a post's Markdown (no headings, lists, quotes or code), as one-line text."""
    blocks = [" ".join(block.split()) for block in markdown.split("\n\n")]
    return [b for b in blocks if b and b[0].isalpha() and "[" not in b and "*" not in b and "`" not in b]


@pytest.mark.parametrize("lang, index", [("en", "blog/index.html"), ("ur", "ur/blog/index.html")])
def test_every_excerpt_on_the_blog_shows_the_text_before_the_break_and_a_link_to_the_rest(site, lang: str,
                                                                                      index: str) -> None:
    from bs4 import BeautifulSoup

    views = [site.site / index, *sorted((site.site / index).parent.glob("page/*/index.html"))]
    excerpts = {}
    for view in views:
        for article in BeautifulSoup(view.read_text("utf-8"), "lxml").select("article.md-post--excerpt"):
            excerpts[" ".join(article.select_one(".md-post__content h2").get_text().replace("¶", " ").split())] = article
    assert len(excerpts) >= 10
    checked = 0
    for path in sorted((ROOT / "docs" / lang / "blog" / "posts").glob("*.md")):
        doc = split(path.read_text(encoding="utf-8"))
        article = excerpts.get(" ".join(str(doc.meta.get("title", "")).split()))
        if article is None:
            continue  # an Urdu title that renders differently from its front matter; the English run covers it
        before, after = doc.body.split(SEP, 1)
        shown = " ".join(article.select_one(".md-post__content").get_text().split())
        assert article.select_one("nav.md-post__action a"), f"{path.name}: no link to the rest of the post"
        for text in _paragraph_texts(before)[-1:]:
            assert text[:40] in shown, f"{path.name}: the excerpt lost the text before the break"
        for text in _paragraph_texts(after)[:1]:
            assert text[:40] not in shown, f"{path.name}: the excerpt shows text after the break"
        checked += 1
    assert checked >= (10 if lang == "en" else 3)
