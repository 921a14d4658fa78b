"""Pure functions, table-driven: the blog/i18n bridge, feeds, vendoring, vocabulary, front matter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
import re
from xml.etree import ElementTree as ET

import pytest
import yaml

from handbook import blog_i18n, frontmatter, languages
from handbook.feeds import FeedItem, render_rss
from handbook.vendored import BundleChanged, localise_bundle
from handbook.vocabulary import VocabularyError, ascii_slug, category_slug, load_vocabulary, parse_vocabulary

from conftest import ROOT

VOCAB = load_vocabulary(ROOT / "data" / "vocabulary.yml")
CATEGORY_EN, CATEGORY_UR = "Human Rights & Technology", "انسانی حقوق اور ٹیکنالوجی"


@pytest.mark.parametrize(
    "blog_dir, lang", [("en/blog", "en"), ("ur/blog", "ur"), ("ur/blog/", "ur"), ("./ps/blog", "ps")]
)
def test_blog_language(blog_dir: str, lang: str) -> None:
    assert blog_i18n.blog_language(blog_dir) == lang


@pytest.mark.parametrize(
    "dest, lang, neutral",
    [
        ("en/blog/2017/04/05/x/index.html", "en", "blog/2017/04/05/x/index.html"),
        ("ur/blog/index.html", "ur", "blog/index.html"),
        ("blog/index.html", "ur", "blog/index.html"),
        ("urdu/blog/index.html", "ur", "urdu/blog/index.html"),
    ],
)
def test_neutral_dest(dest: str, lang: str, neutral: str) -> None:
    assert blog_i18n.neutral_dest(dest, lang) == neutral


@pytest.mark.parametrize(
    "link, site_url, expected",
    [
        ("/", "http://127.0.0.1:8000/", ""),
        ("/ur/", "http://127.0.0.1:8000/", "ur/"),
        ("/handbook/ur/", "https://example.org/handbook/", "ur/"),
        ("/ur/", None, "ur/"),
        ("../../blog/", "http://127.0.0.1:8000/", "../../blog/"),
        ("https://example.org/", "http://127.0.0.1:8000/", "https://example.org/"),
    ],
)
def test_site_relative_link(link: str, site_url: str | None, expected: str) -> None:
    assert languages.site_relative_link(link, site_url) == expected


SOURCE = {"date": dt.date(2017, 4, 5), "title": "T", "slug": "t", "authors": ["drf"],
          "categories": [CATEGORY_EN], "tags": ["privacy"]}


@pytest.mark.parametrize(
    "translation, expected_changes",
    [
        ({"title": "ٹ", "description": "د"}, {"title": "ٹ", "description": "د"}),
        ({"title": "ٹ", "date": dt.date(2017, 4, 5)}, {"title": "ٹ"}),
        ({"title": "ٹ", "categories": [CATEGORY_UR]}, {"title": "ٹ"}),
        ({"title": "ٹ", "categories": ["human-rights-technology"]}, {"title": "ٹ"}),
        ({"title": "ٹ", "date": dt.datetime(2017, 4, 5)}, {"title": "ٹ"}),
    ],
)
def test_translation_takes_shared_keys_from_english(translation: dict, expected_changes: dict) -> None:
    merged = blog_i18n.merge_translation(SOURCE, translation, lang="ur", vocabulary=VOCAB)
    assert merged == {**SOURCE, **expected_changes, "categories": [CATEGORY_UR]}


@pytest.mark.parametrize(
    "translation, key",
    [
        ({"date": dt.date(2017, 4, 6)}, "date"),
        ({"slug": "another"}, "slug"),
        ({"tags": ["law"]}, "tags"),
        ({"categories": ["Something Else"]}, "categories"),
    ],
)
def test_translation_that_contradicts_english_is_refused(translation: dict, key: str) -> None:
    with pytest.raises(blog_i18n.TranslationMismatch) as caught:
        blog_i18n.merge_translation(SOURCE, translation, lang="ur", vocabulary=VOCAB)
    assert caught.value.key == key and "taken from the English post" in str(caught.value)


def test_fallback_posts_get_categories_in_the_readers_language() -> None:
    assert blog_i18n.fallback_meta(SOURCE, lang="ur", vocabulary=VOCAB)["categories"] == [CATEGORY_UR]
    with pytest.raises(KeyError, match="not in data/vocabulary.yml"):
        blog_i18n.localise_categories(["Gardening"], "ur", VOCAB)


@pytest.mark.parametrize("name", [CATEGORY_EN, CATEGORY_UR, "human-rights-technology"])
def test_category_urls_are_the_same_in_every_language(name: str) -> None:
    assert category_slug(name) == "human-rights-technology"


@pytest.mark.parametrize(
    "title, slug",
    [
        ("DRF’s Submission to UN", "drfs-submission-to-un"),
        ('"Unseen War" – Screening', "unseen-war-screening"),
        ("Turkey … IGF ’14", "turkey-igf-14"),
        ("Café déjà vu", "cafe-deja-vu"),
        ("اردو", ""),
    ],
)
def test_ascii_slug(title: str, slug: str) -> None:
    assert ascii_slug(title) == slug


@pytest.mark.parametrize(
    "data, fragment",
    [
        ([], "expected a mapping"),
        ({"tags": {}, "categories": {"c": {"en": "C"}}}, "'tags' must be a non-empty mapping"),
        ({"tags": {"Bad Id": {"en": "x"}}, "categories": {"c": {"en": "C"}}}, "lower-case ASCII"),
        ({"tags": {"t": {"ur": "x"}}, "categories": {"c": {"en": "C"}}}, "needs an 'en' label"),
        ({"tags": {"t": {"en": ""}}, "categories": {"c": {"en": "C"}}}, "empty label"),
        ({"tags": {"t": {"en": "T", "keywords": "x"}}, "categories": {"c": {"en": "C"}}}, "keywords must be a list"),
    ],
)
def test_malformed_vocabulary_is_refused(data: object, fragment: str) -> None:
    with pytest.raises(VocabularyError, match=re.escape(fragment)):
        parse_vocabulary(data)


def test_every_tag_has_an_urdu_label() -> None:
    missing = [t.id for t in VOCAB.tags.values() if not t.labels.get("ur")]
    assert not missing and len(VOCAB.tags) >= 8


@pytest.mark.parametrize(
    "text, meta, body_line",
    [
        ("---\ntitle: A\n---\n\nBody\n", {"title": "A"}, 4),
        ("No front matter\n", {}, 1),
        ("---\n---\nBody", {}, 3),
        ("\ufeff---\ntags: [a, b]\n---\nBody", {"tags": ["a", "b"]}, 4),
    ],
)
def test_front_matter_is_split(text: str, meta: dict, body_line: int) -> None:
    doc = frontmatter.split(text)
    assert doc.meta == meta and doc.body_line == body_line


@pytest.mark.parametrize(
    "text, line, fragment",
    [
        ("---\ntitle: A\nBody never closed\n", 1, "not closed"),
        ("---\ntitle: A\ntags: [a, b\n---\n", 4, "not valid YAML"),
        ("---\ntitle: a: b: c\n---\n", 2, "not valid YAML"),
        ("---\n- a\n- b\n---\n", 2, "must be a mapping"),
    ],
)
def test_bad_front_matter_names_the_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(frontmatter.FrontMatterError) as caught:
        frontmatter.split(text)
    assert caught.value.line == line and fragment in caught.value.message


def test_each_split_of_the_same_text_gets_its_own_metadata() -> None:
    """Texts are parsed once per process; a caller that changes its metadata must not change the next one's."""
    text = "---\ntitle: A\ntags: [privacy]\nfacts: {law: PECA}\n---\n\nBody.\n"
    first = frontmatter.split(text)
    first.meta["tags"].append("phones")
    first.meta["facts"]["law"] = "changed"
    first.meta["title"] = "B"
    again = frontmatter.split(text)
    assert again.meta == {"title": "A", "tags": ["privacy"], "facts": {"law": "PECA"}}
    with pytest.raises(frontmatter.FrontMatterError):  # an error is raised every time, not remembered as a result
        frontmatter.split("---\ntitle: a: b\n---\n")
    with pytest.raises(frontmatter.FrontMatterError):
        frontmatter.split("---\ntitle: a: b\n---\n")


