"""`mkdocs serve` reuses the last rebuild's rendering of a page nothing changed in (handbook.render_cache), and
its template's HTML when nothing the template is given changed (handbook.page_html_cache): the site it writes
must be the site a fresh build writes, and the warnings the same."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import MINIMAL_PAGES, ROOT, make_project, post
from handbook import render_cache, translations

pytestmark = pytest.mark.xdist_group("serve-session")  # one serve session (nine builds) per test run, not per worker

SITE = render_cache.site_signature(b"site_name: x\n", ["toc"], "files", "inputs")
PAGE = {"src_uri": "en/a.md", "dest_uri": "a/index.html", "url": "a/", "locale": "en", "site": SITE}


@pytest.mark.parametrize(("change", "value"), [
    ("markdown", "# A\n\nText, edited.\n"),
    ("src_uri", "ur/a.md"),
    ("dest_uri", "ur/a/index.html"),
    ("url", "a.html"),  # the offline copy's URLs
    ("locale", "ur"),  # an English page shown as the Urdu site's fallback
    ("site", render_cache.site_signature(b"site_name: x\n", ["toc", "abbr"], "files", "inputs")),
    ("site", render_cache.site_signature(b"site_name: y\n", ["toc"], "files", "inputs")),
    ("site", render_cache.site_signature(b"site_name: x\n", ["toc"], "files2", "inputs")),
    ("site", render_cache.site_signature(b"site_name: x\n", ["toc"], "files", "inputs2")),
])
def test_a_page_is_rendered_again_when_anything_its_rendering_reads_changes(change: str, value: str) -> None:
    before = render_cache.page_key("# A\n\nText.\n", **PAGE)
    after = render_cache.page_key(value if change == "markdown" else "# A\n\nText.\n",
                                  **{**PAGE, **({} if change == "markdown" else {change: value})})
    assert before != after, f"a change of {change} would serve the page as it was rendered before"
    assert render_cache.page_key("# A\n\nText.\n", **PAGE) == before, "the same inputs must give the same key"


def test_parts_of_a_key_cannot_run_into_each_other() -> None:
    assert render_cache.site_signature(b"ab", ["c"], "", "") != render_cache.site_signature(b"a", ["bc"], "", "")


class _File:
    def __init__(self, src_uri: str, url: str, inclusion: str = "INCLUDED") -> None:
        self.src_uri, self.url, self.dest_uri = src_uri, url, url + "index.html"
        self.inclusion = type("Inclusion", (), {"name": inclusion})()


@pytest.mark.parametrize("changed", [
    [_File("en/a.md", "a/"), _File("en/b.md", "bee/")],  # a page moved: links to it are rewritten
    [_File("en/a.md", "a/")],  # a page deleted: links to it are broken
    [_File("en/a.md", "a/"), _File("en/b.md", "b/"), _File("en/c.md", "c/")],  # a page added
    [_File("en/a.md", "a/"), _File("en/b.md", "b/", "NOT_IN_NAV")],
])
def test_the_file_list_signature_follows_what_links_resolve_against(changed: list[_File]) -> None:
    files = [_File("en/a.md", "a/"), _File("en/b.md", "b/")]
    assert render_cache.files_signature(files) == render_cache.files_signature(list(reversed(files)))
    assert render_cache.files_signature(files) != render_cache.files_signature(changed)


def test_the_inputs_digest_follows_every_file_under_snippets_and_data(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "facts.yml").write_text("a: 1\n", "utf-8")
    (tmp_path / "docs").mkdir()
    first = render_cache.tree_digest(tmp_path)
    (tmp_path / "docs" / "page.md").write_text("# Page\n", "utf-8")  # pages are keyed by their own text
    assert render_cache.tree_digest(tmp_path) == first
    (tmp_path / "data" / "facts.yml").write_text("a: 2\n", "utf-8")
    changed = render_cache.tree_digest(tmp_path)
    assert changed != first, "a fact changed: pages that show it must be rendered again"
    (tmp_path / "snippets" / "glossary").mkdir(parents=True)
    (tmp_path / "snippets" / "glossary" / "en.md").write_text("*[VPN]: x\n", "utf-8")
    assert render_cache.tree_digest(tmp_path) != changed, "a snippet added"


def test_extensions_are_named_by_name_or_class() -> None:
    from markdown.extensions.toc import TocExtension
    assert render_cache.extension_names(["abbr", TocExtension()]) == ["abbr", "markdown.extensions.toc.TocExtension"]


# Builds in one process, as `mkdocs serve` runs them, into one site folder that each rebuild writes over: a first
# build, an edit, a rebuild with the cache, the same site built fresh (every page rendered, into an empty
# folder); then edits that change what other pages show (a title every navigation lists, an English page whose
# translation becomes outdated, the part of a post that blog listings show), rebuilt and built fresh; then a
# change to data/ that every page may show, then a page deleted, and that site built fresh.
# After each build the folder is copied as it stands (out/<name>), as the preview would show it.
SERVE_SESSION = textwrap.dedent("""
    import json, logging, shutil, sys
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from handbook import page_html_cache, privacy_scans, render_cache

    project, out = Path(sys.argv[1]), Path(sys.argv[2])
    warnings = []

    class Keep(logging.Handler):
        def emit(self, record):
            warnings.append(record.getMessage())

    logging.getLogger("mkdocs").addHandler(Keep(logging.WARNING))

    def one_build(name, command="serve"):
        warnings.clear()
        render_cache.counts.clear()
        page_html_cache.counts.clear()
        privacy_scans.counts.update(hit=0, miss=0)
        site = out / ("serve" if command == "serve" else name)
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=False)
        config.plugins.on_startup(command=command, dirty=False)
        build(config, serve_url="http://127.0.0.1:8000/")
        if command == "serve":
            shutil.copytree(site, out / name)
        counts = {k: v for k, v in render_cache.counts.items() if not k.startswith("excerpt")}
        excerpts = {k.split()[1]: v for k, v in render_cache.counts.items() if k.startswith("excerpt")}
        return {"counts": counts, "excerpts": excerpts, "html": dict(page_html_cache.counts),
                "privacy": dict(privacy_scans.counts), "warnings": sorted(warnings)}

    report = {"first": one_build("first")}
    about = project / "docs" / "en" / "about" / "index.md"
    about.write_text(about.read_text("utf-8") + "\\nOne more line.\\n", "utf-8")
    report["rebuilt"] = one_build("rebuilt")
    report["fresh"] = one_build("fresh", command="build")
    one_build("again")
    about.write_text(about.read_text("utf-8").replace("About", "About us"), "utf-8")
    guide = project / "docs" / "en" / "guide" / "index.md"
    guide.write_text(guide.read_text("utf-8").replace("Lock it.", "Lock it with a long passphrase."), "utf-8")
    post = project / "docs" / "en" / "blog" / "posts" / "a-post.md"
    post.write_text(post.read_text("utf-8").replace("First paragraph.", "First paragraph, edited."), "utf-8")
    report["retitled"] = one_build("retitled")
    report["fresh, retitled"] = one_build("fresh-retitled", command="build")
    facts = project / "data" / "facts.yml"
    facts.write_text(facts.read_text("utf-8") + "\\n# a comment\\n", "utf-8")
    report["data changed"] = one_build("data-changed")
    (project / "docs" / "en" / "gone" / "index.md").unlink()
    report["deleted"] = one_build("deleted")
    report["fresh, deleted"] = one_build("fresh-deleted", command="build")
    print(json.dumps(report))
