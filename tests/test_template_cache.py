"""Compiled templates kept between builds, in memory and on disk (handbook.templates.CompiledTemplates)."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment

from handbook import templates


def _environment(cache: templates.CompiledTemplates, source: str, compiled: list[str]) -> Environment:
    """An environment with one template, counting what it compiles."""

    class Counting(Environment):
        def compile(self, source, name=None, filename=None, raw=False, defer_init=False):  # type: ignore[override]
            compiled.append(name)
            return super().compile(source, name, filename, raw, defer_init)

    return Counting(loader=DictLoader({"page.html": source}), bytecode_cache=cache)


def _fresh(folder: Path | None) -> templates.CompiledTemplates:
    """A cache as a new build process has it: nothing in memory, the folder set."""
    cache = templates.CompiledTemplates()
    cache.folder = folder
    return cache


def test_a_new_build_runs_the_templates_an_earlier_build_compiled(tmp_path: Path) -> None:
    compiled: list[str] = []
    assert _environment(_fresh(tmp_path), "Hello {{ who }}", compiled).get_template("page.html").render(who="A") == "Hello A"
    assert compiled == ["page.html"] and len(list(tmp_path.glob("*.bytecode"))) == 1
    later: list[str] = []
    assert _environment(_fresh(tmp_path), "Hello {{ who }}", later).get_template("page.html").render(who="B") == "Hello B"
    assert later == [], "the second build compiled the template again instead of loading it"


def test_a_changed_template_is_compiled_again_never_run_from_the_old_bytecode(tmp_path: Path) -> None:
    _environment(_fresh(tmp_path), "Old {{ who }}", []).get_template("page.html")
    compiled: list[str] = []
    page = _environment(_fresh(tmp_path), "New {{ who }}", compiled).get_template("page.html")
    assert page.render(who="x") == "New x" and compiled == ["page.html"]


def test_a_damaged_file_is_compiled_again_and_replaced(tmp_path: Path) -> None:
    _environment(_fresh(tmp_path), "Hi {{ who }}", []).get_template("page.html")
    (stored,) = tmp_path.glob("*.bytecode")
    stored.write_bytes(stored.read_bytes()[:20])  # cut short, as by a full disk
    compiled: list[str] = []
    assert _environment(_fresh(tmp_path), "Hi {{ who }}", compiled).get_template("page.html").render(who="C") == "Hi C"
    assert compiled == ["page.html"]
    again: list[str] = []
    _environment(_fresh(tmp_path), "Hi {{ who }}", again).get_template("page.html")
    assert again == [], "the damaged file was not replaced by a whole one"


def test_a_folder_that_cannot_be_written_only_means_compiling(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    compiled: list[str] = []
    page = _environment(_fresh(blocked / "templates"), "Hey {{ who }}", compiled).get_template("page.html")
    assert page.render(who="D") == "Hey D" and compiled == ["page.html"]


@pytest.mark.parametrize("environment, expected", [
    ({"HOME": "/home/reporter"}, "/home/reporter/.cache/handbook/templates"),
    ({"HOME": "/home/reporter", "XDG_CACHE_HOME": "/var/cache/me"}, "/var/cache/me/handbook/templates"),
    ({"HOME": "/home/reporter", templates.CACHE_ENV: "/elsewhere/cache"}, "/elsewhere/cache"),
    ({"HOME": "/home/reporter", templates.CACHE_ENV: ""}, "/home/reporter/.cache/handbook/templates"),
])
def test_the_cache_lives_in_the_users_cache_folder_unless_the_environment_names_one(monkeypatch, environment: dict,
                                                                                   expected: str) -> None:
    for key in (templates.CACHE_ENV, "XDG_CACHE_HOME"):
        monkeypatch.delenv(key, raising=False)
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    assert templates.cache_folder().as_posix() == expected


def test_the_cache_folder_does_not_depend_on_the_clone(monkeypatch, tmp_path: Path) -> None:
    """Jinja runs what the cache holds, so it is never a folder of the clone, where a pull request could add
    a file: wherever the build runs from, the folder is the user's."""
    root = Path(__file__).resolve().parents[1]
    for key in (templates.CACHE_ENV, "XDG_CACHE_HOME"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for where in (root, root / "docs", tmp_path):
        monkeypatch.chdir(where)
        folder = templates.cache_folder()
        assert folder == tmp_path / "home" / ".cache" / "handbook" / "templates"
        assert root not in folder.parents
