"""Shared fixtures: one real build of the whole site per test session, and small fixture sites."""

from __future__ import annotations

import atexit
import datetime as dt
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_server import BuildServer
from handbook import templates

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "archive" / "blog-archive.txt"
# Slugs of the posts that have an Urdu file: translators add posts, and the site must follow the files.
URDU_POSTS = frozenset(path.stem for path in (ROOT / "docs" / "ur" / "blog" / "posts").glob("*.md"))


@dataclass
class BuildResult:
    """A finished `mkdocs build`: where it went and what it said."""

    site: Path
    returncode: int
    output: str
    made_with: dict = field(default_factory=dict)  # a shared build: its environment, or the command that made it

    def html(self, relative: str) -> BeautifulSoup:
        """Parse one built page."""
        return BeautifulSoup((self.site / relative).read_text(encoding="utf-8"), "lxml")


def run_build(project: Path, site_dir: Path, *, extra_env: dict[str, str] | None = None,
              strict: bool = True, fresh: bool = False) -> BuildResult:
    """Build a project with the real `mkdocs build --strict` command line (or --no-strict): in a child of the
    test build server (tests/build_server.py), or with `fresh` (or HANDBOOK_TESTS_FRESH_BUILDS=1) in a new
    interpreter of its own."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_ROOT": str(project), "SITE_DIR": str(site_dir)}
    env.pop("HANDBOOK_OFFLINE", None)
    env.update(extra_env or {})
    args = ["build", "--strict" if strict else "--no-strict", "--config-file", str(project / "mkdocs.yml")]
    server = None if fresh or os.environ.get("HANDBOOK_TESTS_FRESH_BUILDS") else build_server()
    if server is not None and server.serves(env):
        with tempfile.TemporaryDirectory(prefix="build-log-") as scratch:
            code, out, err = server.run(args, project, env, Path(scratch), timeout=600)
        return BuildResult(site_dir, code, out + err)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=project, env=env, capture_output=True,
                          text=True, timeout=600)
    return BuildResult(site_dir, proc.returncode, proc.stdout + proc.stderr)


_SERVER: list[BuildServer] = []  # this process's build server, started by the first build that uses it


def build_server() -> BuildServer:
    """This test process's build server (each pytest-xdist worker has its own), started on first use."""
    if not _SERVER:
        _SERVER.append(BuildServer())
        atexit.register(_SERVER[0].close)
    return _SERVER[0]


def _build_day_epoch() -> str:
    """Midnight UTC of today: a build made with it shows the same dates as one made without it, today."""
    today = dt.datetime.now(dt.timezone.utc).date()
    return str(int(dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc).timestamp()))


# The builds every worker shares, and how each is made. The web build is the one tests/test_reproducible.py
# builds a second time, so it has a SOURCE_DATE_EPOCH (today's, so readers' dates are as without one); the
# offline copy is made with the command trainers run, `handbook build --offline`.
SHARED_BUILDS = ("site", "offline")


def _make_shared(name: str, target: Path) -> dict:
    """Make one shared build into `target`/site; return what the tests need to know of it."""
    site_dir = target / "site"
    if name == "site":
        env = {"SOURCE_DATE_EPOCH": _build_day_epoch()}
        result = run_build(ROOT, site_dir, extra_env=env, fresh=True)
        return {"returncode": result.returncode, "output": result.output, "env": env}
    command = [sys.executable, "-m", "handbook.cli", "--root", str(ROOT), "build", "--offline", "--site-dir",
               str(site_dir)]
    env = {key: value for key, value in os.environ.items() if key not in ("HANDBOOK_OFFLINE", "SITE_DIR")}
    proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    return {"returncode": proc.returncode, "output": proc.stdout + proc.stderr, "command": command[1:]}


