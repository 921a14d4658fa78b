"""What the browser suite checks on a page, as functions the tests and the planted-fault proofs share."""

from __future__ import annotations

import functools
import http.server
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import lxml.html
from bs4 import BeautifulSoup

from handbook.static_server import LocalServer

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
# As the probe of this machine found: without these, Chromium itself calls Google's hosts at start.
CHROMIUM_ARGS = [
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-default-apps", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
    "--metrics-recording-only", "--no-default-browser-check", "--disable-quic", "--disable-gpu",
]
# For the test suite's browser: every host but this machine resolves to nothing, inside Chromium. A stray request
# to another host then fails at once, and the page's request listener still sees and reports it. (Routing every
# request through Playwright to abort such requests cost the whole-site passes a quarter of their time, and
# turned the browser's cache off. Not for Lighthouse: its --chrome-flags are split at spaces.)
NO_OTHER_HOSTS = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
LOCAL_SCHEMES = ("data:", "blob:", "about:", "chrome-error:")
# Records every Content-Security-Policy violation in the page (and in frames it creates), from the start.
CSP_LISTENER = """window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e => window.__cspViolations.push(
  e.effectiveDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber));"""
# What a page's <head> says about privacy: its policy, its referrer policy, a generator meta if any.
HEAD_PRIVACY = """() => ({
  csp: [...document.head.querySelectorAll('meta[http-equiv="Content-Security-Policy"]')].map(m => m.content),
  referrer: document.head.querySelector('meta[name="referrer"]')?.content || null,
  generator: document.head.querySelector('meta[name="generator"]')?.content || null,
})"""
# Readers are on cheap phones: check each page at a 360 px phone width as well as on a desktop, because
# Material hides and rearranges parts of the page below 45em (the footer's previous-page title, the tabs).
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 360, "height": 740}}


def system_scheme_changes_to(page, system: str) -> None:
    """Change the system's light or dark setting under an open page, and let the page see it: a media
    query's 'change' event is delivered at the page's next rendering update, after emulate_media has
    returned, and before that update's animation-frame callbacks run. Then the colour transitions it
    started (Material eases links and buttons into a new colour) are let finish, so colours read are final."""
    page.emulate_media(color_scheme=system)
    next_rendering(page)
    page.evaluate(TRANSITIONS_DONE)


def next_rendering(page) -> None:
    """Wait until the page has been through its next rendering update (two animation frames)."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


# Resolves once no CSS transition runs (one that is cancelled or replaced by another ends its wait, not this one).
TRANSITIONS_DONE = """async () => {
  for (let round = 0; round < 50; round++) {
    const running = document.getAnimations().filter(a => a instanceof CSSTransition);
    if (!running.length) return;
    await Promise.all(running.map(a => a.finished.catch(() => null)));
  }
  throw new Error("CSS transitions still running after 50 rounds");
}"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server that does not log every request."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class StaticServer:
    """Serve a built site on 127.0.0.1 on a free port, in a thread."""

    def __init__(self, directory: Path, handler_class: type[QuietHandler] = QuietHandler) -> None:
        handler = functools.partial(handler_class, directory=str(directory))
        self.httpd = LocalServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "StaticServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@dataclass
class PageReport:
    """What loading one page in Chromium showed."""

    url: str
    lang: str | None = None
    dir: str | None = None
    third_party: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    head: dict = field(default_factory=dict)

    def privacy_problems(self) -> list[str]:
        """What is missing from the page's privacy protections, or what its policy blocked."""
        out = [f"{self.url}: Content-Security-Policy violation: {v}" for v in self.csp_violations]
        csp = self.head.get("csp") or []
        if len(csp) != 1 or "script-src" not in csp[0] or "'unsafe-inline'" in csp[0].split("script-src")[1].split(";")[0]:
            out.append(f"{self.url}: expected one Content-Security-Policy without 'unsafe-inline' scripts, got {csp}")
        if self.head.get("referrer") != "no-referrer":
            out.append(f"{self.url}: referrer policy is {self.head.get('referrer')!r}, expected 'no-referrer'")
        if self.head.get("generator"):
            out.append(f"{self.url}: a generator meta names the software: {self.head['generator']}")
        return out

    def problems(self, expected_lang: str, expected_dir: str) -> list[str]:
        """Everything wrong with this page, as lines a person can act on."""
        out = [f"{self.url}: request to another host: {u}" for u in self.third_party]
        out += [f"{self.url}: console error: {e}" for e in self.console_errors]
        out += [f"{self.url}: failed request: {f}" for f in self.failed]
        out += self.privacy_problems()
        if (self.lang, self.dir) != (expected_lang, expected_dir):
            out.append(f"{self.url}: lang/dir is {self.lang}/{self.dir}, expected {expected_lang}/{expected_dir}")
        return out


