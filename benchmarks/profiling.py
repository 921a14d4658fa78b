"""Read a cProfile of the build: where the time goes, by hook event, by project function, overall.

Works on the `stats` mapping of `pstats.Stats` ((file, line, function) -> (primitive calls, calls,
own time, cumulative time, callers)), so it can be tested with a mapping written by hand.
"""

from __future__ import annotations

import os
import sysconfig
from typing import Mapping

STDLIB = sysconfig.get_paths()["stdlib"]
Key = tuple[str, int, str]
# callers: caller key -> (primitive calls, calls, own time, cumulative time) of the calls it made
Entry = tuple[int, int, float, float, Mapping[Key, tuple[int, int, float, float]]]


def short_location(key: Key, roots: Mapping[str, str]) -> str:
    """A profile entry as `hooks/related.py:12(on_env)`: project files by their label, libraries from site-packages."""
    filename, line, function = key
    for root, label in roots.items():
        if filename.startswith(root.rstrip(os.sep) + os.sep):
            filename = label + filename[len(root.rstrip(os.sep)) + 1:]
            break
    else:
        filename = filename.split("site-packages" + os.sep, 1)[-1]
        if filename.startswith(STDLIB + os.sep):
            filename = "python/" + filename[len(STDLIB) + 1:]
    return function if filename == "~" else f"{filename}:{line}({function})"  # "~": a built-in


def within(key: Key, roots: Mapping[str, str]) -> bool:
    """Whether a profile entry is a function of one of the roots (the project's own code)."""
    return any(key[0].startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def main_caller(entry: Entry) -> Key | None:
    """The caller that spent the most time in calls to this function."""
    callers = entry[4]
    return max(callers, key=lambda caller: callers[caller][3], default=None)


def _table(stats: Mapping[Key, Entry], keys: list[Key], roots: Mapping[str, str], total: float, *,
           with_caller: bool = False) -> list[str]:
    out = [f"{'calls':>11} {'own s':>8} {'cumul. s':>9} {'share':>6}  function"]
    for key in keys:
        _, calls, own, cumulative, _ = stats[key]
        share = f"{100 * cumulative / total:.0f}%" if total else "-"
        out.append(f"{calls:>11,} {own:>8.2f} {cumulative:>9.2f} {share:>6}  {short_location(key, roots)}")
        caller = main_caller(stats[key]) if with_caller else None
        if caller is not None:
            out.append(f"{'':>38}  called mostly from {short_location(caller, roots)}")
    return out


def report(stats: Mapping[Key, Entry], roots: Mapping[str, str], *, hooks_root: str, top: int = 30) -> str:
    """Hook events by cumulative time; the top project functions by cumulative time; the top overall by own time."""
    total = max((entry[3] for entry in stats.values()), default=0.0)
    events = [k for k in stats if k[0].startswith(hooks_root.rstrip(os.sep) + os.sep) and k[2].startswith("on_")]
    own = [k for k in stats if within(k, roots)]

    def by(column: int, keys: list[Key], limit: int | None) -> list[Key]:
        return sorted(keys, key=lambda k: stats[k][column], reverse=True)[:limit]

    return "\n".join([
        f"{total:.1f} s in all under cProfile (which slows Python code down several times: read shares, not seconds)",
        "", "hook events, by cumulative time (build events run once per language, page events once per page):",
        *_table(stats, by(3, events, None), roots, total),
        "", f"top {top} functions of hooks/ and src/handbook/, by cumulative time:",
        *_table(stats, by(3, own, top), roots, total),
        "", f"top {top} functions overall, by own time (time in the function itself), with their main caller:",
        *_table(stats, by(2, list(stats), top), roots, total, with_caller=True),
    ])