def shared_build(tmp_path_factory: pytest.TempPathFactory, name: str) -> BuildResult:
    """A build made once per test run and shared by every pytest-xdist worker (each worker is its own
    process, so a session fixture alone would build once per worker)."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    target = shared / f"shared-{name}"
    with open(shared / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the first worker builds; the others wait, then read its result
        record = target / "build-result.json"
        if not record.is_file():
            target.mkdir(exist_ok=True)
            # Written whole and renamed, so a worker never reads half a record.
            partial = target / "build-result.json.partial"
            partial.write_text(json.dumps(_make_shared(name, target)), "utf-8")
            partial.replace(record)
        saved = json.loads(record.read_text("utf-8"))
    return BuildResult(target / "site", saved["returncode"], saved["output"], made_with=saved)


@pytest.fixture(scope="session", autouse=True)
def _shared_builds_started_early(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """Start the shared builds this session's tests will need in the background, each worker its own first,
    so neither worker sits idle waiting for one at its first browser test."""
    needed = {"site": False, "offline": False}
    for item in request.session.items:
        names = set(getattr(item, "fixturenames", ()))
        needed["site"] |= bool(names & {"site", "web_server"})
        needed["offline"] |= "offline_site" in names
    order = [name for name in SHARED_BUILDS if needed[name]]
    if int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0) % 2:
        order.reverse()

    def build_all() -> None:
        for name in order:
            try:
                shared_build(tmp_path_factory, name)
            except Exception:  # noqa: BLE001 - the fixture that needs the build makes it again, and reports why
                pass

    # The worker's temporary folder is made here, before the thread starts: under pytest-xdist, the first call of
    # getbasetemp() empties and makes it, so a thread making it at the same time as the first test's fixture
    # deleted what that test had just written (a hostile-case build lost its project folder mid-copy).
    base = tmp_path_factory.getbasetemp()
    # Every build of the run, in any worker, shares one folder of compiled templates (handbook.templates):
    # the first build compiles them, the rest load them; no build writes into the project it builds.
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    os.environ[templates.CACHE_ENV] = str(shared / "compiled-templates")
    thread = threading.Thread(target=build_all, name="shared-builds", daemon=True)
    thread.start()
    yield
    thread.join()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site, built once for the whole test run."""
    result = shared_build(tmp_path_factory, "site")
    assert result.returncode == 0, f"the strict build of the real site failed:\n{result.output[-4000:]}"
    return result


def make_project(tmp_path: Path, pages: dict[str, str], nav: list[str] | None = None) -> Path:
    """A copy of the project's configuration, hooks, overrides and data with only the given pages."""
    project = tmp_path / "project"
    project.mkdir()
    for folder in ("hooks", "overrides", "data", "snippets"):
        shutil.copytree(ROOT / folder, project / folder)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav_yaml = "nav:\n" + "".join(f"  - {page}\n" for page in (nav or []))
    config = re.sub(r"^nav:\n(?:[ \t]+.*\n|\n)*", nav_yaml if nav else "", config, count=1, flags=re.M)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    for path, text in pages.items():
        target = project / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return project


