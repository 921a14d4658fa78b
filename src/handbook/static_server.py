"""A small static file server that gzips text as a real host would, for measuring what readers download.

Python's `http.server` sends every file uncompressed, which would make page weights several times what a
reader on a production host pays. This one negotiates `Accept-Encoding` and gzips text types (HTML, CSS,
JavaScript, JSON, XML, SVG, plain text); fonts and raster images are already compressed and go as they are.
"""

from __future__ import annotations

import email.utils
import gzip
import http.server
import mimetypes
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

# What static hosts compress. WOFF2, PNG, JPEG and gzip files are compressed already: gzip would only
# add bytes and CPU time.
COMPRESSIBLE_SUFFIXES = frozenset({".html", ".htm", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".map"})
# zlib's default level, the one most hosts use for files compressed on the fly.
GZIP_LEVEL = 6


def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether an Accept-Encoding header allows gzip (a `;q=0` on gzip, or on `*` without gzip, refuses it)."""
    weights: dict[str, float] = {}
    for item in (accept_encoding or "").split(","):
        name, _, params = item.strip().partition(";")
        if not name:
            continue
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        weights[name.strip().lower()] = quality
    if "gzip" in weights:
        return weights["gzip"] > 0
    return weights.get("*", 0) > 0


def compressible(path: str) -> bool:
    """Whether a file is a text type that is worth gzipping."""
    return Path(path).suffix.lower() in COMPRESSIBLE_SUFFIXES


def resolve(root: Path, url_path: str) -> tuple[Path | None, bool]:
    """The file a URL path names under root (index.html for a folder), and whether it needs a slash redirect.

    Returns (None, False) for anything outside root or missing.
    """
    relative = unquote(urlsplit(url_path).path).lstrip("/")
    target = (root / relative).resolve()
    if target != root and root not in target.parents:
        return None, False
    if target.is_dir():
        if not url_path.split("?", 1)[0].endswith("/"):
            return target, True
        target = target / "index.html"
    return (target, False) if target.is_file() else (None, False)


class GzipHandler(http.server.BaseHTTPRequestHandler):
    """GET and HEAD for the files of one folder, gzipped when the client accepts it; quiet."""

    root: Path
    cache: dict[tuple[Path, int], bytes]
    sent: dict[str, int]
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        self._respond(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(with_body=False)

    def _respond(self, *, with_body: bool) -> None:
        target, redirect = resolve(self.root, self.path)
        if redirect:
            parts = urlsplit(self.path)
            self.send_response(301)
            self.send_header("Location", parts.path + "/" + (f"?{parts.query}" if parts.query else ""))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status = 200
        if target is None:
            status, target = 404, self.root / "404.html"
            if not target.is_file():
                self.send_error(404)
                return
        body = target.read_bytes()
        gzipped = compressible(target.name) and accepts_gzip(self.headers.get("Accept-Encoding"))
        if gzipped:
            body = self._gzip(target, body)
        self.send_response(status)
        self.send_header("Content-Type", content_type(target))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", email.utils.formatdate(target.stat().st_mtime, usegmt=True))
        if compressible(target.name):
            self.send_header("Vary", "Accept-Encoding")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        # What goes on the wire for this response, headers included, as a browser counts it: the
        # measurement falls back on it for requests the page's DevTools session cannot follow (workers).
        # Recorded before sending, so that it is there as soon as the client has the response.
        header_bytes = sum(len(chunk) for chunk in getattr(self, "_headers_buffer", []))
        self.sent[urlsplit(self.path).path] = header_bytes + len(b"\r\n") + (len(body) if with_body else 0)
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def _gzip(self, target: Path, body: bytes) -> bytes:
        key = (target, target.stat().st_mtime_ns)
        if key not in self.cache:
            # mtime=0: the same file always gives the same bytes, so figures do not wobble between runs.
            self.cache[key] = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
        return self.cache[key]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's signature
        pass


def content_type(path: Path) -> str:
    """The Content-Type to send for a file, with a charset for text."""
    guessed = {".js": "text/javascript", ".mjs": "text/javascript", ".woff2": "font/woff2",
               ".svg": "image/svg+xml", ".json": "application/json", ".xml": "application/xml"}.get(
        path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    text = guessed.startswith("text/") or guessed in {"application/json", "application/xml", "image/svg+xml"}
    return f"{guessed}; charset=utf-8" if text else guessed


class LocalServer(http.server.ThreadingHTTPServer):
    """A threaded server on this machine that lets a browser drop a connection without a traceback: a page
    that navigates away mid-download is routine, not an error."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):  # BrokenPipeError, ConnectionResetError, ...
            super().handle_error(request, client_address)


class GzipStaticServer:
    """Serve a folder on 127.0.0.1 (a free port unless one is given), gzipped, in a background thread."""

    def __init__(self, directory: Path, port: int = 0) -> None:
        self.sent: dict[str, int] = {}
        handler = type("BoundGzipHandler", (GzipHandler,),
                       {"root": Path(directory).resolve(), "cache": {}, "sent": self.sent})
        self.httpd = LocalServer(("127.0.0.1", port), handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "GzipStaticServer":
        self.thread.start()
        return self

    def bytes_sent(self, url: str) -> int | None:
        """The bytes (headers and body) of the last response to this URL's path, if it was requested."""
        return self.sent.get(urlsplit(url).path)

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
