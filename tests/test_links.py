"""Link integrity across the built site: every internal href, src and #anchor resolves, in both builds."""

from __future__ import annotations

from browser_support import broken_links
from conftest import BuildResult


def test_web_build_has_no_broken_internal_links(site: BuildResult) -> None:
    problems = broken_links(site.site)
    assert not problems, "\n".join(problems[:40])


def test_offline_build_has_no_broken_internal_links(offline_site: BuildResult) -> None:
    problems = broken_links(offline_site.site)
    assert not problems, "\n".join(problems[:40])


def test_both_languages_are_checked(site: BuildResult) -> None:
    pages = list(site.site.rglob("*.html"))
    assert sum(p.relative_to(site.site).parts[0] == "ur" for p in pages) > 30
    assert sum(p.relative_to(site.site).parts[0] != "ur" for p in pages) > 30
