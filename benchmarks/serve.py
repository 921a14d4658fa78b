"""How long a contributor waits after saving: `mkdocs serve` on a copy of a project, a one-line edit to a
chapter, and the time until the rebuilt site is served.

    .venv/bin/python benchmarks/serve.py                 # this project, 5 edits
    .venv/bin/python benchmarks/serve.py --edits 3 --project ../other-clone --project .

With several --project, each is measured in the same run (a baseline clone beside this one, for example),
so the figures can be compared on this shared, noisy machine. With --stock, stock Material is measured in
the same run too: its blog and tags plugins and the project's Markdown extensions over a copy of the English
docs (benchmarks/build.py's third build), with the same edit. Twice its time is the floor of this
project's two languages, and the ratio to it is printed. Prints each rebuild and the median, as wall
time (what the contributor waits) and as the CPU time the serve process used for it, which a busy machine
disturbs much less. Builds run one after another in the same process: a rebuild that grows in time or memory
from one edit to the next is a leak (the resident memory after each rebuild is printed too).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import build as build_bench  # benchmarks/build.py: benchmarks/ is on the path when this file runs as a script

ROOT = Path(__file__).resolve().parents[1]
COPIED = ("docs", "hooks", "overrides", "data", "snippets", "src", "fonts", "mkdocs.yml")
CHAPTER = Path("docs/en/handbook/passwords.md")
STOCK_CHAPTER = Path("docs/handbook/passwords.md")  # the stock project has the English docs only
# The end of a rebuild: MkDocs' "Documentation built" line, or the reload that follows it (stock Material's
# serve log was seen to leave the first out of a rebuild now and then).
BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds|Reloading browsers")
BUILT_IN = re.compile(r"Documentation built in ([0-9.]+) seconds")
SERVING = re.compile(r"Serving on http://")


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a running process has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text("ascii").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_project(source: Path, target: Path) -> Path:
    """The files a build reads, copied so that the edits never touch the real project."""
    for name in COPIED:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif path.is_file():
            shutil.copy(path, target / name)
    return target


class Server:
    """`mkdocs serve` in a subprocess, its log read line by line in a thread."""

    def __init__(self, project: Path, code: Path | None = None) -> None:
        """`code`: the project whose src/ and data/ the build uses (default: the one served)."""
        code = code or project
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_ROOT": str(code),
               "PYTHONPATH": str(code / "src")}
        self.lines: list[tuple[float, str]] = []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{free_port()}",
             "--config-file", str(project / "mkdocs.yml")],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append((time.monotonic(), line.rstrip()))

    def wait_for(self, pattern: re.Pattern[str], after: int, timeout: float = 600) -> tuple[float, str]:
        """The first log line from index `after` on that matches, with the time it was read."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for stamp, line in self.lines[after:]:
                if pattern.search(line):
                    return stamp, line
            if self.proc.poll() is not None:
                raise RuntimeError("mkdocs serve stopped:\n" + "\n".join(l for _, l in self.lines[-30:]))
            time.sleep(0.02)
        raise TimeoutError(f"no line matching {pattern.pattern!r} in {timeout} s")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def measure(project: Path, edits: int, chapter: Path = CHAPTER,
            code: Path | None = None) -> tuple[list[float], list[float], list[float], list[str], list[float]]:
    """Wall and CPU seconds from each one-line save to the rebuilt site, resident MB after each rebuild,
    the log lines of the last rebuild, and the build times MkDocs logged (the rebuild without the watcher's
    delay; missing when the log left the line out)."""
    server = Server(project, code)
    try:
        server.wait_for(SERVING, 0)
        chapter = project / chapter
        original = chapter.read_text("utf-8")
        times, cpus, memory, log, built_in = [], [], [], [], []
        for n in range(edits):
            time.sleep(1.5)  # let the watcher settle after the previous build
            mark = len(server.lines)
            cpu_before = process_cpu(server.proc.pid)
            started = time.monotonic()
            chapter.write_text(original + f"\nEdited line {n}.\n", encoding="utf-8")
            done, _ = server.wait_for(BUILT, mark)
            times.append(done - started)
            cpus.append(process_cpu(server.proc.pid) - cpu_before)
            memory.append(build_bench.process_rss_mb(server.proc.pid))
            log = [line for _, line in server.lines[mark:]]
            built_in += [float(m.group(1)) for line in log if (m := BUILT_IN.search(line))][:1]
        return times, cpus, memory, log, built_in
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", action="append", type=Path, help="a project folder (repeatable; default: this one)")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--stock", action="store_true", help="measure stock Material over the English docs too")
    args = parser.parse_args(argv)
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    medians: dict[str, float] = {}
    for project in args.project or [ROOT]:
        with tempfile.TemporaryDirectory(prefix="serve-bench-") as tmp:
            copy = copy_project(project.resolve(), Path(tmp))
            times, cpus, memory, log, built_in = measure(copy, args.edits)
        medians[str(project)] = statistics.median(times)
        report(str(project), times, cpus, memory, log, built_in)
    if args.stock:
        with tempfile.TemporaryDirectory(prefix="serve-bench-stock-") as tmp:
            stock = build_bench.stock_with_extensions(build_bench.stock_project(ROOT / "docs" / "en", Path(tmp) / "plain"),
                                                      ROOT, Path(tmp) / "stock")
            times, cpus, memory, log, built_in = measure(stock, args.edits, STOCK_CHAPTER, code=ROOT)
        report("stock Material (English docs, the project's Markdown extensions)", times, cpus, memory, log, built_in)
        floor = 2 * statistics.median(times)
        for project, median in medians.items():
            print(f"{project}: {median:.2f} s against twice stock's {floor:.2f} s: {median / floor:.2f}x")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    return 0


def report(label: str, times: list[float], cpus: list[float], memory: list[float], log: list[str],
           built_in: list[float]) -> None:
    """One project's rebuilds, as the module's docstring says."""
    shown = ", ".join(f"{t:.2f}" for t in times)
    print(f"{label}: rebuild after a one-line edit: median {statistics.median(times):.2f} s ({shown})")
    if built_in:
        print(f"  of which the build MkDocs logged: median {statistics.median(built_in):.2f} s "
              f"({', '.join(f'{b:.2f}' for b in built_in)}); the rest is the file watcher's delay and loading mkdocs.yml")
    print(f"  CPU per rebuild: median {statistics.median(cpus):.2f} s ({', '.join(f'{c:.2f}' for c in cpus)})")
    print(f"  resident memory after each rebuild: {', '.join(f'{m:.0f}' for m in memory)} MB")
    print(f"  log of the last rebuild ({len(log)} lines):")
    for line in log:
        print(f"    {line}")


if __name__ == "__main__":
    sys.exit(main())