""")

GONE = "---\ntitle: Gone soon\n---\n\n# Gone soon\n\nA page the session deletes.\n"
BROKEN = ("---\ntitle: Broken links\n---\n\n# Broken links\n\nSee [nothing](missing.md) and [no anchor](../index.md#nowhere).\n"
          "\nA direction control: \u202e.\n")  # a finding of the page's own content checks (MH401)


GUIDE_EN = "---\ntitle: Phone guide\n---\n\n# Phone guide {#guide}\n\n## Lock {#lock}\n\nLock it.\n"
GUIDE_UR = translations.write_record(
    "---\ntitle: فون گائیڈ\n---\n\n# فون گائیڈ {#guide}\n\n## تالا {#lock}\n\nفون کو تالا لگائیں۔\n",
    translations.source_fingerprint(GUIDE_EN))


@pytest.fixture(scope="module")
def serve_session(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    # Kept on disk: a pytest-xdist worker may tear a module fixture down between two batches of the same
    # module's tests and set it up again, which would run the nine builds twice.
    tmp_path = tmp_path_factory.getbasetemp() / "serve-session"
    record = tmp_path / "report.json"
    if not record.is_file():
        tmp_path.mkdir()
        project = make_project(tmp_path, {**MINIMAL_PAGES, "en/broken/index.md": BROKEN, "en/gone/index.md": GONE,
                                          "en/guide/index.md": GUIDE_EN, "ur/guide/index.md": GUIDE_UR,
                                          "en/blog/posts/a-post.md": post("A post")})
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_ROOT": str(project), "PYTHONPATH": str(ROOT / "src")}
        proc = subprocess.run([sys.executable, "-c", SERVE_SESSION, str(project), str(tmp_path / "out")], cwd=project,
                              env=env, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr[-3000:]
        record.write_text(proc.stdout.strip().splitlines()[-1], "utf-8")
    return json.loads(record.read_text("utf-8")), tmp_path / "out"


def _tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_a_rebuild_renders_only_the_edited_page_again(serve_session) -> None:
    report, _ = serve_session
    first, rebuilt = report["first"]["counts"], report["rebuilt"]["counts"]
    assert first.get("hit", 0) == 0 and first["miss"] > 4, first
    # The edited English page, and the same page as the Urdu site's English fallback.
    assert rebuilt == {"hit": first["miss"] - 2, "miss": 2}, (
        f"after one page was edited the rebuild rendered {rebuilt.get('miss')} pages again, expected 2: {rebuilt}")


def test_a_rebuild_lays_out_only_the_edited_page_again(serve_session) -> None:
    report, _ = serve_session
    first, rebuilt = report["first"]["html"], report["rebuilt"]["html"]
    assert first == {"miss": report["first"]["counts"]["miss"]}, (
        f"every page's context must be describable, or its template is rendered on every rebuild: {first}")
    assert rebuilt == {"hit": first["miss"] - 2, "miss": 2}, (
        f"after one paragraph was edited the rebuild rendered {rebuilt.get('miss')} pages' templates again, "
        f"expected 2 (the page, and the Urdu site's English copy of it): {rebuilt}")
    privacy = report["rebuilt"]["privacy"]
    assert privacy["miss"] == 2 and privacy["hit"] >= first["miss"] - 2, (
        f"Material's privacy plugin scanned unchanged pages again: {privacy}")
    assert report["fresh"]["privacy"] == {"hit": 0, "miss": 0}, "a `mkdocs build` must scan every page itself"


def test_a_title_a_translation_s_source_and_a_post_s_excerpt_reach_every_page_showing_them(serve_session) -> None:
    """Edits whose effect shows on other pages than the edited one: a title every navigation lists, an English
    page whose Urdu translation is then outdated, the part of a post that the blog's listings show."""
    report, out = serve_session
    rebuilt, retitled, fresh = _tree(out / "rebuilt"), _tree(out / "retitled"), _tree(out / "fresh-retitled")
    assert b"About us" not in rebuilt["index.html"] and b"About us" in retitled["index.html"]
    assert b"mahfooz-outdated" not in rebuilt["ur/guide/index.html"]
    assert b"mahfooz-outdated" in retitled["ur/guide/index.html"], "the edit must outdate the translation"
    assert b"First paragraph, edited." in retitled["blog/index.html"]
    assert report["rebuilt"]["excerpts"].get("miss", 0) == 0 < report["rebuilt"]["excerpts"].get("hit", 0), (
        f"no post changed, yet its excerpts were rendered again: {report['rebuilt']['excerpts']}")
    assert report["retitled"]["excerpts"].get("miss", 0) > 0, report["retitled"]["excerpts"]
    assert retitled.keys() == fresh.keys()
    differing = [name for name in retitled if retitled[name] != fresh[name]]
    assert not differing, f"the preview shows what the last rebuild showed, not the edit, in: {differing[:10]}"
    english = [name for name in fresh if name.endswith(".html") and not name.startswith("ur/")]
    assert report["retitled"]["html"].get("miss", 0) >= len(english) - 1, report["retitled"]["html"]  # not 404.html