def is_local(url: str, base: str) -> bool:
    """A request to the site itself (the local server, or the file system for the offline copy)."""
    return url.startswith(base) or url.startswith(LOCAL_SCHEMES) or (base.startswith("file:") and url.startswith("file:"))


@dataclass
class _Visit:
    """A page being loaded: its report so far, and its requests in flight (with when the last one moved)."""

    report: PageReport
    inflight: dict = field(default_factory=lambda: {"n": 0, "moved": time.monotonic()})


class _Tab:
    """A browser tab that loads pages one after another, each recorded from its first byte into its own report.

    The tab's listeners are attached once and write to the visit in progress. A tab moves on only once its
    page has loaded and no request has moved for a while (settle), so nothing of one page reaches the next
    page's report; reusing the tab spares a renderer process per page.
    """

    def __init__(self, context, base: str) -> None:
        self.page = context.new_page()
        self.base = base
        self.visit: _Visit | None = None
        page = self.page
        page.on("request", self._started)
        page.on("requestfinished", self._finished)
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        page.on("console", lambda m: self._report().console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self._report().console_errors.append(str(e)))
        page.add_init_script(CSP_LISTENER)

    def _report(self) -> PageReport:
        assert self.visit is not None, "an event arrived while the tab had no page to report on"
        return self.visit.report

    def _moved(self, by: int) -> None:
        inflight = self.visit.inflight
        inflight["n"] += by
        inflight["moved"] = time.monotonic()

    def _started(self, request) -> None:
        self._moved(+1)
        if not is_local(request.url, self.base):
            self._report().third_party.append(request.url)

    def _finished(self, _request) -> None:
        self._moved(-1)

    def _failed(self, request) -> None:
        self._moved(-1)
        if is_local(request.url, self.base):
            self._report().failed.append(f"{request.failure} {request.url}")

    def _response(self, response) -> None:
        if response.status >= 400:
            self._report().failed.append(f"{response.status} {response.url}")

    def open(self, url: str) -> None:
        """Start loading a page."""
        self.visit = _Visit(PageReport(url))
        self.page.goto(url, wait_until="commit")

    def finish(self) -> PageReport:
        """Wait until the page has loaded and gone quiet; read its lang, dir and privacy metas."""
        page, visit = self.page, self.visit
        page.wait_for_load_state("load")
        settle(page, visit.inflight)
        report = visit.report
        report.csp_violations = page.evaluate("window.__cspViolations || []")
        report.head = page.evaluate(HEAD_PRIVACY)
        report.lang = page.evaluate("document.documentElement.lang")
        report.dir = page.evaluate("document.body.dir || getComputedStyle(document.body).direction")
        return report

    def close(self) -> None:
        self.page.close()


def load(context, url: str, base: str) -> PageReport:
    """Open a page, record every request, error and failure, and read its lang and dir."""
    [report] = load_all(context, [url], base)
    return report


def load_all(context, urls: list[str], base: str, at_once: int = 6) -> list[PageReport]:
    """load() for many pages, `at_once` tabs loading side by side, each page fully checked on its own."""
    tabs = [_Tab(context, base) for _ in range(min(at_once, len(urls)))]
    reports: list[PageReport] = []
    for start in range(0, len(urls), len(tabs) or 1):
        batch = list(zip(tabs, urls[start:start + len(tabs)]))
        for tab, url in batch:
            tab.open(url)
        reports += [tab.finish() for tab, _ in batch]
    for tab in tabs:
        tab.close()
    return reports


def settle(page, inflight: dict, quiet_ms: int = 150, limit_ms: int = 5000) -> None:
    """Wait until no request has been in flight for `quiet_ms` (faster than Playwright's 500 ms idle)."""
    waited = 0
    while waited < limit_ms:
        if inflight["n"] <= 0 and (time.monotonic() - inflight["moved"]) * 1000 >= quiet_ms:
            return
        page.wait_for_timeout(25)
        waited += 25


@functools.cache
def _axe_source() -> str:
    return AXE.read_text("utf-8")


def axe_violations(page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """Run the axe-core engine in the page, once its CSS transitions have ended (a panel fading in has too little
    contrast for the 0.4 s it takes); describe each violation of the given impacts."""
    page.evaluate(TRANSITIONS_DONE)
    # Evaluated through DevTools, not as an inline <script>: the page's Content-Security-Policy rightly blocks those.
    # Once per page: a second run on the same page (its dark colours) reuses the engine.
    if page.evaluate("typeof window.axe === 'undefined'"):
        page.evaluate(_axe_source() + "\n;true")
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    out = []
    for violation in result["violations"]:
        if violation["impact"] in impacts:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
            out.append(f"{violation['impact']}: {violation['id']} ({violation['help']}) at {'; '.join(targets)}")
    return out


# --- third-party resources and link integrity, from the built files ------------------------------

RESOURCE_ATTRS = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src", "video": "src",
                  "audio": "src", "embed": "src", "object": "data", "track": "src", "image": "href"}
