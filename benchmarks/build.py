"""Benchmark the whole build against stock Material for MkDocs, on a blog grown to N posts.

Copies the project into a temporary folder, grows its blog to N English posts (default 1,000) by
copying the ten real posts, 30 % of them with Urdu translations (benchmarks/growth.py), and then
builds, one after the other in the same run:

1. the project, both languages, with the same `mkdocs build --strict` command line as `handbook build`
   (the Urdu pages built in a forked process beside the English ones: handbook.parallel_languages), the
   same with HANDBOOK_PARALLEL_LANGUAGES=0, one language after the other as mkdocs-static-i18n does, and
   the same as a clone's first build, with nothing kept from a build before;
2. stock Material with only its blog and tags plugins over the same English docs (no hooks, no i18n);
3. the same stock Material with the project's own `markdown_extensions` (copied from mkdocs.yml), which
   shows how much of the gap is the Markdown the content needs rather than the project's hooks.

Each build but the clone's first is made once, untimed, before it is timed: the timed builds are a
contributor's later builds, with the compiled templates (HANDBOOK_CACHE_DIR) and the hooks' bytecode kept,
as stock Material's bytecode is kept in site-packages. It prints the wall and CPU time, pages built and
peak memory of each, and the ratio of the project's
time to twice the stock time (the project builds two languages), in wall time (what a contributor waits)
and in CPU time (the work done, summed over the processes). `--profile FILE` also builds the project
under cProfile, one language after the other, and prints where the time went.

    .venv/bin/python benchmarks/build.py                 # 1,000 posts
    .venv/bin/python benchmarks/build.py --posts 0 --repeat 3
    .venv/bin/python benchmarks/build.py --posts 1000 --profile build.prof
"""

from __future__ import annotations

import argparse
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import growth  # noqa: E402  (benchmarks/ is on the path when this file runs as a script)
import profiling  # noqa: E402

PROJECT_PARTS = ("docs", "hooks", "overrides", "data", "snippets", "archive", "mkdocs.yml")
# Stock Material with only the two plugins the project's blog needs; everything else default.
STOCK_CONFIG = "site_name: Stock\ntheme:\n  name: material\nplugins:\n  - blog\n  - tags\n"
TOP = 30
FIRST_BUILD = "same, a clone's first build"  # the one build timed without a build before it


@dataclass(frozen=True)
class Run:
    """One finished build: wall and CPU seconds, peak resident memory, HTML pages written."""

    wall: float
    cpu: float
    peak_mb: float
    pages: int


def copy_project(target: Path, source_root: Path = ROOT) -> Path:
    """A copy of what the build reads: docs, hooks, overrides, data, snippets, archive, mkdocs.yml (no
    compiled Python: a build writes the hooks' own, as in a fresh clone)."""
    target.mkdir(parents=True)
    for name in PROJECT_PARTS:
        source = source_root / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy2(source, target / name)
    return target


def stock_project(english_docs: Path, target: Path) -> Path:
    """A plain Material project over a copy of the English docs: blog and tags plugins only.

    The pages are copied unchanged: stock Material's blog accepts the project's post front matter
    (it validates only the keys it knows) and ignores the project's own keys, and the strict build
    below says so. Were that to change, it fails naming the post and key.
    """
    shutil.copytree(english_docs, target / "docs")
    (target / "mkdocs.yml").write_text(STOCK_CONFIG, encoding="utf-8")
    return target


def markdown_extensions_block(config_text: str) -> str:
    """The `markdown_extensions:` section of a mkdocs.yml, as written (up to the next top-level key)."""
    match = re.search(r"^markdown_extensions:\n(?:[ \t#].*\n|\n)*", config_text, re.M)
    if match is None:
        raise ValueError("mkdocs.yml has no markdown_extensions section")
    return match.group(0)


def stock_with_extensions(stock: Path, project: Path, target: Path) -> Path:
    """The stock project plus the project's Markdown extensions and the snippets they include."""
    shutil.copytree(stock / "docs", target / "docs")
    shutil.copytree(project / "snippets", target / "snippets")
    block = markdown_extensions_block((project / "mkdocs.yml").read_text(encoding="utf-8"))
    (target / "mkdocs.yml").write_text(STOCK_CONFIG + block, encoding="utf-8")
    return target


def build_command(project: Path, *, profile: Path | None = None) -> list[str]:
    """`mkdocs build --strict` of a project, as `handbook build` runs it (optionally under cProfile)."""
    python = [sys.executable, "-m", "cProfile", "-o", str(profile)] if profile else [sys.executable]
    return [*python, "-m", "mkdocs", "build", "--strict", "--config-file", str(project / "mkdocs.yml")]


