"""Under `mkdocs serve`, the project is polled for saves every 0.1 s instead of MkDocs' 0.5 s
(handbook.serve_watch says what it costs). Imported only then: `mkdocs build` needs no file watcher."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
    from handbook import serve_watch

    return serve_watch.poll_every(server)
