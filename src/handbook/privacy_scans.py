"""Under `mkdocs serve`, Material's privacy plugin does not scan a page again when its HTML is what it scanned
on the last rebuild.

The privacy plugin looks through every page's HTML for external assets (each outbound link's tag is parsed
and printed again): about 7 % of a rebuild of this site. Its result is a function of the page's HTML, where
the page is, and the plugin's configuration, as long as the scan finds no external asset to register: then it
changes the plugin's state (the assets to fetch or copy). So a scan's result is kept only if the plugin's
lists of assets and jobs are as long after it as before, and on reuse its log records are emitted again (a
strict build fails on every rebuild, as it would have). Any other scan runs as Material wrote it.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from mkdocs.plugins import PluginCollection

from handbook import render_cache

PLUGIN = "material/privacy"
_kept: dict[tuple[str, str], tuple[str, str, tuple[logging.LogRecord, ...]]] = {}  # slot -> (key, HTML, records)
counts: dict[str, int] = {"hit": 0, "miss": 0}


def clear() -> None:
    _kept.clear()
    counts.update(hit=0, miss=0)


def _state(plugin: Any) -> tuple[int, ...]:
    """What a scan that found an external asset changes: the plugin's lists of assets and of jobs."""
    return tuple(len(getattr(plugin, name, ())) for name in ("assets", "assets_done", "pool_jobs"))


def _key(output: str, page: Any, config: Any, plugin: Any) -> str:
    file = page.file
    return render_cache.digest([output, file.src_uri, file.dest_uri, file.url, str(getattr(file, "locale", "")),
                                str(config.site_url), str(config.use_directory_urls),
                                repr(sorted(dict(plugin.config).items()))])


def _reusing(plugin: Any, scan: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(scan)  # keeps its event priority (mkdocs_priority)
    def on_post_page(output: str, *, page: Any, config: Any) -> Any:
        if not render_cache.enabled():
            return scan(output, page=page, config=config)
        key = _key(output, page, config, plugin)
        slot = (str(getattr(page.file, "locale", "")), page.file.dest_uri)
        kept = _kept.get(slot)
        if kept is not None and kept[0] == key:
            counts["hit"] += 1
            render_cache.replay(kept[2])
            return kept[1]
        counts["miss"] += 1
        before = _state(plugin)
        result: list[Any] = []
        records = render_cache.render_recording(lambda: result.append(scan(output, page=page, config=config)))
        if isinstance(result[0], str) and _state(plugin) == before:
            _kept[slot] = (key, result[0], records)
        else:
            _kept.pop(slot, None)  # it registered an asset (or returned nothing): run it every time
        return result[0]

    on_post_page.handbook_reuses = True  # type: ignore[attr-defined]
    return on_post_page


def reuse_scans(plugins: PluginCollection) -> None:
    """Make the privacy plugin's page scan reuse results (its instance lives as long as `mkdocs serve`; the
    events of this build's plugin collection were registered before, so its entry is replaced there too)."""
    plugin = plugins.get(PLUGIN)
    if plugin is None:
        return
    original = type(plugin).on_post_page
    if not getattr(plugin.on_post_page, "handbook_reuses", False):
        plugin.on_post_page = _reusing(plugin, plugin.on_post_page)
    events = plugins.events["post_page"]
    for index, method in enumerate(events):
        if getattr(method, "__self__", None) is plugin and getattr(method, "__func__", None) is original:
            events[index] = plugin.on_post_page
