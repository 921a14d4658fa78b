"""What keys a page's cached HTML under `mkdocs serve` (handbook.page_html_cache): the templates and hooks that
render it, the configuration, and what the context leaves out on purpose. The builds that show a rebuilt
preview equal to a fresh build, edit after edit, are in tests/test_render_cache.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from conftest import ROOT
from handbook import page_html_cache

MATERIAL_TEMPLATES = Path(__import__("material").__file__).parent / "templates"


def _inputs(project: Path) -> str:
    parts = page_html_cache.template_inputs("material 9", str(project / "overrides"), [str(project / "hooks" / "a.py")])
    return repr(parts)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "overrides" / "partials").mkdir(parents=True)
    (tmp_path / "overrides" / "main.html").write_text("{% extends 'base.html' %}\n", "utf-8")
    (tmp_path / "overrides" / "partials" / "related.html").write_text("<nav>{{ related }}</nav>\n", "utf-8")
    (tmp_path / "hooks").mkdir()
    (tmp_path / "hooks" / "a.py").write_text("def on_page_context(context, **_):\n    return context\n", "utf-8")
    return tmp_path


@pytest.mark.parametrize("edit", [
    lambda p: (p / "overrides" / "partials" / "related.html").write_text("<aside>{{ related }}</aside>\n", "utf-8"),
    lambda p: (p / "overrides" / "partials" / "new.html").write_text("", "utf-8"),
    lambda p: (p / "overrides" / "partials" / "related.html").rename(p / "overrides" / "partials" / "links.html"),
    lambda p: (p / "hooks" / "a.py").write_text("def on_page_context(context, **_):\n    return {}\n", "utf-8"),
], ids=["partial-edited", "partial-added", "partial-renamed", "hook-edited"])
def test_an_edited_template_or_hook_renders_every_page_again(project: Path, edit) -> None:
    before = _inputs(project)
    edit(project)
    assert _inputs(project) != before


def test_a_theme_update_renders_every_page_again(project: Path) -> None:
    one = page_html_cache.template_inputs("material 9.8.2", None, [])
    assert one != page_html_cache.template_inputs("material 9.8.3", None, [])


@pytest.fixture
def config(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\nextra:\n  alternate: []\n", "utf-8")
    return load_config(str(tmp_path / "mkdocs.yml"))


def test_a_configuration_changed_while_pages_are_built_is_noticed_but_not_its_language_links(config) -> None:
    site = page_html_cache.describe_site(Files([]), config, [])
    config.extra["alternate"] = [{"name": "اردو", "link": "/ur/", "lang": "ur"}]  # i18n does this for every page
    assert not page_html_cache.config_changed(site, config), "each page's key reads `extra` itself"
    config["site_description"] = "Changed by a hook halfway through the build"
    assert page_html_cache.config_changed(site, config), (
        "a configuration changed after the first page was keyed must drop the language's cached pages")


def test_what_keys_leave_out_no_template_shows() -> None:
    """The build time changes every rebuild and is left out of every key: no template may show it."""
    readers = [path for folder in (ROOT / "overrides", MATERIAL_TEMPLATES) for path in sorted(folder.rglob("*.html"))
               if re.search(r"\bbuild_date_utc\b", path.read_text("utf-8"))]
    assert not readers, (f"{[str(p) for p in readers]} show build_date_utc, which page_html_cache leaves out of "
                         "every page's key: under `mkdocs serve` those pages would show an old date")
    assert page_html_cache._CHANGES_EVERY_BUILD == ("build_date_utc",)  # noqa: SLF001


def test_forget_drops_only_that_language(monkeypatch) -> None:
    monkeypatch.setattr(page_html_cache, "_outputs", {("en", "a/index.html"): ("k", "<p>"), ("ur", "ur/a/index.html"): ("k", "<p>")})
    page_html_cache.forget("en")
    assert list(page_html_cache._outputs) == [("ur", "ur/a/index.html")]  # noqa: SLF001
