"""The built site behind a local gzip-serving static server, for the page-weight and Lighthouse benchmarks."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from handbook.static_server import GzipStaticServer  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


def build(site_dir: Path, site_url: str) -> None:
    """The real strict build of the project into site_dir, with site_url as the public address; exits if it fails."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_ROOT": str(ROOT), "SITE_DIR": str(site_dir),
           "SITE_URL": site_url, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"),
                                                                              os.environ.get("PYTHONPATH")]))}
    env.pop("HANDBOOK_OFFLINE", None)
    print(f"building the site into {site_dir} ...", file=sys.stderr)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    if proc.returncode:
        sys.exit(f"the strict build failed:\n{(proc.stdout + proc.stderr)[-4000:]}")


@contextmanager
def served_site(site: Path | None, port: int = 0) -> Iterator[GzipStaticServer]:
    """Serve `site` gzipped on 127.0.0.1, or build the project first (its site_url then names the server)."""
    if site is not None and not (site / "index.html").is_file():
        sys.exit(f"{site} has no index.html: build the site first (handbook build) or leave out --site")
    with tempfile.TemporaryDirectory(prefix="mahfooz-bench-") as tmp:
        folder = site or Path(tmp) / "site"
        folder.mkdir(exist_ok=True)
        with GzipStaticServer(folder, port) as server:
            if site is None:
                build(folder, server.base)
            yield server
