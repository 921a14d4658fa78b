"""What a reader's first visit to a page costs in bytes, measured in Chromium, and the budgets it must meet.

The benchmark (benchmarks/page_weight.py) and the test (tests/test_page_weight.py) both measure with
`measure()` and judge with `problems()`, so they cannot disagree.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

KB = 1024  # as Lighthouse and browsers' DevTools count (KiB)

# The pages a new reader most often lands on: the home page, a chapter and a blog post, in each language.
PAGES: dict[str, str] = {
    "home": "",
    "chapter": "handbook/passwords/",
    "post": "blog/2017/04/04/digital-rights-foundation-submits-universal-periodic-review-2017-report-for-pakistan/",
}
LANGUAGE_PREFIXES: dict[str, str] = {"en": "", "ur": "ur/"}
# Cold first load at 360 px, everything included. Urdu pays for its Nastaliq font.
BUDGETS: dict[str, int] = {"en": 80 * KB, "ur": 180 * KB}
# Search must cost nothing until a reader searches.
SEARCH_BUDGET = 0
VIEWPORT = {"width": 360, "height": 740}
# The page is done when no request has been in flight for this long after `load` (Material starts some
# requests, such as the search index, only after `load`), or at the limit.
QUIET_MS = 500
LIMIT_MS = 15_000


@dataclass(frozen=True)
class Resource:
    """One request of a page load: where it went, what kind of thing it fetched, and the bytes transferred."""

    path: str
    kind: str
    bytes: int


@dataclass
class PageWeight:
    """Everything one cold load of a page transferred."""

    name: str
    lang: str
    url: str
    resources: list[Resource] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Bytes transferred in all, headers included."""
        return sum(r.bytes for r in self.resources)

    @property
    def search_bytes(self) -> int:
        """Bytes transferred for search before anyone searched."""
        return sum(r.bytes for r in self.resources if r.kind == "search")

    def largest(self) -> list[Resource]:
        """The resources, largest first (ties by path, so the order is stable)."""
        return sorted(self.resources, key=lambda r: (-r.bytes, r.path))

    def by_kind(self) -> dict[str, int]:
        """Bytes per kind of resource, largest first."""
        kinds: dict[str, int] = {}
        for resource in self.resources:
            kinds[resource.kind] = kinds.get(resource.kind, 0) + resource.bytes
        return dict(sorted(kinds.items(), key=lambda item: (-item[1], item[0])))


def page_urls(base: str) -> list[tuple[str, str, str]]:
    """(name, language, URL) of every measured page under a server's base URL, English first."""
    return [(name, lang, base + prefix + path)
            for lang, prefix in LANGUAGE_PREFIXES.items() for name, path in PAGES.items()]


def is_search(path: str) -> bool:
    """Whether a request belongs to search: anything under a search/ folder, or a search script or worker."""
    segments = [s for s in path.split("/") if s]
    if "search" in segments[:-1] or "pagefind" in segments[:-1]:
        return True
    name = segments[-1] if segments else ""
    return name.startswith("search.") and name.endswith(".js")


def classify(path: str, cdp_type: str | None) -> str:
    """The kind of a request, from its path and DevTools' resource type: search, or document, script, ..."""
    if cdp_type != "Document" and is_search(path):
        return "search"
    kind = (cdp_type or "Other").lower()
    return {"xhr": "data", "fetch": "data"}.get(kind, kind)


def problems(weight: PageWeight, budgets: dict[str, int] | None = None, top: int = 6) -> list[str]:
    """What is over budget on this page, as sentences naming the page and its largest resources."""
    budget = (budgets or BUDGETS)[weight.lang]
    out = []
    if weight.total > budget:
        heaviest = ", ".join(f"{r.path or '/'} {kb(r.bytes)} ({r.kind})" for r in weight.largest()[:top])
        out.append(f"{weight.lang} {weight.name} ({weight.url}) transfers {kb(weight.total)} on a first visit, "
                   f"over its {kb(budget)} budget by {kb(weight.total - budget)}; largest first: {heaviest}")
    if weight.search_bytes > SEARCH_BUDGET:
        searched = ", ".join(f"{r.path} {kb(r.bytes)}" for r in weight.largest() if r.kind == "search")
        out.append(f"{weight.lang} {weight.name} ({weight.url}) downloads search before anyone searches: "
                   f"{kb(weight.search_bytes)} ({searched})")
    return out


def kb(size: int) -> str:
    """A byte count as KB with one decimal."""
    return f"{size / KB:.1f} KB"