def test_a_rebuild_writes_the_site_a_fresh_build_writes(serve_session) -> None:
    report, out = serve_session
    assert report["fresh"]["counts"] == {}, "a `mkdocs build` must render every page itself, with no cache"
    rebuilt, fresh = _tree(out / "rebuilt"), _tree(out / "fresh")
    assert rebuilt.keys() == fresh.keys()
    differing = [name for name in rebuilt if rebuilt[name] != fresh[name]]
    assert not differing, f"the preview differs from what a fresh build publishes in: {differing[:10]}"


def test_a_rebuild_after_a_page_is_deleted_serves_nothing_of_it(serve_session) -> None:
    _, out = serve_session
    before, deleted, fresh = _tree(out / "data-changed"), _tree(out / "deleted"), _tree(out / "fresh-deleted")
    assert "gone/index.html" in before and "ur/gone/index.html" in before, sorted(before)[:40]
    left = sorted(deleted.keys() - fresh.keys())
    assert not left, f"the preview still serves files of a page deleted since the last rebuild: {left}"
    assert deleted.keys() == fresh.keys()
    differing = [name for name in deleted if deleted[name] != fresh[name]]
    assert not differing, f"after a page was deleted the preview differs from a fresh build in: {differing[:10]}"
    assert not (out / "deleted" / "gone").exists(), "the deleted page's folder is left behind, empty"


