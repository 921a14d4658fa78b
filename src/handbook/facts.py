"""The registry of facts readers act on (data/facts.yml): helplines, numbers, addresses and laws, with sources.

Pages never write a phone number, an email address or a law's status by hand: they include a registry
entry with `[[fact:ID]]` (handbook.facts_markdown renders it in the page's language), so changing a number
is one edit and every number shows the date it was last checked against its source.

The file is read from YAML's node tree rather than with yaml.safe_load, for two reasons: every problem can
name its line, and a key given twice is an error (PyYAML would silently keep the last one, so an edit
could be lost without anyone noticing).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from handbook.frontmatter import compose_yaml

REGISTRY_FILE = "data/facts.yml"
DEFAULT_MAX_AGE_DAYS = 180
# An sms entry is a short code readers text (a service that answers by SMS), not a number to call; a web
# contact is a helpline reached through its own page or form, not by a number or an address.
CONTACT_TYPES = ("phone", "sms", "email", "address", "web")
TYPES = (*CONTACT_TYPES, "law")
STATUSES = ("in force", "amended", "partly struck down", "struck down")
# Fields readers see as words: a mapping of language codes to text, English required.
WORD_FIELDS = {
    "phone": ("name", "hours", "cost", "languages"),
    "sms": ("name", "cost"),
    "email": ("name", "hours", "languages"),
    "address": ("name", "value", "hours"),
    "web": ("name", "hours", "cost", "languages"),
    "law": ("act", "label", "note"),
}
REQUIRED = {
    "phone": ("value", "name", "source", "checked"),
    "sms": ("value", "name", "source", "checked"),
    "email": ("value", "name", "source", "checked"),
    "address": ("value", "name", "source", "checked"),
    "web": ("value", "name", "source", "checked"),
    "law": ("act", "section", "label", "status", "source", "checked"),
}
TEXT_FIELDS = ("type", "value", "section", "status", "source")
TOP_LEVEL = ("max_age_days", "facts")
FACT_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, order=True)
class RegistryProblem:
    """Something wrong in the registry file, at a line, with how to fix it."""

    line: int
    message: str
    hint: str = ""

    def format(self, path: str) -> str:
        """The problem as 'path:line: message (hint)'."""
        return f"{path}:{self.line}: {self.message}" + (f" ({self.hint})" if self.hint else "")


class RegistryError(ValueError):
    """The registry cannot be used: every problem, each with its line."""

    def __init__(self, path: str, problems: list[RegistryProblem]) -> None:
        self.path = path
        self.problems = sorted(problems)
        super().__init__("\n".join(p.format(path) for p in self.problems))


@dataclass(frozen=True)
class Fact:
    """One registry entry: a contact (phone, email, address) or a law, with its source and checked date."""

    id: str
    type: str
    line: int
    checked: dt.date
    source: str
    value: str = ""
    section: str = ""
    status: str = ""
    words: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> language -> text

    def text(self, name: str, lang: str, default: str = "en") -> str:
        """A word field in a language, the default language's where it has none, '' if absent."""
        values = self.words.get(name) or {}
        return values.get(lang) or values.get(default) or ""

    def digits(self) -> str:
        """The value's digits only (a phone number's identity, whatever its spacing)."""
        return digits_of(self.value)


@dataclass(frozen=True)
class Registry:
    """Every fact by id, and how old a checked date may be before the entry is due."""

    facts: dict[str, Fact]
    max_age_days: int = DEFAULT_MAX_AGE_DAYS

    def by_value(self, value: str) -> Fact | None:
        """The contact whose number (compared digit by digit) or email address (any case) is `value`."""
        wanted_digits, wanted = digits_of(value), value.strip().lower()
        for fact in self.facts.values():
            if fact.type in ("phone", "sms") and wanted_digits and fact.digits() == wanted_digits:
                return fact
            if fact.type == "email" and fact.value.lower() == wanted:
                return fact
        return None


