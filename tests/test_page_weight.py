"""Page-weight budgets: what a reader's first visit downloads, measured cold in Chromium from a gzip server."""

from __future__ import annotations

import gzip
import os
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from handbook import page_weight
from handbook.page_weight import KB, PageWeight, Resource
from handbook.static_server import GzipStaticServer, accepts_gzip, compressible, resolve

# --- pure functions ----------------------------------------------------------------------------


@pytest.mark.parametrize(("header", "expected"), [
    ("gzip, deflate, br, zstd", True),  # what Chromium sends
    ("gzip", True),
    ("GZIP;q=0.5", True),
    ("br", False),
    ("", False),
    (None, False),
    ("gzip;q=0", False),
    ("gzip;q=0.0, br", False),
    ("*", True),
    ("*;q=0", False),
    ("gzip;q=0, *", False),  # gzip named and refused: the wildcard does not bring it back
    ("identity, *;q=0.1", True),
    ("gzip;q=nonsense", False),
])
def test_accept_encoding_negotiation(header: str | None, expected: bool) -> None:
    assert accepts_gzip(header) is expected, f"Accept-Encoding {header!r} should {'' if expected else 'not '}get gzip"


@pytest.mark.parametrize(("name", "expected"), [
    ("index.html", True), ("main.57a0d79d.min.css", True), ("bundle.js", True), ("search_index.json", True),
    ("sitemap.xml", True), ("logo.svg", True), ("robots.txt", True), ("PAGE.HTML", True),
    ("noto-nastaliq-urdu-arabic-400-normal.woff2", False), ("photo.png", False), ("photo.jpg", False),
    ("sitemap.xml.gz", False), ("handouts.zip", False),
])
def test_only_text_is_gzipped(name: str, expected: bool) -> None:
    assert compressible(name) is expected


@pytest.mark.parametrize(("path", "expected"), [
    ("search/search_index.json", True),
    ("ur/search/search_index.json", True),
    ("assets/javascripts/workers/search.a7633da7.min.js", True),
    ("pagefind/pagefind-entry.json", True),
    ("assets/javascripts/bundle.a5f9d56c.min.js", False),
    ("handbook/search-engines-and-privacy/", False),  # a page about search is not search
    ("", False),
])
def test_what_counts_as_search(path: str, expected: bool) -> None:
    assert page_weight.is_search(path) is expected


@pytest.mark.parametrize(("path", "cdp_type", "expected"), [
    ("search/search_index.json", "XHR", "search"),
    ("assets/fonts/noto.woff2", "Font", "font"),
    ("assets/javascripts/bundle.js", "Script", "script"),
    ("data/glossary.json", "Fetch", "data"),
    ("assets/images/favicon.svg", None, "other"),
    ("blog/category/search/", "Document", "document"),  # a page is never search, whatever its address
    ("ur/search/index.json", "Fetch", "search"),
])
def test_resource_kinds(path: str, cdp_type: str | None, expected: str) -> None:
    assert page_weight.classify(path, cdp_type) == expected


def weight(lang: str, *sizes: tuple[str, str, int]) -> PageWeight:
    """A measured page made of the given (path, kind, bytes)."""
    return PageWeight("chapter", lang, "http://127.0.0.1/x/", [Resource(p, k, b) for p, k, b in sizes])


def test_within_budget_is_no_problem() -> None:
    page = weight("en", ("x/", "document", 10 * KB), ("bundle.js", "script", 60 * KB), ("main.css", "stylesheet", 10 * KB))
    assert page.total == 80 * KB
    assert page_weight.problems(page) == []


def test_over_budget_names_page_and_resources_largest_first() -> None:
    page = weight("en", ("x/", "document", 10 * KB), ("main.css", "stylesheet", 30 * KB),
                  ("bundle.js", "script", 45 * KB))
    [problem] = page_weight.problems(page)
    assert problem.startswith("en chapter (http://127.0.0.1/x/) transfers 85.0 KB")
    assert "over its 80.0 KB budget by 5.0 KB" in problem
    assert problem.index("bundle.js 45.0 KB") < problem.index("main.css 30.0 KB") < problem.index("x/ 10.0 KB")


def test_urdu_budget_includes_the_font() -> None:
    page = weight("ur", ("ur/x/", "document", 12 * KB), ("nastaliq.woff2", "font", 95 * KB),
                  ("bundle.js", "script", 60 * KB))
    assert page_weight.problems(page) == []
    heavier = weight("ur", *[(r.path, r.kind, r.bytes) for r in page.resources], ("bold.woff2", "font", 20 * KB))
    [problem] = page_weight.problems(heavier)
    assert "ur chapter" in problem and "bold.woff2 20.0 KB (font)" in problem


def test_any_search_byte_fails_even_within_budget() -> None:
    page = weight("en", ("x/", "document", 10 * KB), ("search/search_index.json", "search", 1))
    [problem] = page_weight.problems(page)
    assert "downloads search before anyone searches" in problem and "search/search_index.json" in problem


def test_report_lists_every_page_and_resource() -> None:
    pages = [weight("en", ("x/", "document", 3 * KB), ("search/search_index.json", "search", 90 * KB)),
             weight("ur", ("ur/x/", "document", 4 * KB))]
    text = page_weight.report(pages)
    assert "en chapter" in text and "ur chapter" in text
    assert "search/search_index.json" in text and "over budget" in text and " ok" in text


# --- the gzip server, over real HTTP -----------------------------------------------------------