def test_front_matter_round_trips_urdu() -> None:
    meta = {"title": "عنوان: ایک", "date": dt.date(2020, 1, 2), "tags": ["privacy"]}
    assert frontmatter.split(frontmatter.dump(meta, "متن\n")).meta == meta


def _tree(node) -> list:
    """Every node's kind, tag, start line and column, and scalar value, in document order."""
    out = [(type(node).__name__, node.tag, node.start_mark.line, node.start_mark.column,
            node.value if isinstance(node, yaml.ScalarNode) else None)]
    if isinstance(node, yaml.SequenceNode):
        for child in node.value:
            out += _tree(child)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out += _tree(key) + _tree(value)
    return out


@pytest.mark.parametrize("name", ["facts.yml", "urdu-style.yml", "vocabulary.yml", "ui.yml"])
def test_compose_yaml_reads_the_real_data_files_as_the_pure_loader_does(name: str) -> None:
    text = (ROOT / "data" / name).read_text("utf-8")
    assert _tree(frontmatter.compose_yaml(text)) == _tree(yaml.compose(text, Loader=yaml.SafeLoader))


@pytest.mark.parametrize("text", [
    "a: [1, 2\nb: 3\n",           # an unclosed flow sequence
    "a: 1\n  b: 2\n",              # bad indentation
    "a: 'x\n",                      # an unclosed quote
    "a: b\u0007\n",                 # a control character
    "- x\n\ufeff- y\n",            # a byte-order mark inside the text
])
def test_compose_yaml_refuses_what_the_pure_loader_refuses_with_its_message_and_line(text: str) -> None:
    with pytest.raises(yaml.YAMLError) as pure:
        yaml.compose(text, Loader=yaml.SafeLoader)
    with pytest.raises(yaml.YAMLError) as ours:
        frontmatter.compose_yaml(text)
    assert str(ours.value) == str(pure.value)