def copy_project(tmp_path: Path) -> Path:
    """A full copy of the project's configuration and content, to change and build."""
    project = tmp_path / "project"
    for folder in ("hooks", "overrides", "data", "docs", "snippets"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


MINIMAL_PAGES = {
    "en/index.md": "---\ntitle: Home\n---\n\n# Home {#home}\n\nHello.\n",
    "ur/index.md": "---\ntitle: سرورق\n---\n\n# سرورق {#home}\n\nخوش آمدید۔\n",
    "en/about/index.md": "---\ntitle: About\n---\n\n# About {#about}\n\n## Help translate {#help-translate}\n\nText.\n",
    "en/blog/index.md": "---\ntitle: Blog\n---\n\n# Blog\n",
    "ur/blog/index.md": "---\ntitle: بلاگ\n---\n\n# بلاگ\n",
    "en/blog/.authors.yml": "authors:\n  drf:\n    name: DRF\n    description: Org\n    avatar: assets/images/logo.svg\n",
    "ur/blog/.authors.yml": "authors:\n  drf:\n    name: ڈی آر ایف\n    description: تنظیم\n    avatar: assets/images/logo.svg\n",
}


CHAPTER_META = ("description: A chapter.\nlevel: beginner\nduration: 30\nteaching: 10\n"
                "objectives: [Name one risk, Choose one step]\nlast_reviewed: 2026-11-29\n"
                "review_by: 2027-05-29\n")


def post(title: str, *, date: str = "2020-01-02", slug: str = "a-post", tags: str = "[privacy]",
         extra: str = "", body: str = "First paragraph.\n\n<!-- more -->\n\nMore.\n") -> str:
    """The text of a small English blog post."""
    return (
        f"---\ndate: {date}\ntitle: {title}\ndescription: A post.\nslug: {slug}\nauthors: [drf]\n"
        f"categories: [Human Rights & Technology]\ntags: {tags}\n{extra}---\n\n# {title}\n\n{body}"
    )


@pytest.fixture
def fixture_site(tmp_path: Path):
    """Build a small site from the given pages (added to a minimal bilingual site)."""

    def build(pages: dict[str, str], nav: list[str] | None = None) -> BuildResult:
        project = make_project(tmp_path, {**MINIMAL_PAGES, **pages}, nav)
        return run_build(project, tmp_path / "site")

    return build


def html_pages(site: Path) -> list[Path]:
    """Every built HTML page."""
    return sorted(site.rglob("*.html"))


def site_urls(request: pytest.FixtureRequest, which: str):
    """(base, url maker) for the web build ("web") or the offline copy ("offline"). A path is given as on the
    web ("ur/", "ur/handbook/passwords"); the offline copy has no directory URLs, so it becomes the file."""
    if which == "web":
        server = request.getfixturevalue("web_server")
        return server.base, lambda path: server.base + path
    site = request.getfixturevalue("offline_site").site
    return site.as_uri() + "/", lambda path: (site / (path + "index.html" if path.endswith("/") else path + ".html")).as_uri()


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The offline copy (file://), built once for the whole test run."""
    result = shared_build(tmp_path_factory, "offline")
    assert result.returncode == 0, f"the strict offline build failed:\n{result.output[-4000:]}"
    return result


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless, driven by Playwright, with its own background networking off."""
    from playwright.sync_api import sync_playwright

    from browser_support import CHROMIUM, CHROMIUM_ARGS, NO_OTHER_HOSTS

    assert Path(CHROMIUM).is_file(), "Chromium is missing: run scripts/ensure-test-tools (make test does)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, chromium_sandbox=False,
                                             args=[*CHROMIUM_ARGS, NO_OTHER_HOSTS])
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def tabs(chromium):
    """Tabs of the session's Chromium lent to one test at a time, each as a first visit sees it, without the
    0.7 CPU-seconds of a new renderer per test (tests/browser_tabs.py says what differs from a new context)."""
    from browser_tabs import TabPool

    pool = TabPool(chromium)
    yield pool
    pool.close()


@pytest.fixture(scope="session")
def phone_browser(chromium, tmp_path_factory: pytest.TempPathFactory):
    """Chromium on a phone without Noto Nastaliq Urdu installed (this machine has Debian's; a reader's phone
    may not, and Lighthouse's runs here are measured so), for the font and layout-shift tests."""
    from layout_shift import launch_without_nastaliq

    browser = launch_without_nastaliq(chromium.browser_type, tmp_path_factory.mktemp("fontconfig"))
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def phone_tabs(phone_browser):
    """Tabs of that browser, lent as `tabs` lends the session Chromium's."""
    from browser_tabs import TabPool

    pool = TabPool(phone_browser)
    yield pool
    pool.close()


@pytest.fixture(scope="session")
def web_server(site: BuildResult):
    """The web build, served on 127.0.0.1."""
    from browser_support import StaticServer

    with StaticServer(site.site) as server:
        yield server


# Tests that spend most of their time waiting, not computing: a page delivered 1 KB every 30 ms, a font held
# back 1.5 s, a search box given 400 ms per query. In one xdist group, one worker runs them all (about a minute)
# while the other worker's builds and browser passes have both cores. Spread over both workers, they ran side
# by side and left the machine a third idle for that minute (it is bound by the CPU the rest of the run).
MOSTLY_WAITING = pytest.mark.xdist_group("mostly-waiting")

# The longest single tests (seconds measured on the 2-core machine, sharing it: 110-190 for each whole-site
# browser pass, 25-100 for the rest), started first. pytest-xdist's loadgroup hands out the xdist groups
# first, the largest first (test_hostile_builds, MOSTLY_WAITING, test_render_cache, test_print, ...), then every
# other test in collection order; a long test left to the end keeps one worker busy while the other has finished.
SLOW_FIRST = (
    "tests/test_browser.py::test_every_offline_page_is_clean",
    "tests/test_browser.py::test_every_served_page_is_clean",
    "tests/test_fixture_builds.py::test_a_third_language_is_one_config_entry_and_a_folder",
    "tests/test_fixture_builds.py::test_editing_one_english_paragraph_marks_exactly_that_translation",
    "tests/test_fixture_builds.py::test_edit_and_correction_links_point_at_each_pages_own_source",
    "tests/test_quick_exit_and_no_js.py::test_every_representative_page_reads_the_same_without_javascript",
    "tests/test_browser.py::test_language_switcher_round_trips",
    "tests/test_font.py::test_handbook_font_adds_a_new_character_and_check_passes_again",
    "tests/test_links.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put the slowest tests first (a stable sort: everything else keeps its order)."""

    def rank(item: pytest.Item) -> int:
        return next((i for i, prefix in enumerate(SLOW_FIRST) if item.nodeid.startswith(prefix)), len(SLOW_FIRST))

    items.sort(key=rank)