def build_env(project: Path, site: Path, *, handbook: bool) -> dict[str, str]:
    """The environment of a build: this checkout's `handbook` package; the project's root and site folder.
    Python keeps the bytecode of what it compiles (the hooks'), as on a contributor's machine."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("HANDBOOK_")}
    env.pop("SITE_DIR", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["NO_MKDOCS_2_WARNING"] = "1"
    if handbook:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
        env.update(HANDBOOK_ROOT=str(project), SITE_DIR=str(site))
    return env


def process_rss_mb(pid: int) -> float:
    """Resident memory of a running process, in MB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text("ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def tree_rss_mb(pid: int) -> float:
    """The resident memory of a process and all its descendants, in MB (0 once it is gone)."""
    total, pending = 0.0, [pid]
    while pending:
        current = pending.pop()
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text(encoding="ascii").split()
            total += process_rss_mb(current)
        except OSError:  # ended meanwhile
            continue
        pending += [int(child) for child in children]
    return total


def run_build(command: list[str], project: Path, site: Path, env: dict[str, str], label: str) -> Run:
    """Run one build in a subprocess and measure it; exits naming the build and its last output if it fails.

    Peak memory is the larger of the build process's own peak (with its waited-for children, the largest of
    them) and the largest sum over the build's process tree seen every 0.1 s: the project forks a process per
    further language (handbook.parallel_languages), and both are alive at once."""
    shutil.rmtree(site, ignore_errors=True)
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
        tree_peak = [0.0]
        finished = threading.Event()

        def sample() -> None:
            while not finished.wait(0.1):
                tree_peak[0] = max(tree_peak[0], tree_rss_mb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        # wait4 gives this one child's own resource use: RUSAGE_CHILDREN would keep the largest of all builds.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        finished.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            log.seek(0)
            sys.exit(f"{label}: the build failed (exit {proc.returncode}); its last output:\n{log.read()[-4000:]}")
    pages = sum(1 for _ in site.rglob("*.html"))
    return Run(wall, usage.ru_utime + usage.ru_stime, max(usage.ru_maxrss / 1024, tree_peak[0]), pages)


def median_run(runs: list[Run]) -> Run:
    """The median of each figure over repeated runs."""
    return Run(*(statistics.median(getattr(r, field) for r in runs) for field in ("wall", "cpu", "peak_mb")),
               pages=int(statistics.median(r.pages for r in runs)))


def doubled(run: Run) -> Run:
    """An English-only build counted twice, as for two languages (the same peak memory: one build at a time)."""
    return Run(2 * run.wall, 2 * run.cpu, run.peak_mb, 2 * run.pages)


def load_average() -> str:
    """The 1-, 5- and 15-minute load averages (the machine is shared: figures are noisy when high)."""
    try:
        return " ".join(Path("/proc/loadavg").read_text(encoding="ascii").split()[:3])
    except OSError:
        return "unknown"


def table(rows: list[tuple[str, Run]]) -> str:
    """The figures as an aligned plain-text table."""
    lines = [f"{'build':<48} {'wall s':>8} {'cpu s':>8} {'pages':>7} {'peak MB':>8}"]
    for label, run in rows:
        lines.append(f"{label:<48} {run.wall:>8.1f} {run.cpu:>8.1f} {run.pages:>7,} {run.peak_mb:>8.0f}")
    return "\n".join(lines)


def profile_report(profile: Path, project: Path) -> str:
    """Where the profiled build spent its time, with the project's own files named short."""
    stats = pstats.Stats(str(profile)).stats  # type: ignore[attr-defined]
    hooks = str(project / "hooks")
    roots = {hooks: "hooks/", str(ROOT / "src" / "handbook"): "src/handbook/"}
    return f"profile: {profile} (python -m pstats FILE to explore it)\n" + profiling.report(
        stats, roots, hooks_root=hooks, top=TOP)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1000,
                        help="English posts in the grown blog (0: as it is today); default 1000")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each build; figures are the median")
    parser.add_argument("--profile", type=Path, metavar="FILE",
                        help="also build the project under cProfile, write the profile to FILE, print its top")
    args = parser.parse_args(argv)
    if args.posts < 0 or args.repeat < 1:
        parser.error("--posts must be 0 or more and --repeat 1 or more")

    with tempfile.TemporaryDirectory(prefix="build-bench-") as tmp:
        folder = Path(tmp)
        project = copy_project(folder / "project")
        try:
            grown = growth.grow_docs(project / "docs", args.posts) if args.posts else growth.Growth({}, {})
        except ValueError as error:
            sys.exit(f"cannot grow the blog to {args.posts} posts: {error}")
        english = sum(1 for _ in (project / "docs" / growth.DEFAULT_LANG / growth.POSTS).glob("*.md"))
        urdu = sum(1 for _ in (project / "docs" / growth.TRANSLATED_LANG / growth.POSTS).glob("*.md"))
        print(f"blog: {english:,} English posts ({len(grown.english):,} copies), {urdu:,} Urdu translations")
        stock = stock_project(project / "docs" / growth.DEFAULT_LANG, folder / "stock")

        stock_md = stock_with_extensions(stock, project, folder / "stock-md")
        first = copy_project(folder / "project-first-build", project)  # the same grown project, never built
        compiled = folder / "templates"  # kept from build to build, as in the user's cache folder
        builds = {
            "project, both languages (strict)": (build_command(project), project, folder / "site",
                                                 build_env(project, folder / "site", handbook=True)),
            "same, one language after the other": (
                build_command(project), project, folder / "site",
                {**build_env(project, folder / "site", handbook=True), "HANDBOOK_PARALLEL_LANGUAGES": "0"}),
            FIRST_BUILD: (build_command(first), first, folder / "first-site",
                          build_env(first, folder / "first-site", handbook=True)),
            "stock Material + blog + tags, English": (build_command(stock) + ["--site-dir", str(folder / "stock-site")],
                                                      stock, folder / "stock-site",
                                                      build_env(stock, folder / "stock-site", handbook=False)),
            "same + the project's Markdown extensions": (
                build_command(stock_md) + ["--site-dir", str(folder / "stock-md-site")], stock_md,
                # The project's [[fact:ID]] extension reads the registry of the project copy (HANDBOOK_ROOT).
                folder / "stock-md-site", build_env(project, folder / "stock-md-site", handbook=True)),
        }
        for label, (command, cwd, site, env) in builds.items():
            if label != FIRST_BUILD:  # one build first, untimed, as a contributor has made
                run_build(command, cwd, site, {**env, "HANDBOOK_CACHE_DIR": str(compiled)}, f"{label} (first, untimed)")
        runs: dict[str, list[Run]] = {label: [] for label in builds}
        loads = [load_average()]
        for number in range(args.repeat):
            for label, (command, cwd, site, env) in builds.items():
                if label == FIRST_BUILD:
                    # Nothing kept from a build before: no compiled templates, no bytecode of the hooks.
                    shutil.rmtree(first / "hooks" / "__pycache__", ignore_errors=True)
                    env = {**env, "HANDBOOK_CACHE_DIR": str(folder / f"templates-first-{number}"),
                           "PYTHONDONTWRITEBYTECODE": "1"}
                else:
                    env = {**env, "HANDBOOK_CACHE_DIR": str(compiled)}
                runs[label].append(run_build(command, cwd, site, env, label))
                loads.append(load_average())
                last = runs[label][-1]
                print(f"  run {number + 1}/{args.repeat}: {label}: {last.wall:.1f} s, load {loads[-1]}", flush=True)
        ours, ours_sequential, ours_first, theirs, theirs_md = (median_run(r) for r in runs.values())
        labels = list(builds)
        rows = [(labels[0], ours), (labels[1], ours_sequential), (labels[2], ours_first), (labels[3], theirs),
                (labels[3].replace(", English", ", x2 for two languages"), doubled(theirs)),
                (labels[4], theirs_md), (labels[4] + ", x2", doubled(theirs_md))]
        print(f"\n{'median of %d runs' % args.repeat if args.repeat > 1 else 'one run'}; "
              f"load average (1, 5, 15 min) before and after each build: {'; '.join(loads)}")
        print(table(rows))
        print(f"ratio, project / (2 x stock): wall {ours.wall / (2 * theirs.wall):.2f}, "
              f"cpu {ours.cpu / (2 * theirs.cpu):.2f} (target: 1.5 or less)")
        print(f"ratio, project / (2 x stock with the project's Markdown extensions): "
              f"wall {ours.wall / (2 * theirs_md.wall):.2f}, cpu {ours.cpu / (2 * theirs_md.cpu):.2f}")
        print(f"ratio, project one language after the other / (2 x stock): wall "
              f"{ours_sequential.wall / (2 * theirs.wall):.2f}, cpu {ours_sequential.cpu / (2 * theirs.cpu):.2f}")
        print(f"ratio, a clone's first build / (2 x stock): wall "
              f"{ours_first.wall / (2 * theirs.wall):.2f}, cpu {ours_first.cpu / (2 * theirs.cpu):.2f}")

        if args.profile:
            command, cwd, site, env = builds["project, both languages (strict)"]
            # One language after the other: cProfile sees only its own process, not a forked language's.
            env = {**env, "HANDBOOK_CACHE_DIR": str(folder / "templates-profiled"), "HANDBOOK_PARALLEL_LANGUAGES": "0"}
            profiled = run_build(build_command(project, profile=args.profile.resolve()), cwd, site, env,
                                 "the project under cProfile")
            print(f"\nproject under cProfile: {profiled.wall:.1f} s wall, load {load_average()}")
            print(profile_report(args.profile.resolve(), project))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