def _front_matter_yaml(path) -> str:
    match = re.match(r"---[ \t]*\n(.*?\n)?---", path.read_text("utf-8"), re.S)
    return (match.group(1) or "") if match else ""


def test_blog_posts_metadata_reads_the_same_through_libyaml() -> None:
    posts = sorted((ROOT / "docs").glob("*/blog/posts/*.md"))
    assert len(posts) >= 10
    for path in posts:
        text = _front_matter_yaml(path)
        assert yaml.load(text, frontmatter.LibyamlFirstLoader) == yaml.load(text, yaml.SafeLoader), path


@pytest.mark.parametrize("text", ["a: [1, 2\nb: 3\n", "a: 'x\n", "a: b\u0007\n", "date: 2025-02-30\n"])
def test_blog_posts_metadata_errors_are_the_pure_loaders(text: str) -> None:
    with pytest.raises(Exception) as pure:
        yaml.load(text, yaml.SafeLoader)
    with pytest.raises(Exception) as ours:
        yaml.load(text, frontmatter.LibyamlFirstLoader)
    assert (type(ours.value), str(ours.value)) == (type(pure.value), str(pure.value))


def test_materials_blog_reads_posts_through_libyaml_once_the_bridge_is_set_up() -> None:
    # Material's blog reads each post with `yaml.load(text, SafeLoader)`, SafeLoader being its module's own
    # name: if an upgrade reads posts another way, this fails and the bridge's swap needs a look.
    from material.plugins.blog import structure

    assert blog_i18n.read_post_metadata_through_libyaml()
    assert structure.SafeLoader is frontmatter.LibyamlFirstLoader
    assert "yaml.load(match.group(1), SafeLoader)" in Path(structure.__file__).read_text("utf-8")