def fetch(url: str, encoding: str | None = "gzip, deflate, br") -> tuple[int, dict[str, str], bytes]:
    """Status, headers and raw (still encoded) body of a GET."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - a local test server
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "handbook").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "index.html").write_text("<!doctype html><p>" + "Mahfooz " * 500, encoding="utf-8")
    (site / "handbook" / "index.html").write_text("<!doctype html><p>chapters", encoding="utf-8")
    (site / "404.html").write_text("<!doctype html><p>not found", encoding="utf-8")
    (site / "assets" / "font.woff2").write_bytes(b"wOF2" + bytes(range(256)) * 8)
    (tmp_path / "secret.txt").write_text("outside the site", encoding="utf-8")
    return site


def test_server_gzips_html_for_clients_that_accept_it(small_site: Path) -> None:
    with GzipStaticServer(small_site) as server:
        status, headers, body = fetch(server.base)
        plain_status, plain_headers, plain = fetch(server.base, encoding=None)
    assert status == plain_status == 200
    assert headers["Content-Encoding"] == "gzip" and headers["Vary"] == "Accept-Encoding"
    assert gzip.decompress(body) == plain == (small_site / "index.html").read_bytes()
    assert int(headers["Content-Length"]) == len(body) < len(plain) / 10
    assert "Content-Encoding" not in plain_headers
    assert headers["Content-Type"] == "text/html; charset=utf-8"


def test_server_never_gzips_fonts(small_site: Path) -> None:
    with GzipStaticServer(small_site) as server:
        status, headers, body = fetch(server.base + "assets/font.woff2")
    assert status == 200 and "Content-Encoding" not in headers
    assert body == (small_site / "assets" / "font.woff2").read_bytes()
    assert headers["Content-Type"] == "font/woff2"


def test_server_counts_what_it_sent(small_site: Path) -> None:
    with GzipStaticServer(small_site) as server:
        _, headers, body = fetch(server.base + "handbook/")
        sent = server.bytes_sent(server.base + "handbook/")
        never = server.bytes_sent(server.base + "about/")
    assert sent is not None and len(body) < sent < len(body) + 400, "headers plus body, as a browser counts them"
    assert never is None


def test_server_redirects_folders_and_serves_404_page(small_site: Path) -> None:
    with GzipStaticServer(small_site) as server:
        status, _, body = fetch(server.base + "handbook")  # urllib follows the redirect to handbook/
        missing, _, missing_body = fetch(server.base + "no/such/page/", encoding=None)
    assert status == 200 and body and gzip.decompress(body).endswith(b"chapters")
    assert missing == 404 and missing_body == b"<!doctype html><p>not found"


@pytest.mark.parametrize("path", ["../secret.txt", "%2e%2e/secret.txt", "handbook/../../secret.txt"])
def test_server_never_leaves_its_folder(small_site: Path, path: str) -> None:
    assert resolve(small_site.resolve(), "/" + path) == (None, False)
    with GzipStaticServer(small_site) as server:
        status, _, body = fetch(server.base + path, encoding=None)
    assert status == 404 and b"outside the site" not in body


# --- the real site, in Chromium ----------------------------------------------------------------


@pytest.fixture(scope="module")
def gzip_server(site):
    with GzipStaticServer(site.site) as server:
        yield server


@pytest.mark.parametrize(("name", "lang", "path"), page_weight.page_urls(""), ids=lambda v: str(v) or "home")
def test_first_visit_within_budget(phone_browser, gzip_server, name: str, lang: str, path: str) -> None:
    """On a phone without Noto Nastaliq Urdu installed: the worst case, where the web font downloads."""
    measured = page_weight.measure(phone_browser, name, lang, gzip_server.base + path, gzip_server.bytes_sent)
    assert measured.resources, f"{lang} {name}: nothing was measured at {measured.url}"
    over = page_weight.problems(measured)
    assert not over, "a reader's first visit is too heavy:\n" + "\n".join(over)


def test_measurement_counts_compressed_bytes(chromium, gzip_server, site) -> None:
    """The page's own HTML is counted as its gzipped size plus headers, not its size on disk."""
    name, lang, path = page_weight.page_urls("")[1]
    measured = page_weight.measure(chromium, name, lang, gzip_server.base + path, gzip_server.bytes_sent)
    [document] = [r for r in measured.resources if r.kind == "document"]
    on_disk = (site.site / path / "index.html").read_bytes()
    compressed = len(gzip.compress(on_disk, compresslevel=6, mtime=0))
    assert compressed < document.bytes < compressed + 600, (
        f"{path}: counted {document.bytes} bytes for the HTML, expected its gzipped size {compressed} plus headers "
        f"(on disk {len(on_disk)}): the page-weight figures would be wrong")


@pytest.mark.parametrize("server_class", ["GzipStaticServer", "StaticServer"])
def test_a_client_that_hangs_up_mid_download_leaves_no_traceback(tmp_path: Path, capfd, server_class: str) -> None:
    """Browsers drop connections when a page navigates away; the test and benchmark servers must not print it."""
    import socket

    from browser_support import StaticServer

    (tmp_path / "big.bin").write_bytes(os.urandom(8 * 1024 * 1024))  # more than any socket buffer holds
    server_type = GzipStaticServer if server_class == "GzipStaticServer" else StaticServer
    with server_type(tmp_path) as server:
        port = int(server.base.rsplit(":", 1)[1].strip("/"))
        for _ in range(3):
            with socket.create_connection(("127.0.0.1", port)) as sock:
                sock.sendall(b"GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                sock.recv(1024)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")  # reset
        time.sleep(0.5)  # let the server's threads hit the closed connection
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err + captured.out, captured.err[-2000:]
