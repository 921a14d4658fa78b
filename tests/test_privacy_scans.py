"""Under `mkdocs serve`, Material's privacy plugin's scan of an unchanged page is reused (handbook.privacy_scans),
but never one that registered an external asset, and its warnings are given again on every rebuild."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest
from mkdocs.plugins import PluginCollection, event_priority

from handbook import privacy_scans, render_cache


class FakePrivacy:
    """Stands in for Material's privacy plugin: registers external assets, warns, rewrites."""

    def __init__(self) -> None:
        self.assets: list[str] = []
        self.assets_done: list[str] = []
        self.pool_jobs: list[str] = []
        self.config = {"assets": True}
        self.scans = 0

    @event_priority(-50)
    def on_post_page(self, output: str, *, page, config) -> str:
        self.scans += 1
        if "https://cdn.example" in output:
            self.assets.append("cdn.example/lib.js")
        logging.getLogger("mkdocs.plugins.material.privacy").warning("scanned %s", page.file.src_uri)
        return output.replace("http://", "https://")


def _page(src_uri: str):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri, dest_uri=src_uri.replace(".md", "/index.html"),
                                                url=src_uri.replace(".md", "/"), locale="en"))


@pytest.fixture
def serving(monkeypatch):
    monkeypatch.setattr(render_cache, "_enabled", True)
    privacy_scans.clear()
    yield
    privacy_scans.clear()


def test_an_unchanged_page_is_not_scanned_again_and_warns_again(serving, caplog) -> None:
    plugin, plugins = FakePrivacy(), PluginCollection()
    plugins["material/privacy"] = plugin
    privacy_scans.reuse_scans(plugins)
    assert plugins.events["post_page"][0].mkdocs_priority == -50, "the event keeps Material's priority"
    config = SimpleNamespace(site_url="http://127.0.0.1:8000/", use_directory_urls=True)
    page = _page("handbook/passwords.md")
    with caplog.at_level(logging.WARNING):
        first = plugins.on_post_page("<a href='http://x'>", page=page, config=config)
        again = plugins.on_post_page("<a href='http://x'>", page=page, config=config)
    assert first == again == "<a href='https://x'>"
    assert plugin.scans == 1, "the same HTML of the same page was scanned again"
    assert [r.getMessage() for r in caplog.records] == ["scanned handbook/passwords.md"] * 2
    plugins.on_post_page("<a href='http://x'>edited", page=page, config=config)
    assert plugin.scans == 2, "an edited page must be scanned"


def test_a_scan_that_registers_an_external_asset_runs_every_time(serving) -> None:
    plugin, plugins = FakePrivacy(), PluginCollection()
    plugins["material/privacy"] = plugin
    privacy_scans.reuse_scans(plugins)
    config = SimpleNamespace(site_url="http://127.0.0.1:8000/", use_directory_urls=True)
    page = _page("blog/posts/a.md")
    for _ in range(3):
        plugins.on_post_page("<script src='https://cdn.example/lib.js'>", page=page, config=config)
    assert plugin.scans == 3 and len(plugin.assets) == 3


def test_outside_serve_every_page_is_scanned(monkeypatch) -> None:
    monkeypatch.setattr(render_cache, "_enabled", False)
    plugin, plugins = FakePrivacy(), PluginCollection()
    plugins["material/privacy"] = plugin
    privacy_scans.reuse_scans(plugins)
    config = SimpleNamespace(site_url="http://127.0.0.1:8000/", use_directory_urls=True)
    for _ in range(2):
        plugins.on_post_page("<a href='http://x'>", page=_page("a.md"), config=config)
    assert plugin.scans == 2
