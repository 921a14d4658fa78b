"""The suite's own machinery: `make test` runs on two workers with `--dist loadgroup`, and tests that share
an expensive module fixture (the printed PDFs, the workshop pack, the serve session) are marked with
`xdist_group` so that one worker makes it once. With pytest 9.2 and pytest-xdist 3.8 the marks are silently
ignored (pytest-dev/pytest-xdist#1386): each worker then makes every such fixture itself."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

GROUPED = textwrap.dedent("""
    import pytest

    pytestmark = pytest.mark.xdist_group("one-worker")

    @pytest.mark.parametrize("n", range(8))
    def test_grouped(n):
        pass

    @pytest.mark.parametrize("n", range(8))
    @pytest.mark.xdist_group("other-worker")
    def test_other(n):
        pass
""")


def test_tests_marked_with_one_group_run_on_one_worker(tmp_path: Path) -> None:
    (tmp_path / "test_grouped.py").write_text(GROUPED, "utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST_", "HANDBOOK_"))}
    proc = subprocess.run([sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-v", "-p", "no:cacheprovider",
                           "test_grouped.py"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    workers: dict[str, set[str]] = {"grouped": set(), "other": set()}
    for worker, name in re.findall(r"^\[(gw\d+)\].*::test_(grouped|other)\[", proc.stdout, re.M):
        workers[name].add(worker)
    assert all(len(found) == 1 for found in workers.values()), (
        f"tests of one xdist_group ran on several workers ({workers}): `--dist loadgroup` ignores the marks with "
        f"this pytest and pytest-xdist, so every worker builds the shared fixtures itself. See pyproject.toml.")
