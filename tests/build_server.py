"""A build server for the tests: one process imports MkDocs, its plugins and the handbook package once, then
forks a fresh child for every `mkdocs build` it is asked for.

A small fixture build spends about 0.65 s of its 1.6 s importing; the suite makes well over a hundred of
them. A forked child starts from a process that has imported those modules and done nothing else (never a
build), then runs MkDocs' own command line (`mkdocs build ...`) with the request's working directory,
environment and arguments, its output going to files, exactly as `python -m mkdocs build` would.

What a fork cannot give is a new hash seed: every child shares the server's. Builds that must show they do
not depend on one (tests/test_reproducible.py) run in their own interpreter (conftest.run_build(fresh=True)).

Run as a script it is the server: one JSON request per line on stdin, one JSON answer per line on stdout.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import signal
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path

# Everything a build imports, by package; a module that cannot be imported here is imported by the child.
WARM_PACKAGES = ("mkdocs", "material.plugins", "material.extensions", "mkdocs_static_i18n", "pymdownx",
                 "markdown", "handbook")


def warm_up(packages: tuple[str, ...] = WARM_PACKAGES) -> int:
    """Import every module of the given packages (never a `__main__` but MkDocs' own); return how many."""
    names = ["mkdocs.__main__"]
    for package in packages:
        try:
            module = importlib.import_module(package)
        except Exception:  # noqa: BLE001 - a missing optional package is the child's to report, not ours
            continue
        names += [info.name for info in pkgutil.walk_packages(getattr(module, "__path__", []), package + ".")
                  if not info.name.endswith("__main__")]
    count = 0
    for name in names:
        try:
            importlib.import_module(name)
            count += 1
        except Exception:  # noqa: BLE001 - e.g. material.plugins.social without its optional dependencies
            continue
    return count


def _child(request: dict) -> None:
    """In the forked child: become `mkdocs <args>` run in the request's folder and environment, then exit."""
    code = 1
    try:
        os.chdir(request["cwd"])
        sys.path[0] = os.getcwd()  # as `python -m mkdocs` started in that folder has it
        os.environ.clear()
        os.environ.update(request["env"])
        null = os.open(os.devnull, os.O_RDONLY)
        out = os.open(request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        err = os.open(request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        for source, target in ((null, 0), (out, 1), (err, 2)):
            os.dup2(source, target)
        sys.argv = ["mkdocs", *request["args"]]
        from mkdocs.__main__ import cli

        try:
            cli.main(args=request["args"], prog_name="mkdocs")  # click exits through SystemExit
            code = 0
        except SystemExit as exit_:
            if isinstance(exit_.code, str):
                print(exit_.code, file=sys.stderr)
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        except BaseException:  # noqa: BLE001 - reported as Python itself would, with a traceback and exit 1
            traceback.print_exc()
            code = 1
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001
                pass
        os._exit(code)


def _wait(pid: int, timeout: float) -> int:
    """The child's exit code as subprocess reports it (negative: killed by that signal); killed at `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        time.sleep(0.01)


def serve() -> None:
    """Answer build requests from stdin until it closes."""
    count = warm_up()
    answers = sys.stdout
    answers.write(json.dumps({"ready": count}) + "\n")
    answers.flush()
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _child(request)
        answers.write(json.dumps({"returncode": _wait(pid, request["timeout"])}) + "\n")
        answers.flush()


class BuildServer:
    """The tests' side: start the server once, then run builds through it one at a time."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.proc = subprocess.Popen([sys.executable, __file__], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, env=os.environ.copy())
        ready = json.loads(self.proc.stdout.readline() or "{}")
        if "ready" not in ready:
            raise RuntimeError("the test build server did not start")
        self.env = os.environ.copy()

    def serves(self, env: dict[str, str]) -> bool:
        """Whether a child of this server is the process a new interpreter with `env` would be."""
        return all(env.get(name) == self.env.get(name) for name in ("PYTHONPATH", "PYTHONHOME", "PYTHONHASHSEED"))

    def run(self, args: list[str], cwd: Path, env: dict[str, str], scratch: Path,
            timeout: float) -> tuple[int, str, str]:
        """Run `mkdocs <args>`; return its exit code, stdout and stderr."""
        scratch.mkdir(parents=True, exist_ok=True)
        stdout, stderr = scratch / "build.stdout", scratch / "build.stderr"
        request = {"args": args, "cwd": str(cwd), "env": env, "stdout": str(stdout), "stderr": str(stderr),
                   "timeout": timeout}
        with self.lock:
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
            answer = json.loads(self.proc.stdout.readline() or '{"returncode": null}')
        if answer["returncode"] is None:
            raise RuntimeError("the test build server stopped")
        return answer["returncode"], stdout.read_text("utf-8", "replace"), stderr.read_text("utf-8", "replace")

    def close(self) -> None:
        """Stop the server."""
        if self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait(timeout=30)


if __name__ == "__main__":
    serve()