LOADING_RELS = {"stylesheet", "preload", "icon", "modulepreload", "prefetch", "preconnect", "dns-prefetch",
                "manifest", "apple-touch-icon"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


def external(url: str) -> bool:
    """True for an absolute URL (or protocol-relative one) that names a host."""
    url = url.strip()
    return url.startswith("//") or bool(re.match(r"^[a-z][a-z0-9+.-]*://", url, re.I))


def third_party_resources(site: Path, pages: list[Path] | None = None) -> list[str]:
    """Every resource a page would load from another host: scripts, styles, fonts, images, frames."""
    offenders = []
    for page in pages or sorted(site.rglob("*.html")):
        where = page.relative_to(site)
        soup = BeautifulSoup(page.read_text("utf-8"), "lxml")
        for tag, attr in RESOURCE_ATTRS.items():
            for node in soup.find_all(tag):
                if tag == "link" and not set(node.get("rel", [])) & LOADING_RELS:
                    continue  # <link rel="alternate|canonical"> names a page, it loads nothing
                srcset = [u.split()[0] for u in (node.get("srcset") or "").split(",") if u.strip()]
                for value in [node.get(attr) or "", *srcset]:
                    if external(value):
                        offenders.append(f"{where}: <{tag} {attr}={value}>")
        styles = [n["style"] for n in soup.select("[style]")] + [n.get_text() for n in soup.find_all("style")]
        for style in styles:
            offenders += [f"{where}: CSS url {a or b}" for a, b in CSS_URL.findall(style) if external(a or b)]
    return offenders


def first_difference(left: Path, right: Path) -> str | None:
    """The first file that differs between two built sites (or exists in only one), else None."""
    names = sorted({p.relative_to(left) for p in left.rglob("*") if p.is_file()}
                   | {p.relative_to(right) for p in right.rglob("*") if p.is_file()})
    for name in names:
        a, b = left / name, right / name
        if not a.is_file() or not b.is_file():
            return f"{name}: only in {'the second' if not a.is_file() else 'the first'} build"
        if a.read_bytes() != b.read_bytes():
            return f"{name}: contents differ"
    return None


# --- link integrity --------------------------------------------------------


LINKING_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src"}


@dataclass
class _Parsed:
    """What link checking needs of one page: its links (tag, attribute, value) and the ids it can be linked to."""

    links: list[tuple[str, str, str]]
    ids: set[str]


def _parsed(path: Path, cache: dict[Path, _Parsed]) -> _Parsed:
    """A page parsed once (lxml's HTML parser, which BeautifulSoup used here too, without its tree on top)."""
    if path not in cache:
        document = lxml.html.document_fromstring(path.read_text("utf-8"))
        links, ids = [], set()
        for element in document.iter():
            if not isinstance(element.tag, str):
                continue  # comments and processing instructions
            anchor = element.get("id")
            if anchor is not None:
                ids.add(anchor)
            if element.tag == "a" and element.get("name") is not None:
                ids.add(element.get("name"))
            attr = LINKING_ATTRIBUTES.get(element.tag)
            if attr and element.get(attr):
                links.append((element.tag, attr, element.get(attr)))
        cache[path] = _Parsed(links, ids)
    return cache[path]


def _target_file(site: Path, page: Path, href: str) -> Path | None:
    url = urljoin(page.as_uri(), href)
    if not url.startswith("file:"):
        return None
    path = Path(unquote(urlsplit(url).path))
    if path.is_dir() or url.split("#")[0].endswith("/"):
        path = path / "index.html"
    return path


def broken_links(site: Path, pages: list[Path] | None = None) -> list[str]:
    """Every internal href, src and #anchor in the given pages (default: all) that does not resolve."""
    problems: list[str] = []
    cache: dict[Path, _Parsed] = {}
    for page in pages or sorted(site.rglob("*.html")):
        if page.name == "404.html":
            continue  # its links start at the server root, wherever it is served
        for tag, attr, href in _parsed(page, cache).links:
            if href.startswith(("http:", "https:", "mailto:", "tel:", "sms:", "data:", "javascript:", "//")):
                continue
            target = _target_file(site, page, href)
            where = f"{page.relative_to(site)}: <{tag} {attr}={href}>"
            if target is None or not target.exists():
                problems.append(f"{where}: missing file")
                continue
            fragment = urldefrag(href)[1]
            if fragment and target.suffix == ".html" and unquote(fragment) not in _parsed(target, cache).ids:
                problems.append(f"{where}: missing anchor #{unquote(fragment)}")
    return problems
