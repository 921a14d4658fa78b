"""`handbook` finds its project as mkdocs and git do: from the working directory upward."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from handbook.cli import main
from handbook.paths import ProjectNotFound, find_root, project_root


@pytest.fixture
def two_clones(tmp_path: Path) -> tuple[Path, Path]:
    """Two projects side by side, each a folder with mkdocs.yml and a docs/en/handbook/ subfolder."""
    clones = []
    for name in ("first", "second"):
        root = tmp_path / name
        (root / "docs" / "en" / "handbook").mkdir(parents=True)
        (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
        (root / "data").mkdir()
        (root / "data" / "vocabulary.yml").write_bytes((ROOT / "data" / "vocabulary.yml").read_bytes())
        clones.append(root)
    return clones[0], clones[1]


@pytest.mark.parametrize("where, expected", [
    ("second", "second"),
    ("second/docs/en/handbook", "second"),
    ("first/docs", "first"),
    (".", None),
])
def test_the_nearest_folder_with_mkdocs_yml_is_the_project(two_clones, where: str, expected: str | None) -> None:
    base = two_clones[0].parent
    found = find_root(base / where)
    assert found == (base / expected if expected else None)


def test_the_working_directory_wins_over_where_the_package_is_installed(two_clones, monkeypatch) -> None:
    _, second = two_clones
    monkeypatch.delenv("HANDBOOK_ROOT", raising=False)
    monkeypatch.chdir(second / "docs" / "en")
    assert project_root() == second.resolve()


def test_root_option_and_environment_override_the_search(two_clones, monkeypatch) -> None:
    first, second = two_clones
    monkeypatch.chdir(second)
    monkeypatch.setenv("HANDBOOK_ROOT", str(first))
    assert project_root() == first.resolve()
    assert project_root(str(second)) == second.resolve()


def test_outside_a_project_the_command_says_so_and_fails(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.delenv("HANDBOOK_ROOT", raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    error = capsys.readouterr().err
    assert "no mkdocs.yml in" in error and "--root" in error
    with pytest.raises(ProjectNotFound):
        project_root(cwd=tmp_path)


def test_a_missing_root_folder_is_named(tmp_path: Path, capsys) -> None:
    assert main(["--root", str(tmp_path / "nowhere"), "check"]) == 1
    assert "nowhere: no such folder (given by --root)" in capsys.readouterr().err


def test_check_in_a_second_clone_checks_that_clone(two_clones, monkeypatch, capsys) -> None:
    first, second = two_clones
    broken = second / "docs" / "en" / "handbook" / "broken.md"
    broken.write_text("---\ntitle: [unclosed\n---\n\n# Broken\n", encoding="utf-8")
    (first / "docs" / "en" / "handbook" / "fine.md").write_text("# Fine\n", encoding="utf-8")
    monkeypatch.delenv("HANDBOOK_ROOT", raising=False)
    monkeypatch.chdir(second / "docs")
    main(["check"])
    out = capsys.readouterr().out
    assert "docs/en/handbook/broken.md" in out, f"handbook check in the second clone did not check it:\n{out}"
    assert "fine.md" not in out


def test_a_project_without_its_data_files_gets_a_clear_error(tmp_path: Path, capsys) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert main(["--root", str(tmp_path), "check"]) == 1
    assert "vocabulary.yml: missing" in capsys.readouterr().err


def test_build_names_the_folder_it_built_into_when_site_dir_is_set(tmp_path: Path, monkeypatch, capsys) -> None:
    from conftest import MINIMAL_PAGES, make_project

    project = make_project(tmp_path, MINIMAL_PAGES)
    out = tmp_path / "elsewhere"
    monkeypatch.setenv("SITE_DIR", str(out))
    assert main(["--root", str(project), "build"]) == 0
    assert f"built the site into {out}/" in capsys.readouterr().out
    assert (out / "index.html").is_file() and not (project / "site").exists()
