"""The digest that keys a page's cached HTML (handbook.context_digest): any change a template could show must
change it, and what it cannot see must stop the cache rather than be guessed at."""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from markupsafe import Markup

from handbook.context_digest import Undescribed, Walker


class Item:
    def __init__(self, title: str, children: list[Any] | None = None) -> None:
        self.title = title
        self.children = children or []
        self.parent: Item | None = None


@dataclass(frozen=True)
class Notice:
    kind: str
    lines: tuple[str, ...]


def _context() -> dict[str, Any]:
    section = Item("Section", [Item("Passwords"), Item("Phones")])
    for child in section.children:
        child.parent = section  # a cycle, as MkDocs' navigation has
    return {
        "nav": [section],
        "page": {"title": "Passwords", "meta": {"tags": ["privacy"], "order": 3, "draft": False}},
        "notice": Notice("outdated", ("one", "two")),
        "tags": {"privacy", "phones"},
        "date": datetime.date(2026, 11, 30),
        "ratio": 1.5,
        "none": None,
    }


def _digest(value: Any) -> str:
    return Walker().digest(value)


BASE = _digest(_context())


def _set(path: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def change(context: dict[str, Any]) -> dict[str, Any]:
        path(context)
        return context
    return change


@pytest.mark.parametrize("change", [
    _set(lambda c: c["nav"][0].children[1].__setattr__("title", "Phone")),  # deep in a cycle
    _set(lambda c: c["nav"][0].children.reverse()),  # order is what a template shows
    _set(lambda c: c["page"]["meta"].__setitem__("order", 4)),
    _set(lambda c: c["page"]["meta"].__setitem__("order", "3")),  # the same text, another type
    _set(lambda c: c["page"]["meta"].__setitem__("draft", 0)),  # False and 0 print differently
    _set(lambda c: c["page"]["meta"]["tags"].append("phones")),
    _set(lambda c: c["page"].__setitem__("title", Markup("Passwords"))),  # Jinja escapes one and not the other
    _set(lambda c: c.__setitem__("notice", Notice("outdated", ("one", "two", "three")))),
    _set(lambda c: c["tags"].add("travel")),
    _set(lambda c: c.__setitem__("date", datetime.date(2026, 12, 1))),
    _set(lambda c: c.__setitem__("ratio", 1.25)),
    _set(lambda c: c.__setitem__("none", "")),
    _set(lambda c: c.__setitem__("extra", None)),  # a key added
    _set(lambda c: c.update({"page": c.pop("page")})),  # a mapping's order
], ids=["cycle-attribute", "list-order", "int", "type", "bool-int", "list-append", "markup", "dataclass", "set",
        "date", "float", "none", "new-key", "dict-order"])
def test_every_change_a_template_could_show_changes_the_digest(change) -> None:
    assert _digest(change(_context())) != BASE


def test_an_equal_graph_has_the_same_digest() -> None:
    assert _digest(_context()) == BASE
    assert _digest(copy.deepcopy(_context())) == BASE


@pytest.mark.parametrize(("one", "other"), [
    (["ab", "c"], ["a", "bc"]),
    ({"a": "b"}, {"ab": ""}),
    ([1], ["1"]),
    ([[]], [[], []]),
    ({"a": 1}, [("a", 1)]),
    (b"\x00", "\x00"),
])
def test_parts_never_run_into_each_other(one, other) -> None:
    assert _digest(one) != _digest(other)


def test_named_objects_are_written_as_their_names_and_described_once_by_their_attributes() -> None:
    page = Item("Passwords")
    names = {id(page): "page:passwords.md"}
    walker = Walker(names)
    before, own_before = walker.digest({"nav": [page]}), walker.digest_of_attributes(page)
    page.title = "Strong passwords"
    assert walker.digest({"nav": [page]}) == before, "a named object stands for itself by name only"
    assert walker.digest_of_attributes(page) != own_before
    page.children = ["a"]
    assert walker.digest_of_attributes(page, leave_out=frozenset({"children"})) == \
        walker.digest_of_attributes(Item("Strong passwords"), leave_out=frozenset({"children"}))


def test_rules_describe_an_object_by_what_stands_for_it_and_skip_leaves_attributes_out() -> None:
    class Settings:
        def __init__(self, public: str, secret: str) -> None:
            self.public, self.secret = public, secret

    walker = Walker(describe={Settings: lambda settings: settings.public})
    assert walker.digest(Settings("a", "x")) == walker.digest(Settings("a", "y"))
    assert walker.digest(Settings("a", "x")) != walker.digest(Settings("b", "x"))
    skipping = Walker(skip={Settings: frozenset({"secret"})})
    assert skipping.digest(Settings("a", "x")) == skipping.digest(Settings("a", "y"))
    assert Walker().digest(Settings("a", "x")) != Walker().digest(Settings("a", "y"))


def test_shared_and_cyclic_objects_end() -> None:
    loop: list[Any] = []
    loop.append(loop)
    assert len(_digest(loop)) == 64
    shared = Item("x")
    assert _digest([shared, shared]) != _digest([Item("x"), Item("x")])  # a back-reference, not a repeat


class Slotted:
    __slots__ = ("title",)

    def __init__(self, title: str) -> None:
        self.title = title


class HalfSlotted(Item):
    __slots__ = ("hidden",)


def test_attributes_kept_in_slots_count_too() -> None:
    assert _digest(Slotted("a")) != _digest(Slotted("b"))
    one, other = HalfSlotted("a"), HalfSlotted("a")
    one.hidden, other.hidden = "x", "y"  # vars() shows only the half in __dict__
    assert _digest(one) != _digest(other)


class Summary:
    """Decides its own pickled form, and leaves out what it holds."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __reduce__(self):
        return (Summary, ("",))


def _unfilled():
    def inner():
        return later
    return inner
    later = 1  # noqa: F841 - never reached: the cell stays empty


@pytest.mark.parametrize("value", [
    Summary("a"),  # its own __reduce__ could hide a change
    (n for n in range(3)),  # reading it would use it up
    datetime,  # a module: no rule says what stands for it
    _unfilled(),  # a closure whose value does not exist yet
], ids=["own-reduce", "generator", "module", "empty-cell"])
def test_what_the_walk_cannot_see_is_refused_not_guessed(value) -> None:
    with pytest.raises(Undescribed):
        _digest({"context": [value]})


def test_code_is_named_and_a_method_carries_its_object() -> None:
    class Counter:
        def __init__(self, start: int) -> None:
            self.start = start

        def next(self) -> int:
            return self.start + 1

    assert _digest(len) == _digest(len) != _digest(sorted)
    assert _digest(Counter(1).next) != _digest(Counter(2).next)
    assert _digest(Counter) != _digest(Item)  # classes by name, even one defined in a function

    def shows(limit: int):
        return lambda text: text[:limit]  # what a closure holds decides what it returns

    assert _digest(shows(3)) != _digest(shows(4))


def test_equal_texts_give_equal_digests_however_they_are_shared() -> None:
    """A rebuild makes new string objects (a page restored from the cache shares fewer): the same texts must
    give the same digest, or every page would be rendered again on the first rebuild."""
    one = "".join(["pass", "words"])
    two = "".join(["pass", "words"])
    assert one == two and one is not two
    assert _digest({"title": one, "nav": [one]}) == _digest({"title": one, "nav": [two]})
    assert _digest({"title": one, "nav": [one]}) != _digest({"title": one, "nav": [one + "!"]})