def digits_of(text: str) -> str:
    """The decimal digits of a text as ASCII (Urdu and Arabic-Indic digits too), keeping a leading +."""
    digits = "".join(str(int(ch)) for ch in text if ch.isdecimal())
    return ("+" + digits) if text.strip().startswith("+") and digits else digits


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _mapping(node: yaml.Node, what: str, problems: list[RegistryProblem]) -> list[tuple[str, yaml.Node, yaml.Node]]:
    """The (key, key node, value node) pairs of a mapping node; a key given twice is a problem."""
    if not isinstance(node, yaml.MappingNode):
        problems.append(RegistryProblem(_line(node), f"{what} must be a mapping of keys to values",
                                        "write 'key: value' lines, indented under it"))
        return []
    seen: dict[str, int] = {}
    pairs = []
    for key_node, value_node in node.value:
        key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
        if key in seen:
            problems.append(RegistryProblem(_line(key_node), f"'{key}' is given twice in {what} (first on line {seen[key]})",
                                            "keep one: YAML would silently use the last"))
            continue
        seen[key] = _line(key_node)
        pairs.append((key, key_node, value_node))
    return pairs


def _scalar(node: yaml.Node, what: str, problems: list[RegistryProblem]) -> str | None:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        problems.append(RegistryProblem(_line(node), f"{what} must be plain text, and not empty", "write it on one line"))
        return None
    return str(node.value).strip()


def _words(node: yaml.Node, what: str, problems: list[RegistryProblem]) -> dict[str, str] | None:
    pairs = _mapping(node, what, problems)
    words: dict[str, str] = {}
    for lang, _, value in pairs:
        text = _scalar(value, f"{what} in '{lang}'", problems)
        if text is not None:
            words[lang] = text
    if pairs and "en" not in words:
        problems.append(RegistryProblem(_line(node), f"{what} has no English text", "add 'en: ...' (and 'ur: ...')"))
        return None
    return words if pairs else None


def parse_date(text: str) -> dt.date | None:
    """A YYYY-MM-DD date that really exists, else None (2026-02-30 and 26-11-30 are refused)."""
    if not ISO_DATE.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _fact(fact_id: str, key_node: yaml.Node, node: yaml.Node, problems: list[RegistryProblem]) -> Fact | None:
    before = len(problems)
    where = f"fact '{fact_id}'"
    if not FACT_ID.match(fact_id):
        problems.append(RegistryProblem(_line(key_node), f"fact id '{fact_id}' is not lower-case ASCII words and hyphens",
                                        "e.g. drf-helpline"))
    pairs = _mapping(node, where, problems)
    values = {key: value for key, _, value in pairs}
    type_node = values.get("type")
    kind = _scalar(type_node, f"{where}: 'type'", problems) if type_node is not None else None
    if kind not in TYPES:
        problems.append(RegistryProblem(_line(type_node or node), f"{where}: 'type' must be one of {', '.join(TYPES)}",
                                        "e.g. type: phone"))
        return None
    known = set(REQUIRED[kind]) | set(WORD_FIELDS[kind]) | {"type"}
    for key, key_node_, _ in pairs:
        if key not in known:
            problems.append(RegistryProblem(_line(key_node_), f"{where}: unknown field '{key}' for a {kind}",
                                            f"fields of a {kind}: {', '.join(sorted(known))}"))
    for key in REQUIRED[kind]:
        if key not in values:
            problems.append(RegistryProblem(_line(key_node), f"{where}: '{key}' is missing",
                                            "every fact needs its source (a URL) and the date it was checked against it"
                                            if key in ("source", "checked") else f"add '{key}: ...'"))
    words = {}
    text: dict[str, str] = {}
    for key, value in values.items():
        if key in WORD_FIELDS[kind] and not (key == "value" and isinstance(value, yaml.ScalarNode)):
            parsed = _words(value, f"{where}: '{key}'", problems)
            if parsed:
                words[key] = parsed
        elif key in TEXT_FIELDS or key == "checked" or key == "value":
            scalar = _scalar(value, f"{where}: '{key}'", problems)
            if scalar is not None:
                text[key] = scalar
    checked = parse_date(text.get("checked", "")) if "checked" in text else None
    if "checked" in text and checked is None:
        problems.append(RegistryProblem(_line(values["checked"]), f"{where}: 'checked' is not a real date: {text['checked']!r}",
                                        "write YYYY-MM-DD, the day you checked the fact against its source"))
    source = text.get("source", "")
    if source and not source.startswith(("https://", "http://")):
        problems.append(RegistryProblem(_line(values["source"]), f"{where}: 'source' must be a web address (https://...)",
                                        "the page you checked the fact against"))
    value = text.get("value", "")
    # Two digits at least: Pakistan's police emergency number is 15.
    if kind in ("phone", "sms") and value and not 2 <= len(digits_of(value).lstrip("+")) <= 15:
        problems.append(RegistryProblem(_line(values["value"]), f"{where}: {value!r} is not a phone number",
                                        "write it as readers dial it, e.g. 0800-39393"
                                        if kind == "phone" else "write the short code readers text, e.g. 668"))
    if kind == "web" and value and not value.startswith("https://"):
        problems.append(RegistryProblem(_line(values["value"]), f"{where}: {value!r} is not a secure web address",
                                        "write the page's full address, e.g. https://example.org/help/"))
    if kind == "email" and value and not EMAIL.match(value):
        problems.append(RegistryProblem(_line(values["value"]), f"{where}: {value!r} is not an email address",
                                        "e.g. name@example.org"))
    status = text.get("status", "")
    if kind == "law" and status and status not in STATUSES:
        problems.append(RegistryProblem(_line(values["status"]), f"{where}: 'status' must be one of {', '.join(STATUSES)}",
                                        "what the section is now, according to the source"))
    if len(problems) > before or checked is None:
        return None
    return Fact(fact_id, kind, _line(key_node), checked, source, value=value, section=text.get("section", ""),
                status=status, words=words)


