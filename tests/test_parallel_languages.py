"""`mkdocs build` builds the Urdu pages in a forked process beside the English ones (handbook.parallel_languages):
readers, contributors and the strict build must see exactly what the one-after-the-other build gives them.

The whole site is compared in tests/test_reproducible.py: the session's web build (in parallel) against a
second build made one language after the other.
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest

from browser_support import first_difference
from conftest import CHAPTER_META, MINIMAL_PAGES, ROOT, make_project, post, run_build
from handbook import parallel_languages, translations

ONE_AFTER_THE_OTHER = {"HANDBOOK_PARALLEL_LANGUAGES": "0"}


def _both_ways(project: Path, tmp_path: Path, extra_env: dict[str, str] | None = None):
    """The project built in parallel and one language after the other: (parallel, sequential)."""
    env = dict(extra_env or {})
    parallel = run_build(project, tmp_path / "parallel" / "site", extra_env=env, strict=True)
    sequential = run_build(project, tmp_path / "sequential" / "site", extra_env={**env, **ONE_AFTER_THE_OTHER})
    return parallel, sequential


def _warnings_and_errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if re.match(r"^(WARNING|ERROR|Error|Aborted)", line)]


@pytest.mark.parametrize("offline", [False, True], ids=["web", "offline"])
def test_a_site_built_in_parallel_is_the_site_built_one_language_after_the_other(tmp_path: Path, offline: bool) -> None:
    pages = {**MINIMAL_PAGES, "en/blog/posts/a.md": post("A post"), "ur/blog/posts/a.md": (
        "---\ntitle: ایک تحریر\ndescription: ایک تحریر۔\ntranslation:\n  source: en/blog/posts/a.md\n---\n\n"
        "# ایک تحریر\n\nپہلا پیراگراف۔\n\n<!-- more -->\n\nمزید۔\n")}
    project = make_project(tmp_path, pages)
    env = {"SOURCE_DATE_EPOCH": "1764547200", **({"HANDBOOK_OFFLINE": "true"} if offline else {})}
    parallel, sequential = _both_ways(project, tmp_path, env)
    assert sequential.returncode == 0, sequential.output[-3000:]
    assert parallel.returncode == 0, parallel.output[-3000:]
    assert (parallel.site / "ur" / "index.html").is_file()
    assert first_difference(parallel.site, sequential.site) is None, (
        f"building the languages side by side changed the site: {first_difference(parallel.site, sequential.site)}")
    assert not [p for p in parallel.site.parent.rglob("*") if parallel_languages.STAGING_PREFIX in p.name], (
        "the forked language's staging folder was left behind")
    assert _warnings_and_errors(parallel.output) == _warnings_and_errors(sequential.output)


def test_an_urdu_page_s_warning_fails_the_strict_build_once_as_it_did(tmp_path: Path) -> None:
    urdu = "---\ntitle: تعارف\n---\n\n# تعارف {#about}\n\n## ترجمہ {#help-translate}\n\n[کہیں](nowhere.md)\n"
    english = MINIMAL_PAGES["en/about/index.md"]
    pages = {**MINIMAL_PAGES,
             "ur/about/index.md": translations.write_record(urdu, translations.source_fingerprint(english))}
    parallel, sequential = _both_ways(make_project(tmp_path, pages), tmp_path)
    assert sequential.returncode != 0 and parallel.returncode != 0, parallel.output[-3000:]
    found = _warnings_and_errors(parallel.output)
    assert found == _warnings_and_errors(sequential.output)
    mkdocs_warning = [line for line in found if "nowhere.md" in line and "ur/about/index.md" in line
                      and "MH203" not in line]
    assert len(mkdocs_warning) == 1, "the Urdu build's own warning about the link must be shown once:\n" + "\n".join(found)


def test_an_error_in_the_urdu_build_stops_the_build_naming_the_file(tmp_path: Path) -> None:
    # A translated post with no English post: the blog bridge refuses it inside the Urdu build.
    pages = {**MINIMAL_PAGES, "ur/blog/posts/lost.md": "---\ntitle: گم\n---\n\n# گم\n\nمتن۔\n"}
    parallel, sequential = _both_ways(make_project(tmp_path, pages), tmp_path)
    assert parallel.returncode != 0 and sequential.returncode != 0
    message = "translated post has no English source"
    assert message in sequential.output
    assert message in parallel.output and "ur/blog/posts/lost.md:1" in parallel.output, parallel.output[-3000:]


def test_a_hidden_script_in_an_urdu_chapter_stops_the_build_as_it_did(tmp_path: Path) -> None:
    # A chapter's reader page leaves its trainer notes out, so no rendering of the build confirms the chapter:
    # the checks render it at the end, and the Urdu one is rendered by the English build while it waits.
    hidden = "<div>\n\n`<script>alert(1)</script>`\n\n</div>"
    notes = "!!! trainer\n    Ask who has been locked out of an account.\n"
    pages = {**MINIMAL_PAGES,
             "en/handbook/locks.md": f"---\ntitle: Locks\ntags: [privacy]\n{CHAPTER_META}---\n\n# Locks\n\n"
                                     f"Text.\n\n{notes}",
             "ur/handbook/locks.md": f"---\ntitle: تالے\ntags: [privacy]\n{CHAPTER_META}---\n\n# تالے\n\n"
                                     f"متن۔\n\n{hidden}\n\n{notes}"}
    parallel, sequential = _both_ways(make_project(tmp_path, pages), tmp_path)
    assert parallel.returncode != 0 and sequential.returncode != 0, parallel.output[-3000:]
    found = _warnings_and_errors(parallel.output)
    assert found == _warnings_and_errors(sequential.output)
    assert [line for line in found if "MH301" in line and "ur/handbook/locks.md:" in line], (
        "the script that Markdown makes live in the Urdu chapter was not reported:\n" + "\n".join(found))


# --- the parts, without a build -----------------------------------------------------------------------


def _page(url: str, *, locale: str | None = None, alternates: dict | None = None) -> SimpleNamespace:
    file = SimpleNamespace(page=SimpleNamespace(canonical_url=f"https://example.org/{url}", update_date="2026-12-01",
                                                is_link=False), src_uri=f"en/{url.rstrip('/') or 'index'}.md",
                           alternates=alternates or {})
    if locale is not None:
        file.locale = locale
    return file


def test_the_sitemap_reads_a_listed_page_as_it_reads_the_page_itself() -> None:
    template = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides"))).get_template("sitemap.xml")
    pages = [
        _page("", locale="en", alternates={"en": SimpleNamespace(url="./", locale="en"), "ur": SimpleNamespace(url="ur/")}),
        _page("about/"),  # no locale: the template falls back on the language it is listing
        _page("slides/", locale="en"),
    ]
    listed = pickle.loads(pickle.dumps([parallel_languages.listed_file(p) for p in pages]))  # as the child gets them
    context = {"config": SimpleNamespace(site_url="https://example.org/"), "trainer_views": {"en/slides.md"}}
    real = template.render(i18n_alternates={"en": pages}, **context)
    copied = template.render(i18n_alternates={"en": listed}, **context)
    assert copied == real
    assert "https://example.org/about/" in real and 'hreflang="ur" href="https://example.org/ur/"' in real


def test_a_listed_page_lacks_what_the_page_lacks() -> None:
    listed = parallel_languages.listed_file(_page("about/"))
    assert listed.src_uri == "en/about.md" and listed.page.canonical_url == "https://example.org/about/"
    with pytest.raises(AttributeError):
        listed.locale  # noqa: B018


def test_the_language_s_files_go_over_the_default_language_s_except_the_root_404(tmp_path: Path) -> None:
    site, staging = tmp_path / "site", tmp_path / "site" / ".handbook-language-ur"
    for path, text in {"404.html": "en 404", "sitemap.xml": "en only", "index.html": "en home",
                       "assets/en.css": "en", "assets/both.css": "en's"}.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text)
    for path, text in {"404.html": "ur 404", "sitemap.xml": "every language", "ur/index.html": "ur home",
                       "ur/404.html": "ur 404", "ur/search/t-a.js": "ur index", "assets/both.css": "ur's",
                       "assets/ur.css": "ur"}.items():
        (staging / path).parent.mkdir(parents=True, exist_ok=True)
        (staging / path).write_text(text)
    parallel_languages._move_into(str(staging), str(site))
    found = {p.relative_to(site).as_posix(): p.read_text() for p in site.rglob("*") if p.is_file()}
    assert found == {"404.html": "en 404", "sitemap.xml": "every language", "index.html": "en home",
                     "ur/index.html": "ur home", "ur/404.html": "ur 404", "ur/search/t-a.js": "ur index",
                     "assets/en.css": "en", "assets/both.css": "ur's", "assets/ur.css": "ur"}
    assert not staging.exists()


def _child_that(tmp_path: Path, work) -> parallel_languages.Child:
    """A Child whose process runs `work(staging)` and ends without sending a result."""
    import os

    staging = tmp_path / ".handbook-language-ur"
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            work(str(staging))
        finally:
            os._exit(0)
    os.close(write_end)
    return parallel_languages.Child("ur", pid, read_end, str(staging))


def test_the_pages_a_language_s_checks_left_reach_the_default_language_when_it_says(tmp_path: Path) -> None:
    import os
    import time

    def say_later(staging: str) -> None:
        time.sleep(0.3)  # the default language is already waiting
        with open(parallel_languages._checks_left_path(staging), "wb") as out:
            pickle.dump(["/docs/ur/handbook/a.md", "/docs/ur/tags.md"], out)
        time.sleep(0.3)

    child = _child_that(tmp_path, say_later)
    try:
        assert parallel_languages._checks_left_by(child) == ["/docs/ur/handbook/a.md", "/docs/ur/tags.md"]
    finally:
        os.close(child.pipe)
        os.waitpid(child.pid, 0)
        parallel_languages._remove_listing(child)
    assert not os.path.exists(parallel_languages._checks_left_path(child.staging))


def test_each_page_left_is_rendered_once_by_whichever_process_claims_it_first(tmp_path: Path, monkeypatch) -> None:
    import os
    from collections import Counter

    from handbook.checks import active
    from handbook.checks.active import Pending

    pages = [Pending(f"/docs/ur/{n}.md", f"# {n}\n\n<b>{n}</b>\n", (1, 1), Counter())
             for n in range(6)]
    pages[2].required = False  # nothing inert and too big: `handbook check` would not render it either
    staging = str(tmp_path / ".handbook-language-ur")
    os.makedirs(parallel_languages._claims_path(staging))
    rendered: list[str] = []
    monkeypatch.setattr(active, "render", lambda body: rendered.append(body) or f"<p>{body}</p>")
    assert parallel_languages._claim(parallel_languages._claims_path(staging), 0)  # the other process took it
    mine = parallel_languages._render_claimed(staging, [*pages, None], reverse=True)
    theirs = parallel_languages._render_claimed(staging, [*pages, None])
    assert sorted(mine) == sorted(p.body for n, p in enumerate(pages) if n not in (0, 2))
    assert theirs == {} and rendered == [pages[n].body for n in (5, 4, 3, 1)], "a page was rendered twice or skipped"


def test_a_language_that_ends_without_saying_what_its_checks_left_is_not_waited_for(tmp_path: Path) -> None:
    import os
    import time

    child = _child_that(tmp_path, lambda staging: None)  # failed before its pages were rendered, say
    started = time.monotonic()
    try:
        assert parallel_languages._checks_left_by(child) == []
    finally:
        os.close(child.pipe)
        os.waitpid(child.pid, 0)
    assert time.monotonic() - started < 30, "the default language's build hung on a child that had ended"


def test_only_mkdocs_build_forks(monkeypatch) -> None:
    monkeypatch.delenv(parallel_languages.ENV, raising=False)
    try:
        parallel_languages.enable(True)
        assert parallel_languages.enabled()
        monkeypatch.setenv(parallel_languages.ENV, "0")
        parallel_languages.enable(True)
        assert not parallel_languages.enabled(), "HANDBOOK_PARALLEL_LANGUAGES=0 must build one language after the other"
        parallel_languages.enable(False)
        assert not parallel_languages.enabled()
    finally:
        parallel_languages.enable(False)


def test_a_language_whose_process_dies_fails_the_build_saying_so(tmp_path: Path) -> None:
    import os

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # a child that ends without sending anything, as a crashed or killed one would
        os._exit(3)
    os.close(write_end)
    child = parallel_languages.Child("ur", pid, read_end, str(tmp_path / "staging"))
    with pytest.raises(RuntimeError, match=r"'ur' build's process ended without a result \(exit status 3\)"):
        parallel_languages._receive(child)


def test_a_language_never_collected_fails_the_build_instead_of_missing_from_the_site(tmp_path: Path) -> None:
    import os

    from mkdocs.exceptions import PluginError

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.close(write_end)
    staging = tmp_path / ".handbook-language-ur"
    staging.mkdir()
    parallel_languages._running["ur"] = parallel_languages.Child("ur", pid, read_end, str(staging))
    with pytest.raises(PluginError, match="pages of ur were built in a separate process but never collected"):
        parallel_languages.collect_leftovers()
    assert not parallel_languages._running and not staging.exists()
    parallel_languages.collect_leftovers()  # nothing left: nothing to say
