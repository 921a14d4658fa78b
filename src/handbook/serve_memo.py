"""Results of pure functions of a page's text, kept from one `mkdocs serve` rebuild to the next.

After a one-line edit most pages are what they were, and some passes over them cost real time on every
rebuild: the Content-Security-Policy's scan for inline scripts (about 2 ms a page), the sanitiser, the
address-direction marks, the content checks' analysis of each source file, a chapter's trainer views, a
page's search term weights. Each is a pure function of its inputs, so its result is reused when the same
function meets the same inputs again.

`call` keys a result by the function, its other arguments (plain values) and a digest of the text; with
`remember`, the caller names every input in the key it makes (a digest of a file's bytes, of data/, ...). Only
results nobody changes afterwards may be kept (strings, tuples, frozen records, mappings only read); a caller
that hands out something its receiver changes gives out a copy (hooks/content_checks.py). The store keeps
what the last build used and what this one uses, nothing older, so it holds at most two sites' worth however
long `mkdocs serve` runs. Off outside `mkdocs serve`: `mkdocs build` meets every page once.
"""

from __future__ import annotations

import hashlib
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

from mkdocs.config.defaults import MkDocsConfig

from handbook import build_context

Result = TypeVar("Result")

_enabled = False
_current: dict[tuple[Any, ...], Any] = {}
_previous: dict[tuple[Any, ...], Any] = {}
_build: Callable[[], object | None] = lambda: None  # a weak reference to the build the store last served


def enable(on: bool) -> None:
    """On under `mkdocs serve`; turning it off forgets every result."""
    global _enabled
    _enabled = on
    if not on:
        _current.clear()
        _previous.clear()


def enabled() -> bool:
    return _enabled


def _rotate(config: MkDocsConfig) -> None:
    """A new build: what the last one used stays one more build, anything older goes."""
    global _current, _previous, _build
    build = build_context.of_build(config)
    if _build() is not build:
        _previous, _current = _current, {}
        _build = weakref.ref(build)


def call(config: MkDocsConfig, function: Callable[..., Result], text: str, *args: Any) -> Result:
    """`function(text, *args)`, or its result from this rebuild or the last one."""
    return remember(config, lambda: (function.__module__, function.__qualname__, args, text_digest(text)),
                    lambda: function(text, *args))


def remember(config: MkDocsConfig, key_of: Callable[[], tuple[Any, ...]], compute: Callable[[], Result]) -> Result:
    """`compute()`, or the result this rebuild or the last one stored under the key `key_of()` makes, which
    must name every input. Off, neither is made: `mkdocs build` pays for no key."""
    if not _enabled:
        return compute()
    _rotate(config)
    key = key_of()
    if key in _current:
        return _current[key]
    result = _previous.pop(key) if key in _previous else compute()
    _current[key] = result
    return result


def digest(data: bytes) -> bytes:
    """A file's part of a key."""
    return hashlib.blake2b(data, digest_size=20).digest()


def text_digest(text: str) -> bytes:
    """A text's part of a key (any str, lone surrogates included)."""
    return digest(text.encode("utf-8", "surrogatepass"))
