"""The event-order table in handbook.event_order is the truth about when every hook runs."""

from __future__ import annotations

import os
import re

import handbook.event_order
from conftest import ROOT


def _documented() -> set[tuple[str, int, str]]:
    """(event, priority, hook file) for every hook named in the table."""
    rows = set()
    for line in (handbook.event_order.__doc__ or "").splitlines():
        match = re.match(r"^(on_\w+)\s+(-?\d+)\s+(.*)$", line)
        if not match:
            continue
        event, priority, handlers = match.groups()
        for name in re.findall(r"hooks/(\w+)|(?<=, )(\w+)(?=[,:])", handlers.split(":")[0] + ":"):
            hook = next(part for part in name if part)
            rows.add((event, int(priority), hook))
    return rows


def _registered() -> set[tuple[str, int, str]]:
    """(event, priority, hook file) for every hook handler MkDocs registers from mkdocs.yml."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    rows = set()
    for event, methods in config.plugins.events.items():
        for method in methods:
            origin = config.plugins._event_origins.get(method, "")
            if origin.startswith("hooks/"):
                hook = os.path.splitext(os.path.basename(origin))[0]
                rows.add((f"on_{event}", getattr(method, "mkdocs_priority", 0), hook))
    return rows


def test_every_hook_handler_is_in_the_table_at_its_real_priority(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    registered, documented = _registered(), _documented()
    assert registered, "no hook handler was registered: mkdocs.yml lost its hooks"
    missing = sorted(registered - documented)
    stale = sorted(documented - registered)
    assert not missing, f"hook handlers missing from the table in src/handbook/event_order.py: {missing}"
    assert not stale, f"rows of the table in src/handbook/event_order.py that no hook matches: {stale}"
