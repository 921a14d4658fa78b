"""A digest of a graph of values: everything a template can reach from the context it is given.

The graph is written out with Python's pickle, which describes each value by its type and its contents in
iteration order (a template's output follows that order), writes an object met again as a back-reference
(so cycles end: a page's parent section lists the page; strings are the exception, written whole every
time), and does it in C: a page's context is about 1,500
objects, and describing them from Python cost as much as rendering the page. Nothing is ever unpickled:
the bytes are only hashed.

Three things change what is written:
- *named* objects (`names`, by identity) are written as their name only. The caller describes them once, in
  a digest of their own (a site's pages, whose titles and URLs every page's navigation shows);
- a `describe` rule gives what stands for an object of a type (a configuration: its items);
- a `skip` rule leaves attributes of a type out (what no template reads and changes every build).

An object that says itself how it is pickled (its own `__reduce__` or `__getstate__`, outside the standard
library's value types) could leave out part of what it holds, and a value pickle cannot write at all (a
generator, a lambda, a module) raises `Undescribed`: a caller then renders rather than trust a digest that
could miss a change. Two equal graphs can still differ in what is written (a set's order, an object shared
in one and repeated in the other): that only costs a rendering, never shows a stale page.
"""

from __future__ import annotations

import collections
import copyreg
import datetime
import decimal
import enum
import functools
import hashlib
import io
import pathlib
import pickle
import re
import types
from collections.abc import Callable, Mapping
from typing import Any


class Undescribed(Exception):
    """A value whose contents the digest cannot see."""


# Value types of the standard library whose own pickling writes all they hold.
_TRUSTED = (datetime.date, datetime.time, datetime.timedelta, datetime.tzinfo, decimal.Decimal, enum.Enum,
            pathlib.PurePath, re.Pattern, range, slice, types.MethodType, types.BuiltinMethodType,
            collections.OrderedDict, collections.defaultdict, collections.deque, collections.Counter,
            functools.partial)


@functools.lru_cache(maxsize=None)
def _writes_all_it_holds(kind: type) -> bool:
    """Whether pickle writes an instance of `kind` as its attributes (and slots): true unless the class, or a
    base outside the standard library's value types, decides its own pickled form."""
    if issubclass(kind, _TRUSTED):
        return True
    return all(getattr(kind, name) is getattr(object, name) for name in ("__reduce__", "__reduce_ex__", "__getstate__"))


def _stand_in(kind: str, value: Any) -> Any:
    """What a rule's stand-in is written as (never called: nothing is unpickled)."""
    return (kind, value)


class _Writer(pickle.Pickler):
    def __init__(self, walker: Walker, out: io.BytesIO) -> None:
        super().__init__(out, protocol=5)
        self.walker = walker
        self.keep: list[Any] = []  # stand-ins, alive until the end so that no other object takes their id

    def persistent_id(self, obj: Any) -> str | bytes | None:
        if type(obj) is str:
            # Written whole every time it is met: pickle would write a string object met again as a reference,
            # so the same texts, shared differently (one string in two places, or two equal strings), would
            # give different digests from one rebuild to the next.
            return obj.encode("utf-8", "surrogatepass")
        return self.walker.names.get(id(obj))

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        if obj is _stand_in:
            return NotImplemented  # written by reference
        rule, skipped = self.walker.rules_for(kind)
        if rule is not None:
            return self._standing_for(kind, rule(obj))
        if isinstance(obj, type):  # by name, even a class defined inside a function
            return self._standing_for(type, f"{obj.__module__}.{obj.__qualname__}")
        if kind is types.FunctionType:  # its name, and the values it holds (defaults, closure)
            try:
                cells = tuple(cell.cell_contents for cell in obj.__closure__ or ())
            except ValueError as error:  # a cell not filled yet
                raise Undescribed(f"{obj.__qualname__}: {error}") from error
            return self._standing_for(kind, (f"{obj.__module__}.{obj.__qualname__}", obj.__defaults__,
                                             obj.__kwdefaults__, cells))
        if kind is types.MethodType:
            return self._standing_for(kind, (obj.__func__, obj.__self__))
        if skipped and hasattr(obj, "__dict__"):
            return self._standing_for(kind, {name: item for name, item in vars(obj).items() if name not in skipped})
        if not _writes_all_it_holds(kind):
            raise Undescribed(f"{kind.__module__}.{kind.__qualname__} decides how it is pickled")
        return NotImplemented

    def _standing_for(self, kind: type, stand_in: Any) -> tuple[Any, ...]:
        self.keep.append(stand_in)
        return _stand_in, (f"{kind.__module__}.{kind.__qualname__}", stand_in)


class Walker:
    """Digests values; `names` maps id(object) to the name it is written as (the caller keeps those objects
    alive), `describe` maps a type to a function giving what stands for its instances, and `skip` maps a
    type to the attributes of its instances that are left out."""

    def __init__(self, names: Mapping[int, str] | None = None,
                 describe: Mapping[type, Callable[[Any], Any]] | None = None,
                 skip: Mapping[type, frozenset[str]] | None = None) -> None:
        self.names = names or {}
        self.describe = dict(describe or {})
        self.skip = dict(skip or {})
        self._rules: dict[type, tuple[Callable[[Any], Any] | None, frozenset[str]]] = {}

    def rules_for(self, kind: type) -> tuple[Callable[[Any], Any] | None, frozenset[str]]:
        """The describe rule and the skipped attributes that apply to instances of `kind`."""
        found = self._rules.get(kind)
        if found is None:
            rule = next((rule for base, rule in self.describe.items() if issubclass(kind, base)), None)
            skipped = frozenset().union(*(names for base, names in self.skip.items() if issubclass(kind, base)))
            found = self._rules[kind] = (rule, skipped)
        return found

    def digest(self, value: Any) -> str:
        """The hex SHA-256 of the value's description."""
        out = io.BytesIO()
        try:
            _Writer(self, out).dump(value)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError) as error:
            raise Undescribed(str(error)) from error
        return hashlib.sha256(out.getbuffer()).hexdigest()

    def digest_of_attributes(self, value: Any, *, leave_out: frozenset[str] = frozenset()) -> str:
        """The digest of one object's own attributes, even if it is named (how a named object is described
        once); `leave_out` names attributes not read."""
        return self.digest(attributes(value, leave_out))


def attributes(value: Any, leave_out: frozenset[str] = frozenset()) -> tuple[str, dict[str, Any]]:
    """An object as its class's name and its own attributes but those in `leave_out`: what stands for it when
    it is described by its attributes, not by its name."""
    kind = type(value)
    return f"{kind.__module__}.{kind.__qualname__}", {k: v for k, v in vars(value).items() if k not in leave_out}