def test_rss_feed_is_valid_and_newest_first() -> None:
    items = [
        FeedItem("Old & <odd>", "https://x.org/blog/old/", dt.datetime(2013, 9, 22), "d1", ("Cat",)),
        FeedItem("نئی تحریر", "https://x.org/ur/blog/new/", dt.datetime(2017, 4, 5), "d2"),
    ]
    xml = render_rss(title="T", link="https://x.org/blog/", description="D", language="ur",
                     self_url="https://x.org/blog/feed.xml", items=items)
    channel = ET.fromstring(xml).find("channel")
    titles = [i.findtext("title") for i in channel.findall("item")]
    assert titles == ["نئی تحریر", "Old & <odd>"]
    assert channel.findtext("lastBuildDate") == "Wed, 05 Apr 2017 00:00:00 +0000"
    assert channel.findall("item")[1].findtext("category") == "Cat"


def test_rss_feed_is_reproducible() -> None:
    item = FeedItem("A", "https://x.org/a/", dt.datetime(2020, 1, 1), "d")
    kwargs = dict(title="T", link="L", description="D", language="en", self_url="S", items=[item])
    assert render_rss(**kwargs) == render_rss(**kwargs)


def test_bundle_urls_are_localised() -> None:
    js = ('a("https://unpkg.com/resize-observer-polyfill");b("https://unpkg.com/mermaid@11/dist/mermaid.min.js");'
          'e.pipe(b(()=>M("link[rel=alternate]")))')
    out = localise_bundle(js)
    assert "unpkg" not in out
    assert 'M("link[rel=alternate][data-mahfooz-sitemap]")' in out
    assert 'new URL("assets/vendor/resize-observer-polyfill/ResizeObserver.global.js",__md_scope).href' in out


def test_a_changed_bundle_fails_loudly() -> None:
    with pytest.raises(BundleChanged, match="resize-observer-polyfill"):
        localise_bundle('load("https://cdn.example/other.js")')
    with pytest.raises(BundleChanged, match="link\\[rel=alternate\\]"):
        localise_bundle('a("https://unpkg.com/resize-observer-polyfill");b("https://unpkg.com/mermaid@11/dist/mermaid.min.js")')


def test_mkdocs_config_pins_what_the_design_requires() -> None:
    text = (ROOT / "mkdocs.yml").read_text("utf-8")
    assert re.search(r"^strict: true$", text, re.M)
    assert not re.search(r"^repo_url:", text, re.M)
    assert re.search(r"^  font: false$", text, re.M)
    for key in ("omitted_files", "absolute_links", "unrecognized_links", "anchors"):
        assert re.search(rf"^  {key}: warn$", text, re.M), key
    plugins = re.findall(r"^  - (\w[\w/]*)", text[text.index("\nplugins:"):text.index("\nhooks:")], re.M)
    assert plugins.index("offline") > plugins.index("i18n") > plugins.index("privacy")
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert '"mkdocs-material==9.8.2"' in pyproject and '"mkdocs-static-i18n==1.3.1"' in pyproject
    lock = (ROOT / "requirements.lock").read_text("utf-8")
    for pin in ("mkdocs==1.6.1", "mkdocs-material==9.8.2", "mkdocs-static-i18n==1.3.1", "pymdown-extensions==13."):
        assert pin in lock, pin
    assert "--hash=sha256:" in lock


def test_ui_strings_exist_in_every_language() -> None:
    data = yaml.safe_load((ROOT / "data" / "ui.yml").read_text("utf-8"))
    # Urdu may add overrides of Material's own strings (blog_archive); it may not miss any of ours.
    assert set(data["en"]) <= set(data["ur"])
    assert set(data["ur"]) - set(data["en"]) == {"blog_archive"}


