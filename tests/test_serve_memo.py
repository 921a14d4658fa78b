"""Pure passes over a page's HTML reuse their result under `mkdocs serve` (handbook.serve_memo); whole serve
sessions are compared with fresh builds in tests/test_render_cache.py."""

from __future__ import annotations

from collections import Counter

import pytest

from handbook import serve_memo


class Build:
    """Stands for one build's config: the store tells builds apart by their build context."""


calls: Counter[str] = Counter()


def shout(text: str, mark: str = "!") -> str:
    calls[text + mark] += 1
    return text.upper() + mark


@pytest.fixture(autouse=True)
def fresh_store():
    calls.clear()
    serve_memo.enable(True)
    yield
    serve_memo.enable(False)


def test_off_outside_serve_every_call_runs_the_function() -> None:
    serve_memo.enable(False)
    build = Build()
    assert [serve_memo.call(build, shout, "a") for _ in range(3)] == ["A!"] * 3
    assert calls["a!"] == 3


def test_the_same_text_and_arguments_run_the_function_once() -> None:
    first, second = Build(), Build()
    assert serve_memo.call(first, shout, "page") == "PAGE!"
    assert serve_memo.call(first, shout, "page") == "PAGE!"
    assert serve_memo.call(second, shout, "page") == "PAGE!"  # the next rebuild
    assert calls["page!"] == 1
    assert serve_memo.call(second, shout, "page", "?") == "PAGE?", "another argument must be another result"
    assert serve_memo.call(second, shout, "page.") == "PAGE.!", "another text must be another result"
    assert calls == {"page!": 1, "page?": 1, "page.!": 1}


def test_a_result_no_build_used_since_the_last_one_is_forgotten() -> None:
    builds = [Build() for _ in range(3)]
    serve_memo.call(builds[0], shout, "old")
    serve_memo.call(builds[1], shout, "new")  # the rebuild after: "old" is no longer on any page
    serve_memo.call(builds[2], shout, "new")
    serve_memo.call(builds[2], shout, "old")
    assert calls == {"old!": 2, "new!": 1}, "a result from two builds ago was kept (the store would grow forever)"


def test_turning_it_off_forgets_every_result() -> None:
    build = Build()
    serve_memo.call(build, shout, "a")
    serve_memo.enable(False)
    serve_memo.enable(True)
    serve_memo.call(build, shout, "a")
    assert calls["a!"] == 2


def test_off_no_key_is_made() -> None:
    """`mkdocs build` meets every page once: it must not pay for digests of texts it will never look up."""
    serve_memo.enable(False)

    def key() -> tuple:
        raise AssertionError("a key was made with the store off")

    assert serve_memo.remember(Build(), key, lambda: "computed") == "computed"
