"""When a reader on a slow mobile line first sees each page: real Chromium, really throttled.

Lighthouse's default (simulated) throttling loads the page at full speed and models the slow line
afterwards. For Urdu pages that model counts the whole font as blocking the first paint whenever the
local load fetched it before the first paint, although with `font-display: optional` a slow phone paints
the fallback after at most 100 ms and never waits for the font. This script throttles the browser itself
instead, as Lighthouse's "devtools" method does: every request pays 150 ms round trip and shares
1.6 Mbit/s down, 750 kbit/s up, and the CPU runs 4x slower (Lighthouse's mobile settings).

Each page (home, a chapter and a post in English and Urdu) is loaded cold, at 412 px, in Chromium that
cannot find an installed Nastaliq font, from a local gzip-serving static server. Per page it prints the
median over the runs of first contentful paint, largest contentful paint, and when urdu.css and the font
had arrived. With --against, a second built site is measured in the same run, loads alternating between
the two, and the differences are printed.

    .venv/bin/python benchmarks/slow_line.py --site site/ [--against other-site/] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

from main_thread import CPU_SLOWDOWN, PHONE  # the same phone as the main-thread benchmark
from served_site import CHROMIUM, ROOT, served_site

sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHROMIUM_ARGS  # noqa: E402

from handbook import page_weight  # noqa: E402

# Lighthouse 12's mobile "slow 4G" figures (constants.js throttling.mobileSlow4G).
ROUND_TRIP_MS = 150
DOWN_BYTES_PER_S = 1.6 * 1024 * 1024 / 8
UP_BYTES_PER_S = 750 * 1024 / 8

TIMINGS_JS = """() => new Promise(done => {
  let lcp = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) lcp = e.startTime; })
    .observe({type: "largest-contentful-paint", buffered: true});
  setTimeout(() => {
    const paint = performance.getEntriesByType("paint").find(e => e.name === "first-contentful-paint");
    const arrived = suffix => {
      const r = performance.getEntriesByType("resource").find(e => e.name.endsWith(suffix));
      return r ? r.responseEnd : null;
    };
    done({fcp: paint ? paint.startTime : null, lcp, urdu_css: arrived("/urdu.css"), font: arrived(".woff2")});
  }, 0);
})"""

COLUMNS = ("fcp", "lcp", "urdu_css", "font")


def load_once(browser, url: str) -> dict[str, float | None]:
    """One cold, throttled load of url; the timings in milliseconds from navigation start."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": ROUND_TRIP_MS,
                                                  "downloadThroughput": DOWN_BYTES_PER_S,
                                                  "uploadThroughput": UP_BYTES_PER_S})
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.goto(url, wait_until="load", timeout=60_000)
    page.wait_for_load_state("networkidle", timeout=60_000)
    timings = page.evaluate(TIMINGS_JS)
    context.close()
    return timings


def median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def cell(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True, help="the built site to measure")
    parser.add_argument("--against", type=Path, help="a second built site, measured alternately, to compare with")
    parser.add_argument("--runs", type=int, default=5, help="cold loads per page and site (default 5)")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    sites = {"site": args.site} | ({"against": args.against} if args.against else {})
    results: dict[tuple[str, str], list[dict]] = {}
    with ExitStack() as stack, sync_playwright() as playwright:
        servers = {label: stack.enter_context(served_site(path)) for label, path in sites.items()}
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="slow-line-")))
        browser = page_weight.launch_without_local_nastaliq(playwright.chromium, tmp, CHROMIUM, CHROMIUM_ARGS)
        for _ in range(args.runs):
            for label, server in servers.items():
                for name, lang, url in page_weight.page_urls(server.base):
                    results.setdefault((f"{lang} {name}", label), []).append(load_once(browser, url))
        browser.close()

    print(f"Slow 4G in Chromium itself: {ROUND_TRIP_MS} ms round trip, {DOWN_BYTES_PER_S * 8 / 1024 / 1024:.1f} "
          f"Mbit/s down, CPU {CPU_SLOWDOWN}x slower, {PHONE['viewport']['width']} px, no installed Nastaliq; "
          f"median of {args.runs} "
          "cold loads, milliseconds from navigation start.\n")
    print(f"{'page':<12} {'site':<9} " + " ".join(f"{c:>9}" for c in COLUMNS))
    for page in dict.fromkeys(page for page, _ in results):
        medians = {}
        for label in sites:
            runs = results[(page, label)]
            medians[label] = {c: median([run[c] for run in runs]) for c in COLUMNS}
            print(f"{page:<12} {label:<9} " + " ".join(f"{cell(medians[label][c]):>9}" for c in COLUMNS))
        if args.against:
            diffs = [None if medians["site"][c] is None or medians["against"][c] is None
                     else medians["site"][c] - medians["against"][c] for c in COLUMNS]
            print(f"{'':<12} {'change':<9} " + " ".join(
                f"{'-' if d is None else f'{d:+,.0f}':>9}" for d in diffs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