def test_a_page_served_from_the_cache_still_reports_its_broken_links_and_content_findings(serve_session) -> None:
    report, _ = serve_session
    broken = [w for w in report["first"]["warnings"] if "broken/index.md" in w]
    assert any("missing.md" in w for w in broken) and any("nowhere" in w for w in broken), report["first"]["warnings"]
    assert any("MH401" in w for w in broken) and any("MH203" in w for w in broken), report["first"]["warnings"]
    assert report["rebuilt"]["warnings"] == report["first"]["warnings"], (
        "a page taken from the cache must warn again: the strict build fails on every rebuild, not just the first")
    assert report["fresh"]["warnings"] == report["rebuilt"]["warnings"]


def test_a_change_under_data_renders_every_page_again(serve_session) -> None:
    report, _ = serve_session
    assert report["data changed"]["counts"].get("hit", 0) == 0, (
        f"after data/facts.yml changed, pages that show a fact were served as rendered before: "
        f"{report['data changed']['counts']}")


def test_a_kept_log_record_holds_no_object_of_the_build() -> None:
    """A record's arguments and traceback reference the build's objects: kept as they are, every rebuild's
    pages would stay in memory for as long as `mkdocs serve` runs."""
    build_object = object()
    try:
        raise ValueError("bad page")
    except ValueError:
        record = logging.getLogger("mkdocs.test").makeRecord(
            "mkdocs.test", logging.WARNING, __file__, 1, "page %s: %r", ("a.md", build_object), sys.exc_info())
    kept = render_cache.detached(record)
    assert kept.getMessage() == record.getMessage()
    assert kept.args is None and kept.exc_info is None
    assert "ValueError: bad page" in kept.exc_text
    assert (kept.name, kept.levelno) == ("mkdocs.test", logging.WARNING)
