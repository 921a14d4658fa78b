"""The content checks inside a build: which renderings of a page may confirm its code, and that nothing is lost."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from handbook.checks import analyse_file
from handbook.checks.build import BuildChecks, rendered_as_written, settle_page, settle_rest
from handbook.glossary import append_glossary, strip_glossary
from handbook.vocabulary import Vocabulary, load_vocabulary

ROOT = Path(__file__).resolve().parents[1]
# A script that looks like code in the source (backticks) but is live once rendered: inside raw HTML,
# Markdown makes no code spans.
HIDDEN = "# T\n\n<div>\n\n`<script>alert(1)</script>`\n\n</div>\n"


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary(ROOT / "data" / "vocabulary.yml")


@pytest.mark.parametrize("built, body, same", [
    ("# T\n\ntext\n", "# T\n\ntext\n", True),
    ("# T\n\ntext\n", "\n\n# T\n\ntext\n", True),  # MkDocs drops the blank lines after front matter
    ('# T\n\ntext\n\n--8<-- "glossary/en.md"\n', "# T\n\ntext\n", True),
    ('# T\n\ntext\n\n--8<-- "glossary/ur.md"\n', "# T\n\ntext  \n\n", True),
    ("# T\n\ntext\n", "# T\n\ntext\n\n!!! trainer\n    notes\n", False),  # trainer notes removed for readers
    ("# T\n\n###### generated\n", "# T\n\n<!-- material/tags -->\n", False),
    ('# T\n\n--8<-- "other.md"\n', "# T\n", False),  # only the glossary include is the build's own
])
def test_rendered_as_written(built: str, body: str, same: bool) -> None:
    assert rendered_as_written(built, body) is same


def test_strip_glossary_undoes_append_glossary() -> None:
    for markdown in ("# T\n\ntext\n", "# T\n\n```\ncode\n```\n\n\n", "متن"):
        assert strip_glossary(append_glossary(markdown, "en")) == markdown.rstrip()
    assert strip_glossary('x\n\n--8<-- "glossary/../secret.md"\n').endswith('secret.md"\n')


def _checks(vocabulary: Vocabulary, data: str = HIDDEN) -> tuple[BuildChecks, str]:
    info = analyse_file("/p/docs/en/x.md", data.encode(), kind="page", lang="en", vocabulary=vocabulary, render=False)
    assert info.pending is not None and info.findings == []
    return BuildChecks(Path("/p"), {"/p/docs/en/x.md": info.pending}), info.pending.body


def test_the_build_rendering_confirms_a_page_rendered_as_written(vocabulary: Vocabulary) -> None:
    checks, body = _checks(vocabulary)
    findings = settle_page(checks, "/p/docs/en/x.md", body, lambda: Counter({"MH301": 1}))
    assert [(f.code, f.line, f.col) for f in findings] == [("MH301", 5, 2)], "a live <script> in code's clothing passed"
    assert not checks.pending and checks.confirmed_by_build == 1


def test_a_page_rendered_otherwise_is_left_for_the_end_and_rendered_there(vocabulary: Vocabulary) -> None:
    checks, body = _checks(vocabulary)
    assert settle_page(checks, "/p/docs/en/x.md", "# T\n", lambda: Counter()) == []
    assert settle_page(checks, "/p/docs/en/other.md", body, lambda: Counter()) == []
    assert list(checks.pending) == ["/p/docs/en/x.md"]
    findings = settle_rest(checks)
    assert [(f.code, f.line, f.col) for f in findings] == [("MH301", 5, 2)], "a page the build changed was not checked"
    assert not checks.pending and checks.confirmed_by_rendering == 1


def test_inert_code_confirmed_by_the_build_gives_nothing(vocabulary: Vocabulary) -> None:
    checks, body = _checks(vocabulary, "# T\n\n`<script>alert(1)</script>`\n")
    assert settle_page(checks, "/p/docs/en/x.md", body, lambda: Counter()) == []
    assert settle_rest(checks) == []


def test_a_rebuild_renders_again_only_the_bodies_that_changed(monkeypatch) -> None:
    # `mkdocs serve` settles the same unchanged chapters on every rebuild: their counts are kept by text.
    from handbook.checks import active

    rendered: list[str] = []
    real_render = active.render
    monkeypatch.setattr(active, "render", lambda body: rendered.append(body) or real_render(body))
    monkeypatch.setattr(active, "_RENDERED_COUNTS", {})
    body = "# T\n\n<span onclick=\"x()\">a</span> and `<b onclick=\"y()\">`\n"
    first = active.rendered_counts(body)
    again = active.rendered_counts(body)
    assert first == again and first["MH302"] == 1, "a kept count differs from the page's own rendering"
    again["MH302"] += 5  # a caller changing its copy must not change what the next rebuild sees
    assert active.rendered_counts(body)["MH302"] == 1
    changed = active.rendered_counts(body + "\n<script>z()</script>\n")
    assert changed["MH301"] == 1, "an edited page was confirmed against its old rendering"
    assert len(rendered) == 2, f"rendered {len(rendered)} times for two distinct bodies"


def test_counts_worked_out_in_another_process_confirm_a_page_as_its_own_rendering_would(monkeypatch) -> None:
    # A forked language's build sends back the counts of the pages the checks render last
    # (handbook.parallel_languages): kept, they are what rendering the body gives, and nothing is rendered again.
    from handbook.checks import active

    body = HIDDEN + "\n<!-- a body no other test renders -->\n"
    expected = active.active_html_counts(active.render(body))
    assert expected["MH301"] == 1, "the hidden script is live once rendered"
    active.keep_rendered_counts(body, expected)

    def no_rendering(text: str) -> str:
        raise AssertionError("a body whose counts were kept was rendered again")

    monkeypatch.setattr(active, "render", no_rendering)
    assert active.rendered_counts(body) == expected
