"""Layout shift on Urdu pages when the Nastaliq font arrives late, and the bytes of the font they load.

Serves a built site (default: site/) from a local static server and loads the Urdu home, a chapter and a
post at 360 px, 412 px and desktop width in headless Chromium that cannot find an installed Nastaliq
font, every .woff2 response held back 1.5 s. Prints CLS (largest session window of layout-shift entries)
per page and width, and the font files requested.

    .venv/bin/python -m mkdocs build --strict && .venv/bin/python benchmarks/font_shift.py [--site DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import StaticServer  # noqa: E402
from browser_tabs import TabPool  # noqa: E402
from layout_shift import URDU_PAGES, WIDTHS, browser_without_nastaliq, measure  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default=str(ROOT / "site"), help="a built site (default: site/)")
    parser.add_argument("--delay", type=float, default=1.5, help="seconds each font response is held back")
    args = parser.parse_args()
    site = Path(args.site)
    print(f"{'page':<14} {'width':>8} {'CLS':>7} {'shifts':>6}  font bytes requested")
    with tempfile.TemporaryDirectory() as tmp, StaticServer(site) as server, \
            browser_without_nastaliq(Path(tmp)) as browser:
        tabs = TabPool(browser)  # each load a first visit: nothing cached, nothing stored
        for name, path in URDU_PAGES.items():
            for width in WIDTHS:
                shift = measure(tabs, server.base + path, width, args.delay)
                sizes = [(site / u.removeprefix(server.base)).stat().st_size for u in shift.font_requests]
                fonts = ", ".join(f"{Path(u).name} {s:,}" for u, s in zip(shift.font_requests, sizes)) or "none"
                note = "" if shift.nastaliq_used else "  (Nastaliq not used!)"
                print(f"{name:<14} {width:>8} {shift.cls:7.4f} {shift.shifts:6d}  {fonts}{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
