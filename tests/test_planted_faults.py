"""Proof that the suite bites: plant a fault in a temporary copy of the built site and watch it be caught."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from browser_support import (StaticServer, axe_violations, broken_links, load, load_all,
                             third_party_resources)
from conftest import BuildResult

PAGE = "handbook/passwords/index.html"
URDU_PAGE = "ur/handbook/passwords/index.html"


@pytest.fixture
def site_copy(site: BuildResult, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(site.site, copy)
    return copy


def plant(site: Path, page: str, html: str, where: str = "</article>") -> None:
    path = site / page
    text = path.read_text("utf-8")
    assert where in text
    path.write_text(text.replace(where, html + where, 1), "utf-8")


GOOGLE_FONT = '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto">'


def test_a_google_font_is_caught_statically_and_in_the_browser(site_copy: Path, chromium) -> None:
    plant(site_copy, URDU_PAGE, GOOGLE_FONT, where="</head>")
    assert any("fonts.googleapis.com" in o for o in third_party_resources(site_copy, [site_copy / URDU_PAGE]))
    with StaticServer(site_copy) as server:
        context = chromium.new_context()
        report = load(context, server.base + "ur/handbook/passwords/", server.base)
        context.close()
    problems = report.problems("ur", "rtl")
    assert any("request to another host: https://fonts.googleapis.com/" in p for p in problems), problems


def test_a_missing_anchor_is_caught(site_copy: Path) -> None:
    plant(site_copy, PAGE, '<p><a href="../account-security/#no-such-section">see</a></p>')
    problems = broken_links(site_copy, [site_copy / PAGE])
    assert problems == [f"{PAGE}: <a href=../account-security/#no-such-section>: missing anchor #no-such-section"]


def test_a_missing_file_is_caught_in_the_browser(site_copy: Path, chromium) -> None:
    plant(site_copy, PAGE, '<img src="../../assets/images/missing.png" alt="x">')
    with StaticServer(site_copy) as server:
        context = chromium.new_context()
        report = load(context, server.base + "handbook/passwords/", server.base)
        context.close()
    assert any("404" in f and "missing.png" in f for f in report.failed), report


def test_a_critical_accessibility_violation_is_caught(site_copy: Path, chromium) -> None:
    plant(site_copy, URDU_PAGE, '<p><img src="../../../assets/images/logo.svg"></p>')
    with StaticServer(site_copy) as server:
        context = chromium.new_context()
        page = context.new_page()
        page.goto(server.base + "ur/handbook/passwords/")
        violations = axe_violations(page)
        context.close()
    assert any(v.startswith("critical: image-alt") for v in violations), violations


def test_wrong_direction_is_caught(site_copy: Path, chromium) -> None:
    path = site_copy / URDU_PAGE
    path.write_text(path.read_text("utf-8").replace('<body dir="rtl"', '<body dir="ltr"', 1), "utf-8")
    with StaticServer(site_copy) as server:
        context = chromium.new_context()
        report = load(context, server.base + "ur/handbook/passwords/", server.base)
        context.close()
    assert f"{report.url}: lang/dir is ur/ltr, expected ur/rtl" in report.problems("ur", "rtl")


def test_an_inline_script_that_slips_into_a_page_is_blocked_and_reported(site_copy: Path, chromium) -> None:
    plant(site_copy, URDU_PAGE, '<script>document.title = "planted"</script>')
    with StaticServer(site_copy) as server:
        context = chromium.new_context()
        page = context.new_page()
        page.goto(server.base + "ur/handbook/passwords/")
        title = page.title()
        context.close()
        context = chromium.new_context()
        report = load(context, server.base + "ur/handbook/passwords/", server.base)
        context.close()
    assert title != "planted", "an inline script planted in a page ran: the Content-Security-Policy let it through"
    problems = report.problems("ur", "rtl")
    assert any("Content-Security-Policy violation: script-src-elem blocked inline" in p for p in problems), problems
    assert any("Content Security Policy" in e for e in report.console_errors), report.console_errors


def test_a_page_without_its_policy_is_caught(site_copy: Path, chromium) -> None:
    path = site_copy / PAGE
    path.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", path.read_text("utf-8")), "utf-8")
    with StaticServer(site_copy) as server:
        context = chromium.new_context()
        report = load(context, server.base + "handbook/passwords/", server.base)
        context.close()
    assert f"{report.url}: expected one Content-Security-Policy without 'unsafe-inline' scripts, got []" in report.problems("en", "ltr")


def test_a_tab_reused_for_many_pages_reports_each_fault_on_its_own_page(tmp_path: Path, chromium) -> None:
    """load_all moves each tab from page to page: a fault must be reported on the page that has it, and only there."""
    site = tmp_path / "tiny"
    site.mkdir()
    # Each names its icon, as the site's pages do: without one, Chromium asks for /favicon.ico on its own and
    # logs the 404 to the console of whichever page is open.
    head = '<!doctype html><html lang="en"><head><link rel="icon" href="data:,"></head>'
    clean = head + '<body><p>clean</p></body></html>'
    faulty = (head + '<body><img src="missing.png" alt="x">'
              '<script>console.error("planted error")</script><p>faulty</p></body></html>')
    (site / "clean.html").write_text(clean, "utf-8")
    (site / "faulty.html").write_text(faulty, "utf-8")
    with StaticServer(site) as server:
        context = chromium.new_context()
        names = ["faulty", "clean", "faulty", "clean", "clean"]
        reports = load_all(context, [f"{server.base}{name}.html" for name in names], server.base, at_once=2)
        context.close()
    for name, report in zip(names, reports, strict=True):
        has_fault = bool(report.failed) or bool(report.console_errors)
        assert has_fault == (name == "faulty"), f"{report.url}: failed={report.failed} errors={report.console_errors}"
        if name == "faulty":
            assert any("404" in f and "missing.png" in f for f in report.failed), report
            assert any("planted error" in e for e in report.console_errors), report


def test_a_request_to_another_host_is_reported_and_fails_at_once_without_routing(site_copy: Path, chromium) -> None:
    """No test routes requests: the suite's Chromium must refuse other hosts by itself, and fast."""
    plant(site_copy, PAGE, '<img src="https://tracker.example.com/pixel.gif" alt="">')
    with StaticServer(site_copy) as server:
        context = chromium.new_context()
        started = time.monotonic()
        [report] = load_all(context, [server.base + "handbook/passwords/"], server.base)
        took = time.monotonic() - started
        context.close()
    assert report.third_party == ["https://tracker.example.com/pixel.gif"], report
    assert took < 20, f"a request to another host held the page for {took:.0f} s instead of failing at once"
