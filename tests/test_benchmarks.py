"""The blog growth behind benchmarks/build.py: copies that the project's own checks accept. No build."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import MINIMAL_PAGES, ROOT, post
from handbook import frontmatter, translations
from handbook.checks import check_tree
from handbook.vocabulary import load_vocabulary

sys.path.insert(0, str(ROOT / "benchmarks"))
import growth  # noqa: E402
import main_thread  # noqa: E402
import profiling  # noqa: E402

# benchmarks/build.py under a name of its own: `build` is also the name of a PyPI package.
_spec = importlib.util.spec_from_file_location("benchmark_build", ROOT / "benchmarks" / "build.py")
assert _spec and _spec.loader
build = sys.modules["benchmark_build"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)

UR_BODY = "پہلا پیراگراف۔\n\n<!-- more -->\n\nمزید تفصیل۔\n"


def translation_of(english: str, title: str) -> str:
    """An Urdu translation of a fixture post, recorded as matching its English."""
    text = f"---\ntitle: {title}\ndescription: ایک تحریر۔\n---\n\n# {title}\n\n{UR_BODY}"
    return translations.write_record(text, translations.source_fingerprint(english))


ENGLISH = {
    "a-phone-at-the-checkpoint.md": post("A phone at the checkpoint", date="2021-03-04",
                                         slug="a-phone-at-the-checkpoint"),
    "backups-before-travel.md": post("Backups before travel", date="2021-03-05", slug="backups-before-travel"),
    "calls-that-stay-private.md": post("Calls that stay private", date="2021-03-05",
                                       slug="calls-that-stay-private"),
    "deleting-old-posts.md": post("Deleting old posts", date="2020-12-31", slug="deleting-old-posts"),
}
URDU = {
    "a-phone-at-the-checkpoint.md": translation_of(ENGLISH["a-phone-at-the-checkpoint.md"], "ناکے پر فون"),
    "calls-that-stay-private.md": translation_of(ENGLISH["calls-that-stay-private.md"], "محفوظ رہنے والی کالیں"),
}


def meta(text: str) -> dict:
    return frontmatter.split(text).meta


# --- small pure functions ----------------------------------------------------------------------------


@pytest.mark.parametrize(("seed", "number", "name", "slug"), [
    ("a-post.md", 1, "a-post-copy-1.md", "a-post-copy-1"),
    ("why-exactly-is-it-problematic.md", 12, "why-exactly-is-it-problematic-copy-12.md",
     "why-exactly-is-it-problematic-copy-12"),
])
def test_copy_names_and_slugs(seed: str, number: int, name: str, slug: str) -> None:
    assert growth.copy_name(seed, number) == name
    assert growth.copy_slug(seed.removesuffix(".md"), number) == slug


D = dt.date


@pytest.mark.parametrize(("taken", "count", "expected"), [
    ({D(2020, 1, 10)}, 3, [D(2020, 1, 9), D(2020, 1, 8), D(2020, 1, 7)]),
    ({D(2020, 1, 10), D(2020, 1, 8)}, 2, [D(2020, 1, 7), D(2020, 1, 6)]),  # before the earliest: none taken
    ({D(2020, 3, 1), D(2020, 5, 1)}, 1, [D(2020, 2, 29)]),  # across a leap day
    ({D(2020, 1, 10)}, 0, []),
])
def test_free_days(taken: set[dt.date], count: int, expected: list[dt.date]) -> None:
    assert growth.free_days(taken, count) == expected


@pytest.mark.parametrize(("items", "count", "expected"), [
    ([1, 2, 3, 4, 5, 6], 3, [1, 3, 5]),
    ([1, 2, 3, 4, 5, 6], 6, [1, 2, 3, 4, 5, 6]),
    ([1, 2, 3], 5, [1, 2, 3]),  # fewer items than asked: all of them
    ([1, 2, 3], 0, []),
    ([1, 2, 3], -2, []),  # more translations exist than the share asks for
])
def test_spread(items: list[int], count: int, expected: list[int]) -> None:
    assert growth.spread(items, count) == expected


@pytest.mark.parametrize(("total", "target"), [(10, 3), (25, 8), (100, 30), (1000, 300), (1, 0), (2, 1)])
def test_translated_target(total: int, target: int) -> None:
    assert growth.translated_target(total) == target


def test_date_and_slug_are_replaced_and_nothing_else() -> None:
    seed = ENGLISH["backups-before-travel.md"]
    copied = growth.with_date_and_slug(seed, D(2019, 7, 1), "backups-before-travel-copy-2")
    assert meta(copied) == {**meta(seed), "date": D(2019, 7, 1), "slug": "backups-before-travel-copy-2"}
    changed = [(a, b) for a, b in zip(seed.split("\n"), copied.split("\n")) if a != b]
    assert changed == [("date: 2021-03-05", "date: 2019-07-01"),
                       ("slug: backups-before-travel", "slug: backups-before-travel-copy-2")]


@pytest.mark.parametrize(("label", "text", "message"), [
    ("no front matter", "# A post\n\nText.\n", "needs front matter"),
    ("no slug", "---\ndate: 2020-01-01\ntitle: A\n---\n\nText.\n", "exactly one single-line 'slug:'"),
    ("date as a mapping", "---\ndate:\n  created: 2020-01-01\nslug: a\n---\n\nText.\n",
     "could not be replaced"),
])
def test_posts_that_cannot_be_copied_are_refused(label: str, text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        growth.with_date_and_slug(text, D(2019, 1, 1), "a-copy-1")


# --- growing a small blog ------------------------------------------------------------------------------


def test_a_blog_grown_to_25_posts_has_unique_slugs_and_dates_and_the_same_texts() -> None:
    grown = growth.grow(ENGLISH, URDU, 25)
    assert len(grown.english) == 21, "the blog should have 25 English posts: the 4 seeds and 21 copies"
    posts = {**ENGLISH, **grown.english}
    slugs = Counter(meta(text)["slug"] for text in posts.values())
    assert max(slugs.values()) == 1, f"posts share a slug, so one would hide the other: {slugs.most_common(2)}"
    seed_days = {meta(text)["date"] for text in ENGLISH.values()}
    days = Counter(meta(text)["date"] for text in grown.english.values())
    assert max(days.values()) == 1 and not seed_days & set(days), "copies share a date with another post"
    assert all(day < min(seed_days) for day in days), "a copy is dated after the oldest real post"
    for name, text in grown.english.items():
        seed = next(s for s in ENGLISH if name.startswith(s.removesuffix(".md") + "-copy-"))
        assert frontmatter.split(text).body == frontmatter.split(ENGLISH[seed]).body, f"{name} lost its text"


def test_thirty_percent_are_translated_and_every_translation_is_current() -> None:
    grown = growth.grow(ENGLISH, URDU, 25)
    assert len(URDU) + len(grown.translations) == 8, "30 % of 25 posts, rounded, should have a translation"
    assert set(grown.translations) <= set(grown.english), "a translation has no English post"
    for name, text in grown.translations.items():
        state = translations.status(grown.english[name], text, path=f"blog/posts/{name}")
        assert state.state == "fresh" and not state.problems, f"{name} would be reported {state.state}"
        assert text.split("translation:")[0] == URDU[next(s for s in URDU if name.startswith(s[:-3]))].split(
            "translation:")[0], f"{name}: the Urdu title or description changed"


@pytest.mark.parametrize(("total", "message"), [(3, "already has 4 posts"), (0, "already has 4 posts")])
def test_shrinking_is_refused(total: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        growth.grow(ENGLISH, URDU, total)


def test_a_seed_without_a_date_is_named() -> None:
    broken = {**ENGLISH, "undated.md": "---\ntitle: Undated\nslug: undated\n---\n\nText.\n"}
    with pytest.raises(ValueError, match="undated.md: a post to copy needs 'date"):
        growth.grow(broken, {}, 10)


def test_the_grown_docs_pass_the_projects_checks(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    files = {**MINIMAL_PAGES, **{f"en/blog/posts/{n}": t for n, t in ENGLISH.items()},
             **{f"ur/blog/posts/{n}": t for n, t in URDU.items()}}
    for path, text in files.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    grown = growth.grow_docs(docs, 25)
    assert len(list((docs / "en" / "blog" / "posts").glob("*.md"))) == 25
    assert len(list((docs / "ur" / "blog" / "posts").glob("*.md"))) == 2 + len(grown.translations) == 8
    findings = check_tree(docs, vocabulary=load_vocabulary())
    assert not findings, "handbook check refuses the grown blog:\n" + "\n".join(map(str, findings))
    states = Counter(p.state for p in translations.scan(docs, "ur") if p.path.startswith("blog/posts/"))
    assert states == {"fresh": 8, "missing": 17}, f"Urdu posts are not all current: {states}"


# --- the benchmark's own figures ------------------------------------------------------------------------


@pytest.mark.parametrize(("runs", "expected"), [
    ([build.Run(3.0, 2.0, 100.0, 10)], build.Run(3.0, 2.0, 100.0, 10)),
    ([build.Run(9.0, 1.0, 90.0, 10), build.Run(3.0, 3.0, 110.0, 10), build.Run(5.0, 2.0, 100.0, 10)],
     build.Run(5.0, 2.0, 100.0, 10)),
])
def test_median_run(runs: list[build.Run], expected: build.Run) -> None:
    assert build.median_run(runs) == expected


# --- reading the profile ----------------------------------------------------------------------------------

HOOKS, LIB = "/tmp/p/hooks", "/src/handbook"
ROOTS = {HOOKS: "hooks/", LIB: "src/handbook/"}
ON_ENV = (f"{HOOKS}/related.py", 14, "on_env")
RANK = (f"{LIB}/related.py", 372, "rank")
HELPER = (f"{HOOKS}/related.py", 30, "_helper")
EQ = ("/venv/lib/python3.11/site-packages/mkdocs/structure/pages.py", 60, "__eq__")
MAIN = ("/venv/lib/python3.11/site-packages/mkdocs/commands/build.py", 300, "build")
STATS = {
    MAIN: (1, 1, 1.0, 100.0, {}),
    ON_ENV: (2, 2, 0.5, 40.0, {MAIN: (2, 2, 0.5, 40.0)}),
    RANK: (2, 2, 10.0, 30.0, {ON_ENV: (2, 2, 10.0, 30.0)}),
    HELPER: (4, 4, 0.1, 0.2, {ON_ENV: (4, 4, 0.1, 0.2)}),
    EQ: (6_000_000, 6_000_000, 9.0, 9.0, {RANK: (5_000_000, 5_000_000, 8.0, 8.0), MAIN: (1, 1, 1.0, 1.0)}),
    ("~", 0, "<built-in method builtins.isinstance>"): (9, 9, 0.01, 0.01, {MAIN: (9, 9, 0.01, 0.01)}),
}


@pytest.mark.parametrize(("key", "shown"), [
    (ON_ENV, "hooks/related.py:14(on_env)"),
    (RANK, "src/handbook/related.py:372(rank)"),
    (EQ, "mkdocs/structure/pages.py:60(__eq__)"),
    (("~", 0, "<built-in method builtins.isinstance>"), "<built-in method builtins.isinstance>"),
    (("/tmp/p/hooks-old/x.py", 1, "f"), "/tmp/p/hooks-old/x.py:1(f)"),  # a sibling folder is not hooks/
])
def test_profile_locations_are_short(key: tuple[str, int, str], shown: str) -> None:
    assert profiling.short_location(key, ROOTS) == shown


def test_profile_report_names_hook_events_project_functions_and_callers() -> None:
    lines = profiling.report(STATS, ROOTS, hooks_root=HOOKS, top=2).split("\n")
    events = lines[lines.index(next(l for l in lines if l.startswith("hook events"))) + 2:]
    assert events[0].split()[-1] == "hooks/related.py:14(on_env)" and events[1] == "", \
        "the hook events section should list on_env, and only hook events"
    assert "40%" in events[0], "on_env took 40 of the 100 s: its share is wrong"
    own = lines[lines.index("top 2 functions of hooks/ and src/handbook/, by cumulative time:") + 2:][:2]
    assert [row.split()[-1] for row in own] == ["hooks/related.py:14(on_env)", "src/handbook/related.py:372(rank)"]
    overall = "\n".join(lines[lines.index(next(l for l in lines if l.startswith("top 2 functions overall"))):])
    assert "6,000,000" in overall and "called mostly from src/handbook/related.py:372(rank)" in overall, \
        "the report does not say who calls Page.__eq__ millions of times"


def test_the_stock_comparison_gets_the_projects_markdown_extensions_as_written() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = build.markdown_extensions_block(config)
    assert block.startswith("markdown_extensions:\n")
    for name in ("pymdownx.superfences", "handbook.facts_markdown", "pymdownx.snippets", "toc"):
        assert f"  - {name}" in block, f"the stock-with-extensions build would miss {name}"
    assert "\nhooks:" not in block and "\nplugins:" not in block, "the section ran into the next key"
    # Last key of a file, a section followed by another key, and a file without the section.
    assert build.markdown_extensions_block("a: 1\nmarkdown_extensions:\n  - toc\n") == "markdown_extensions:\n  - toc\n"
    assert build.markdown_extensions_block("markdown_extensions:\n  - abbr\n\n  # c\nextra: {}\n") == \
        "markdown_extensions:\n  - abbr\n\n  # c\n"
    with pytest.raises(ValueError, match="no markdown_extensions"):
        build.markdown_extensions_block("site_name: x\n")


# --- benchmarks/main_thread.py: the table it prints -------------------------------------------------------

_NOW = {"style": 241.4, "layout": 181.0, "script": 242.0, "tasks": 1341.2}
_BEFORE = {"style": 458.0, "layout": 252.0, "script": 0.0, "tasks": 1715.0}


@pytest.mark.parametrize("before, expected", [
    (None, "| en home | 241 | 181 | 242 | 1341 |"),
    (_BEFORE, "| en home | 241 (0.53x of 458) | 181 (0.72x of 252) | 242 (-) | 1341 (0.78x of 1715) |"),
])
def test_main_thread_row_shows_each_counter_and_its_ratio_to_the_baseline(before, expected: str) -> None:
    assert main_thread.row("en home", _NOW, before) == expected


def test_main_thread_median_is_taken_counter_by_counter() -> None:
    samples = [{"style": 1, "layout": 9, "script": 5, "tasks": 2}, {"style": 3, "layout": 1, "script": 5, "tasks": 8},
               {"style": 2, "layout": 4, "script": 6, "tasks": 4}]
    assert main_thread.median(samples) == {"style": 2, "layout": 4, "script": 5, "tasks": 4}
