"""`[function(item) for item in items]`, with part of the items worked out in a forked process.

For pure work over many files at a point where nothing else runs yet: the content checks' reading of
docs/ at the start of `mkdocs build` (serial, before the languages are built side by side) and in
`handbook check`. The child inherits everything `function` needs through the fork, and sends back only its
results, pickled, through a pipe; the results come back in the order of `items`, as the list comprehension
would give them.

Only a process with one thread forks: a lock another thread held at the fork would stay locked in the
child for ever (pytest's workers, for one, run threads). Otherwise, and where there is no fork, the map is
the plain list comprehension. Nothing depends on the child: if it cannot fork, or its work fails in any
way (an exception, a result that does not pickle, a child killed), the items it was given are worked out
again here, where an exception raises with its own traceback, exactly as the list comprehension would
raise it. `function` must not write output: the child ends without flushing any.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def fork() -> int:
    """os.fork, with what both processes hold left out of the garbage collector's passes in the child.

    A pass of the collector writes to every object it visits. In a forked child each such write copies a page
    of memory the two processes shared until then, so the child would copy most of what it inherited (on
    this project's virtual machines a fresh page costs far more than a copy on real hardware). The objects of
    the moment are frozen before the fork (gc.freeze): the child never visits them, and the parent thaws its
    own at once. Buffered output is written first, so that neither process writes it twice."""
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()
    try:
        pid = os.fork()
    except BaseException:
        gc.unfreeze()
        raise
    if pid != 0:  # the parent: its objects are collected as before
        gc.unfreeze()
    return pid


def split_by_weight(weights: Sequence[int]) -> tuple[list[int], list[int]]:
    """Indexes of the items for this process and for the child: the heaviest first, each to the lighter side.

    Every item weighs at least 1 (an empty file still costs its reading). Ties go to this process, which also
    has the rest of its work to do after the map."""
    mine: list[int] = []
    theirs: list[int] = []
    load = [0, 0]
    for index in sorted(range(len(weights)), key=lambda i: (-weights[i], i)):
        side = 0 if load[0] <= load[1] else 1
        (mine if side == 0 else theirs).append(index)
        load[side] += max(weights[index], 1)
    return sorted(mine), sorted(theirs)


def map_in_two(function: Callable[[Item], Result], items: Sequence[Item],
               weight: Callable[[Item], int] = lambda item: 1) -> list[Result]:
    """function over items, about half of the `weight` in a forked child (everything here if it cannot fork)."""
    items = list(items)
    if len(items) < 2 or not hasattr(os, "fork") or threading.active_count() > 1:
        return [function(item) for item in items]
    mine, theirs = split_by_weight([weight(item) for item in items])
    read_end, write_end = os.pipe()
    try:
        pid = fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return [function(item) for item in items]
    if pid == 0:  # the child: never returns
        try:
            os.close(read_end)
            try:
                data = pickle.dumps([function(items[index]) for index in theirs], protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:  # noqa: BLE001 - the parent works these items out again and raises there
                data = b""
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
        finally:
            os._exit(0)
    os.close(write_end)
    results: list[Result | None] = [None] * len(items)
    try:
        for index in mine:
            results[index] = function(items[index])
    finally:  # the child is always collected, even when this side raised
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        os.waitpid(pid, 0)
    try:
        sent: list[Result] | None = pickle.loads(data) if data else None
    except Exception:  # noqa: BLE001 - a result that does not travel: worked out here instead
        sent = None
    if sent is None or len(sent) != len(theirs):
        sent = [function(items[index]) for index in theirs]
    for index, result in zip(theirs, sent):
        results[index] = result
    return results  # type: ignore[return-value]
