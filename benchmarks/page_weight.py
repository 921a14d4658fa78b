"""What a reader's first visit costs: bytes transferred by home, a chapter and a post in English and Urdu.

Each page is loaded cold (a fresh browser context, cache disabled) in Debian's Chromium at 360 px, from a
local static server that gzips text as a real host does. Bytes are what DevTools counts as transferred
(`encodedDataLength`, headers included). Prints, per page, the total and every resource, largest first,
and the verdict against the budgets (handbook/page_weight.py): English 80 KB, Urdu 180 KB with the font,
no search bytes. Exits 1 when a budget is exceeded.

    .venv/bin/python benchmarks/page_weight.py                 # builds the site into a temporary folder
    .venv/bin/python benchmarks/page_weight.py --site site/    # measures a site already built
"""

from __future__ import annotations

import argparse
import tempfile
import sys
from pathlib import Path

from served_site import CHROMIUM, ROOT, served_site

sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHROMIUM_ARGS  # noqa: E402

from handbook import page_weight  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site to measure (default: build one)")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    with served_site(args.site) as server, sync_playwright() as playwright, \
            tempfile.TemporaryDirectory(prefix="page-weight-") as tmp:
        # As on a phone without the Urdu font installed: the web font is downloaded and counted.
        browser = page_weight.launch_without_local_nastaliq(playwright.chromium, Path(tmp), CHROMIUM, CHROMIUM_ARGS)
        weights = [page_weight.measure(browser, name, lang, url, server.bytes_sent)
                   for name, lang, url in page_weight.page_urls(server.base)]
        browser.close()
    print(page_weight.report(weights))
    over = [line for w in weights for line in page_weight.problems(w)]
    if over:
        print("\nOver budget:\n" + "\n".join(f"- {line}" for line in over))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
