"""Lighthouse 12, mobile, on the six pages a new reader most often lands on: median of several runs.

Serves the site gzipped from a local static server (built into a temporary folder unless --site is
given), runs npm's `lighthouse` with Debian's Chromium on home, the passwords chapter and the UPR 2017
post in English and Urdu (default mobile emulation and simulated throttling), and prints per page the
median performance, accessibility, best-practices and SEO scores, CLS and total bytes, then the ids of
the audits that failed. Lighthouse is installed on first use into a cache folder outside the repository
(never at test time): $XDG_CACHE_HOME/mahfooz/lighthouse, or ~/.cache/mahfooz/lighthouse.

    .venv/bin/python benchmarks/lighthouse.py                        # build, then 3 runs per page
    .venv/bin/python benchmarks/lighthouse.py --site site/ --port 8000 --runs 1
    .venv/bin/python benchmarks/lighthouse.py --installed-font      # as on a phone with the Urdu font

Chromium runs without any installed Noto Nastaliq Urdu (the page-weight budgets' fontconfig), so Urdu pages
download the web font as on most phones, unless --installed-font is given.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from served_site import CHROMIUM, ROOT, served_site

sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHROMIUM_ARGS  # noqa: E402

from handbook import page_weight  # noqa: E402

LIGHTHOUSE = "lighthouse@12.8.2"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = ["--headless=new", "--no-sandbox", *CHROMIUM_ARGS]
# Lighthouse's own report shows an audit as passed from a score of 0.9.
PASS = 0.9
RUN_TIMEOUT = 300


def cache_dir() -> Path:
    """Where Lighthouse is installed: a per-user cache folder, outside the repository."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "mahfooz" / "lighthouse"


def ensure_lighthouse(folder: Path) -> Path:
    """The Lighthouse CLI script, installed with npm into `folder` the first time."""
    cli = folder / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        print(f"installing {LIGHTHOUSE} into {folder} ...", file=sys.stderr)
        proc = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(folder), LIGHTHOUSE],
                              capture_output=True, text=True)
        if proc.returncode or not cli.is_file():
            sys.exit(f"could not install {LIGHTHOUSE} with npm:\n{(proc.stdout + proc.stderr)[-2000:]}")
    return cli


def run_once(cli: Path, url: str, output: Path, fontconfig: Path | None = None) -> dict:
    """One Lighthouse run (mobile, the default) of one URL; its JSON report. With `fontconfig`, Chromium
    (which Lighthouse starts with its own environment) reads that fontconfig file."""
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    if fontconfig is not None:
        env["FONTCONFIG_FILE"] = str(fontconfig)
    command = ["node", str(cli), url, "--quiet", "--output=json", f"--output-path={output}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROME_FLAGS)}"]
    proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT)
    if proc.returncode or not output.is_file():
        sys.exit(f"lighthouse failed on {url}:\n{(proc.stdout + proc.stderr)[-2000:]}")
    return json.loads(output.read_text("utf-8"))


def figures(lhr: dict) -> dict[str, float]:
    """The table's figures from one Lighthouse result: four scores out of 100, CLS and total bytes."""
    out = {name: round((lhr["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}
    out["cls"] = lhr["audits"]["cumulative-layout-shift"]["numericValue"]
    out["bytes"] = lhr["audits"]["total-byte-weight"]["numericValue"]
    return out


def failing_audits(lhr: dict) -> list[tuple[str, str]]:
    """(category, audit id) of each audit that did not pass (score below 0.9) or could not run."""
    failed = []
    for name in CATEGORIES:
        for ref in lhr["categories"][name]["auditRefs"]:
            audit = lhr["audits"][ref["id"]]
            mode = audit.get("scoreDisplayMode")
            if mode == "error" or (mode in {"binary", "numeric", "metricSavings"} and (audit["score"] or 0) < PASS):
                failed.append((name, ref["id"]))
    return failed


def failure_lines(label: str, counts: dict[tuple[str, str], int], runs: int) -> list[str]:
    """The failing audits of one page, per category; `(n/runs)` marks one that failed in only some runs."""
    lines = []
    for name in CATEGORIES:
        ids = sorted((audit_id, n) for (category, audit_id), n in counts.items() if category == name)
        if ids:
            listed = ", ".join(a if n == runs else f"{a} ({n}/{runs})" for a, n in ids)
            lines.append(f"- {label}, {name}: {listed}")
    return lines or [f"- {label}: none"]


def median_row(runs: list[dict[str, float]]) -> dict[str, float]:
    """The median of each column over the runs (each column on its own)."""
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def table(rows: list[tuple[str, dict[str, float]]]) -> str:
    """The median figures as a Markdown table."""
    lines = ["| page | perf | a11y | best pr. | SEO | CLS | total bytes |", "|---|---|---|---|---|---|---|"]
    for label, row in rows:
        lines.append(f"| {label} | {row['performance']:.0f} | {row['accessibility']:.0f} | "
                     f"{row['best-practices']:.0f} | {row['seo']:.0f} | {row['cls']:.3f} | "
                     f"{page_weight.kb(int(row['bytes']))} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site to serve (default: build one)")
    parser.add_argument("--port", type=int, default=0,
                        help="serve on this port, e.g. the one in the built site's site_url (default: any free one)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page (default 3)")
    parser.add_argument("--reports", type=Path, help="keep every run's JSON report in this folder")
    parser.add_argument("--installed-font", action="store_true",
                        help="let Chromium find an installed Noto Nastaliq Urdu, as on a phone that has it (default: "
                             "hide it, as on most phones, so Urdu pages download the web font)")
    args = parser.parse_args(argv)

    cli = ensure_lighthouse(cache_dir())
    rows: list[tuple[str, dict[str, float]]] = []
    failures: list[str] = []
    with served_site(args.site, args.port) as server, tempfile.TemporaryDirectory() as tmp:
        reports = args.reports or Path(tmp)
        reports.mkdir(parents=True, exist_ok=True)
        # The fontconfig of the page-weight budgets: no installed Nastaliq.
        fontconfig = None if args.installed_font else page_weight.fontconfig_without_nastaliq(Path(tmp))
        for name, lang, url in page_weight.page_urls(server.base):
            runs: list[dict[str, float]] = []
            failed: dict[tuple[str, str], int] = {}
            for run in range(args.runs):
                print(f"{lang} {name}: run {run + 1} of {args.runs}", file=sys.stderr)
                lhr = run_once(cli, url, reports / f"{lang}-{name}-{run + 1}.json", fontconfig)
                runs.append(figures(lhr))
                for key in failing_audits(lhr):
                    failed[key] = failed.get(key, 0) + 1
            rows.append((f"{lang} {name}", median_row(runs)))
            failures += failure_lines(f"{lang} {name}", failed, args.runs)
    font = "Noto Nastaliq Urdu installed" if args.installed_font else "no Noto Nastaliq Urdu installed"
    print(f"Lighthouse ({LIGHTHOUSE}, mobile, simulated throttling, {font}), median of {args.runs} run(s):\n")
    print(table(rows))
    print("\nFailing audits (score below 0.9, or errors):\n" + "\n".join(failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
