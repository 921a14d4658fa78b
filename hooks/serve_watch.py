"""Under `mkdocs serve`, the project is polled for saves every 0.1 s instead of MkDocs' 0.5 s
(handbook.serve_watch says what it costs)."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer

from handbook import serve_watch


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
    return serve_watch.poll_every(server)
