"""Main-thread work of a first visit to the six first-visit pages, on a phone: style, layout, script, in ms.

Lighthouse's performance score moves by 2 to 4 points from run to run on this machine; what moves it is
mostly the main thread's work (Total Blocking Time). This measures that work directly: Chromium at 412 px
(a phone's width, touch), its CPU slowed 4x as Lighthouse's mobile preset does, the site served gzipped,
scripts on, and the Urdu font downloaded as a phone without Noto Nastaliq does. For each page it prints
the median over --runs cold loads of Chromium's own counters: style recalculation, layout, script, and all
main-thread tasks, from navigation to 600 ms after the load event.

With --against, a second built site (for example main before a change, built into another folder) is
measured in the same run, page by page, and each figure is printed with its ratio to that baseline.

    .venv/bin/python benchmarks/main_thread.py                                  # build, then 5 runs per page
    .venv/bin/python benchmarks/main_thread.py --site site/ --against /tmp/site-before --runs 7
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

from served_site import CHROMIUM, ROOT, served_site

sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHROMIUM_ARGS  # noqa: E402

from handbook import page_weight  # noqa: E402

PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True,
         "has_touch": True}
CPU_SLOWDOWN = 4
SETTLE_MS = 600
COUNTERS = {"style": "RecalcStyleDuration", "layout": "LayoutDuration", "script": "ScriptDuration",
            "tasks": "TaskDuration"}


def measure(browser, url: str) -> dict[str, float]:
    """One cold load: milliseconds of each counter."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.goto(url, wait_until="load")
    page.wait_for_timeout(SETTLE_MS)
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    context.close()
    return {name: metrics[counter] * 1000 for name, counter in COUNTERS.items()}


def median(samples: list[dict[str, float]]) -> dict[str, float]:
    return {name: statistics.median(s[name] for s in samples) for name in COUNTERS}


def compare(browser, url: str, baseline_url: str | None, runs: int) -> tuple[dict[str, float], dict[str, float] | None]:
    """Medians for the page and, if given, its baseline, their loads alternating so that both share the machine's moods."""
    now, before = [], []
    for _ in range(runs):
        if baseline_url:
            before.append(measure(browser, baseline_url))
        now.append(measure(browser, url))
    return median(now), (median(before) if baseline_url else None)


def row(label: str, now: dict[str, float], before: dict[str, float] | None) -> str:
    cells = []
    for name in COUNTERS:
        cell = f"{now[name]:.0f}"
        if before:
            cell += f" ({now[name] / before[name]:.2f}x of {before[name]:.0f})" if before[name] else " (-)"
        cells.append(cell)
    return f"| {label} | " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site to serve (default: build one)")
    parser.add_argument("--against", type=Path, help="a second built site, measured in the same run as the baseline")
    parser.add_argument("--runs", type=int, default=5, help="cold loads per page and site (default 5)")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    lines = []
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        server = stack.enter_context(served_site(args.site))
        baseline = stack.enter_context(served_site(args.against)) if args.against else None
        playwright = stack.enter_context(sync_playwright())
        browser = page_weight.launch_without_local_nastaliq(playwright.chromium, Path(tmp), CHROMIUM,
                                                            ["--headless=new", *CHROMIUM_ARGS])
        for name, lang, url in page_weight.page_urls(server.base):
            print(f"{lang} {name} ...", file=sys.stderr)
            baseline_url = baseline.base + url[len(server.base):] if baseline else None
            lines.append(row(f"{lang} {name}", *compare(browser, url, baseline_url, args.runs)))
        browser.close()
    what = f", each against {args.against}" if args.against else ""
    print(f"Main-thread ms per cold load at 412 px, CPU {CPU_SLOWDOWN}x slower, median of {args.runs}{what}:\n")
    print("| page | " + " | ".join(COUNTERS) + " |")
    print("|---|" + "---|" * len(COUNTERS))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