@pytest.mark.parametrize(
    "html, marked",
    [
        ('<a href="https://www.torproject.org/">torproject.org</a>', True),
        ('<a href="https://x.org/">https://x.org/help/</a>', True),
        ('<a class="x" href="https://bitwarden.com/">bitwarden.com</a>', True),
        ('<a href="https://x.org/">ڈیجیٹل رائٹس فاؤنڈیشن</a>', False),
        ('<a href="https://x.org/">Digital Rights Foundation</a>', False),
        ('<a href="https://x.org/" dir="ltr">x.org</a>', False),
        ('<a href="passwords/">Passwords. Managers</a>', False),
    ],
)
def test_links_showing_an_address_read_left_to_right(html: str, marked: bool) -> None:
    from handbook.bidi import mark_address_links

    out = mark_address_links(html)
    assert (out != html) is marked
    assert out.count("dir=") == (1 if marked or "dir=" in html else 0)


@pytest.mark.parametrize(
    "html, expected",
    [
        ("<p>آغاز: Bitwarden، KeePassXC یا KeePassDX۔</p>", "<p>آغاز: Bitwarden،\u200f KeePassXC یا KeePassDX۔</p>"),
        ("<p>(Outlook، X، TikTok)</p>", "<p>(Outlook،\u200f X،\u200f TikTok)</p>"),
        ("<p>(JazzCash،&nbsp;Easypaisa)</p>", "<p>(JazzCash،&nbsp;Easypaisa)</p>"),  # an entity is not text here
        ("<p>پاس ورڈ، پاس فریز</p>", "<p>پاس ورڈ، پاس فریز</p>"),  # Urdu on both sides: already right
        ("<p>Google Password Manager، ایک</p>", "<p>Google Password Manager، ایک</p>"),
        ('<a title="A، B">A،</a> <b>B</b>', '<a title="A، B">A،</a> <b>B</b>'),  # attributes are left alone
    ],
)
def test_arabic_commas_between_latin_names_stay_right_to_left(html: str, expected: str) -> None:
    from handbook.bidi import keep_separators_in_flow

    assert keep_separators_in_flow(html) == expected


@pytest.mark.parametrize(
    "html, label",
    [
        ('<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled/>'
         '<span class="task-list-indicator"></span></label> Every account has a <a href="#x">different</a> '
         'password.</li>', "Every account has a different password."),
        ('<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled checked/>'
         '<span class="task-list-indicator"></span></label> "Quoted" &amp; done<ul><li>x</li></ul></li>',
         '&quot;Quoted&quot; &amp; done'),
    ],
)
def test_checklist_boxes_are_named_after_their_item(html: str, label: str) -> None:
    from handbook.a11y import label_task_checkboxes

    out = label_task_checkboxes(html)
    assert f'aria-label="{label}"' in out
    assert label_task_checkboxes(out) == out  # idempotent


def test_footer_links_are_named_by_their_visible_text() -> None:
    from handbook.a11y import drop_footer_link_labels

    page = '<a href="../x/" class="md-footer__link md-footer__link--next" aria-label="Next: X">'
    assert 'class="md-footer__link md-footer__link--next">' in drop_footer_link_labels(page)


def test_the_theme_listing_without_hidden_folders_copies_the_same_files() -> None:
    """MkDocs copies the theme's static files from its listing; ThemeLoader leaves hidden folders out of it."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from handbook import templates

    config = load_config(str(ROOT / "mkdocs.yml"))
    stock_env = config.theme.get_env()
    templates.list_without_hidden(config.theme)
    templates.list_without_hidden(config.theme)  # a second language's on_config wraps nothing twice
    env = config.theme.get_env()
    assert isinstance(env.loader, templates.ThemeLoader) and not isinstance(stock_env.loader, templates.ThemeLoader)
    listed = env.list_templates()
    assert not any(part.startswith(".") for name in listed for part in name.split("/")), "a hidden path was listed"
    assert len(listed) < len(stock_env.list_templates()) // 10, "Material's .icons/ folder was listed"

    def copied(environment) -> list[tuple[str, str]]:
        files = Files([])
        files.add_files_from_theme(environment, config)
        return sorted((file.src_uri, file.abs_src_path) for file in files)

    assert copied(env) == copied(stock_env) and len(copied(env)) > 20
    assert env.get_template(".icons/material/magnify.svg").render()  # icons still load as templates
