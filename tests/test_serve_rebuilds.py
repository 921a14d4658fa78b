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