def read_registry(text: str) -> tuple[Registry, list[RegistryProblem]]:
    """The registry in a file's text, with every problem found (the entries with problems are left out)."""
    problems: list[RegistryProblem] = []
    try:
        root = compose_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        problems.append(RegistryProblem(mark.line + 1 if mark else 1, f"not valid YAML: {reason}",
                                        "check the indentation and quotes on this line"))
        return Registry({}), problems
    if root is None:
        return Registry({}), [RegistryProblem(1, "the registry is empty", "add 'facts:' with one entry per fact")]
    facts: dict[str, Fact] = {}
    max_age = DEFAULT_MAX_AGE_DAYS
    for key, key_node, value in _mapping(root, "the registry", problems):
        if key == "max_age_days":
            raw = _scalar(value, "'max_age_days'", problems)
            if raw is not None and (not raw.isdigit() or int(raw) < 1):
                problems.append(RegistryProblem(_line(value), "'max_age_days' must be a whole number of days",
                                                "e.g. max_age_days: 180"))
            elif raw is not None:
                max_age = int(raw)
        elif key == "facts":
            for fact_id, fact_key, fact_node in _mapping(value, "'facts'", problems):
                fact = _fact(fact_id, fact_key, fact_node, problems)
                if fact is not None:
                    facts[fact_id] = fact
        else:
            problems.append(RegistryProblem(_line(key_node), f"unknown top-level key '{key}'",
                                            f"the registry has {', '.join(TOP_LEVEL)}"))
    return Registry(facts, max_age), sorted(problems)


def parse_registry(text: str, path: str = REGISTRY_FILE) -> Registry:
    """The registry in a file's text; RegistryError naming every problem's line if anything is wrong."""
    registry, problems = read_registry(text)
    if problems:
        raise RegistryError(path, problems)
    return registry


@lru_cache(maxsize=4)
def _load_cached(path: str, mtime_ns: int) -> Registry:
    with open(path, encoding="utf-8") as handle:
        return parse_registry(handle.read(), path)


def load_registry(root: Path) -> Registry:
    """The project's registry (cached until the file changes); RegistryError if it has problems."""
    path = root / REGISTRY_FILE
    if not path.is_file():
        return Registry({})
    return _load_cached(str(path), path.stat().st_mtime_ns)


def age_in_days(fact: Fact, today: dt.date) -> int:
    """How many days ago the fact was checked."""
    return (today - fact.checked).days


def due_facts(registry: Registry, today: dt.date, within_days: int = 0) -> list[tuple[Fact, dt.date]]:
    """Facts whose check is due by `today + within_days`, with the day each falls due, soonest first."""
    due = []
    for fact in registry.facts.values():
        due_on = fact.checked + dt.timedelta(days=registry.max_age_days)
        if due_on <= today + dt.timedelta(days=within_days):
            due.append((fact, due_on))
    return sorted(due, key=lambda item: (item[1], item[0].id))


def closest_ids(registry: Registry, wanted: str, limit: int = 3) -> list[str]:
    """The ids most like a mistyped one, to suggest in an error."""
    import difflib

    return difflib.get_close_matches(wanted, sorted(registry.facts), n=limit, cutoff=0.5)