def report(weights: list[PageWeight], budgets: dict[str, int] | None = None) -> str:
    """A plain-text table of every page, its breakdown by resource and its verdict."""
    budgets = budgets or BUDGETS
    lines = [f"{'page':<12} {'total':>10} {'budget':>10} {'search':>9}  verdict"]
    for w in weights:
        verdict = "over budget" if problems(w, budgets) else "ok"
        lines.append(f"{w.lang + ' ' + w.name:<12} {kb(w.total):>10} {kb(budgets[w.lang]):>10} "
                     f"{kb(w.search_bytes):>9}  {verdict}")
    for w in weights:
        lines += ["", f"{w.lang} {w.name}: {w.url}  {kb(w.total)}",
                  "  by kind: " + ", ".join(f"{kind} {kb(size)}" for kind, size in w.by_kind().items())]
        lines += [f"  {kb(r.bytes):>10}  {r.kind:<10} {r.path or '/'}" for r in w.largest()]
    return "\n".join(lines)


# A phone without Noto Nastaliq Urdu, the worst case a budget must hold for: this fontconfig hides any
# installed copy (Debian's fonts-noto-core has one), so `local()` finds nothing and the web font downloads.
NO_LOCAL_NASTALIQ = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont><rejectfont><glob>*NastaliqUrdu*</glob></rejectfont></selectfont>
</fontconfig>
"""


def fontconfig_without_nastaliq(tmp_dir: Path) -> Path:
    """NO_LOCAL_NASTALIQ written to `tmp_dir`: the file to give a browser as FONTCONFIG_FILE."""
    conf = tmp_dir / "fonts.conf"
    conf.write_text(NO_LOCAL_NASTALIQ, encoding="utf-8")
    return conf


def launch_without_local_nastaliq(browser_type: Any, tmp_dir: Path, executable: str, args: list[str]) -> Any:
    """Headless Chromium (a Playwright browser type) that cannot find an installed Noto Nastaliq Urdu."""
    conf = fontconfig_without_nastaliq(tmp_dir)
    return browser_type.launch(executable_path=executable, headless=True, chromium_sandbox=False, args=args,
                               env={**os.environ, "FONTCONFIG_FILE": str(conf)})


def measure(browser: Any, name: str, lang: str, url: str,
            sent: Callable[[str], int | None] | None = None) -> PageWeight:
    """Load one page cold (fresh context, cache off) at 360 px in a Playwright Chromium and count its bytes.

    Bytes are DevTools' `encodedDataLength` per request: what crossed the network, compressed, headers
    included. A dedicated worker fetches its own script outside the page's DevTools session; for such a
    request `sent(url)` (the server's own count) supplies the figure.
    """
    context = browser.new_context(viewport=VIEWPORT, is_mobile=True, has_touch=True, device_scale_factor=2)
    try:
        page = context.new_page()
        session = context.new_cdp_session(page)
        seen: dict[str, dict[str, Any]] = {}
        session.on("Network.requestWillBeSent", lambda e: seen.setdefault(e["requestId"], {}).update(
            url=e["request"]["url"], type=e.get("type")))
        session.on("Network.loadingFinished", lambda e: seen.setdefault(e["requestId"], {}).update(
            bytes=int(e["encodedDataLength"])))
        session.send("Network.enable")
        session.send("Network.setCacheDisabled", {"cacheDisabled": True})
        inflight = _track_inflight(page)
        page.goto(url, wait_until="load")
        _settle(page, inflight)
        session.detach()
    finally:
        context.close()
    return PageWeight(name, lang, url, _resources(seen, url, sent))


def _resources(seen: dict[str, dict[str, Any]], page_url: str,
               sent: Callable[[str], int | None] | None) -> list[Resource]:
    """Turn DevTools' request records into resources with site-relative paths (data: URLs cost nothing)."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(page_url))
    out = []
    for record in seen.values():
        url = record.get("url", "")
        if not url or url.startswith(("data:", "blob:", "about:")):
            continue
        size = record.get("bytes")
        if size is None and sent is not None:
            size = sent(url)
        path = urlsplit(url).path.lstrip("/") if url.startswith(origin) else url
        out.append(Resource(path, classify(path, record.get("type")), int(size or 0)))
    return out


def _track_inflight(page: Any) -> dict[str, int]:
    """Count the page's requests in flight, workers' included (Playwright follows those too)."""
    inflight = {"n": 0}

    def done(_request: Any) -> None:
        inflight["n"] -= 1

    page.on("request", lambda _request: inflight.update(n=inflight["n"] + 1))
    page.on("requestfinished", done)
    page.on("requestfailed", done)
    return inflight


def _settle(page: Any, inflight: dict[str, int]) -> None:
    """Wait until nothing has been in flight for QUIET_MS, or LIMIT_MS in all."""
    quiet = waited = 0
    while quiet < QUIET_MS and waited < LIMIT_MS:
        page.wait_for_timeout(50)
        waited += 50
        quiet = quiet + 50 if inflight["n"] <= 0 else 0
