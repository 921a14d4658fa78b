"""Compiled templates shared between builds: every language's build (and every `mkdocs serve` rebuild)
gets a fresh Jinja environment from MkDocs, which would otherwise compile every template again."""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    """Template bytecode kept in memory, keyed by Jinja's own key (template name and source checksum)."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)  # Jinja discards it if the template's source changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._store.clear()


# Shared on purpose: entries are keyed by template source, so a changed template is compiled again.
COMPILED = MemoryBytecodeCache()
