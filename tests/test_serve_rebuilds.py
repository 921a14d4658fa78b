"""`mkdocs serve` rebuilds the site in one long-lived process: a rebuild must not keep the last one alive."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import MINIMAL_PAGES, ROOT, make_project

# Two builds in one process, as `mkdocs serve` runs them; prints whether the first build's config (and with
# it the first build's files, pages and Jinja environment) could be collected once the second was done.
REBUILD_TWICE = textwrap.dedent("""
    import gc, sys, weakref
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def one_build():
        config = load_config(sys.argv[1], site_dir=sys.argv[2])
        config.plugins.on_startup(command="serve", dirty=False)
        build(config, serve_url="http://127.0.0.1:8000/")
        return weakref.ref(config)

    first = one_build()
    one_build()
    gc.collect()
    print("first build alive" if first() is not None else "first build collected")
""")


def test_a_serve_rebuild_lets_the_previous_build_go(tmp_path: Path) -> None:
    project = make_project(tmp_path, dict(MINIMAL_PAGES))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_ROOT": str(project),
           "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-c", REBUILD_TWICE, str(project / "mkdocs.yml"), str(tmp_path / "site")],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.strip().endswith("first build collected"), (
        "after a second build in the same process the first build is still in memory: every `mkdocs serve` "
        "rebuild would keep the pages of all earlier ones (memory grows with each save)\n" + proc.stdout[-2000:])


def test_the_preview_polls_for_saves_every_tenth_of_a_second_and_still_watches_everything(tmp_path: Path) -> None:
    from mkdocs.livereload import LiveReloadServer

    from handbook import serve_watch

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    server.watch(str(tmp_path / "docs"))
    server.watch(str(tmp_path / "docs"))  # asked twice: unwatched only when both let go
    server.watch(str(tmp_path / "mkdocs.yml"))
    watched = dict(server._watched_paths)
    watches = sorted((w.path, w.is_recursive) for w in server._watch_refs.values())
    serve_watch.poll_every(server)
    assert server.observer.timeout == serve_watch.POLL_SECONDS == 0.1
    assert server._watched_paths == watched
    assert sorted((w.path, w.is_recursive) for w in server._watch_refs.values()) == watches
    assert len(server.observer.emitters) == 2, "each watched path needs its own poller"
    server.unwatch(str(tmp_path / "docs"))
    assert str(tmp_path / "docs") in server._watched_paths, "a path asked for twice stopped being watched after one unwatch"


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_preview_shows_a_saved_edit(tmp_path: Path) -> None:
    # A real `mkdocs serve`: a contributor saves a page and the preview serves the new text.
    import time
    import urllib.request

    project = make_project(tmp_path, dict(MINIMAL_PAGES))
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_ROOT": str(project), "PYTHONPATH": str(ROOT / "src")}
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)

    def about() -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/about/", timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def wait_for(condition, what: str) -> None:
        deadline = time.monotonic() + 180
        while not condition():
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise AssertionError(f"{what}; the preview's log:\n{log.read()[-3000:]}")
            time.sleep(0.2)

    try:
        wait_for(lambda: "Text." in about(), "the preview never served the about page")
        page = project / "docs" / "en" / "about" / "index.md"
        page.write_text(page.read_text(encoding="utf-8").replace("Text.", "Saved just now."), encoding="utf-8")
        wait_for(lambda: "Saved just now." in about(), "the preview never showed the saved edit")
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        log.close()
