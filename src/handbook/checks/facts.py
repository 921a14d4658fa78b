"""Facts (MH801-MH804): the registry is valid, includes name real entries, no number or address is typed by hand.

A phone number or an email address written into prose goes stale unseen: the registry (data/facts.yml)
holds each one once, with its source and the date it was checked, and pages include it with [[fact:ID]].

The prose detector must not cry wolf on the numbers guidance is full of: years and year ranges, dates,
times, section numbers, ISBNs, money and counts with thousands separators, version numbers, IP addresses.
It looks outside code, comments, front matter, web addresses and link targets (except mailto: and tel:).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from handbook import facts
from handbook.checks.findings import Finding
from handbook.checks.source import Source
from handbook.facts_markdown import FACT_TOKEN

# A run of digits in groups joined by one space, hyphen, dot or bracket, maybe after a '+' or '('.
_PHONE = re.compile(r"(?<![\w+/#=.:-])(?:\+|\()?\d(?:(?:\) ?|[ .(\-])?\d)+\)?(?![\w/])")
_TEL = re.compile(r"(?<=tel:)\+?[\d\-. ()]*\d", re.I)
_EMAIL = re.compile(r"(?<![\w.+%-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_RANGE = re.compile(r"^(?:1[89]|20)\d{2}-(?:1[89]|20)?\d{2}$")
_DOTTED_QUAD = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
_ISBN_BEFORE = re.compile(r"ISBN(?:-1[03])?:?\s*$", re.I)
_URL = re.compile(r"(?:https?|ftp)://[^\s)>\]\"']+|www\.[^\s)>\]\"']+")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)")
MIN_DIGITS, MAX_DIGITS = 7, 15


def _looks_like_phone(candidate: str, before: str) -> bool:
    """True for a dialable number; False for dates, year ranges, ISBNs, IP addresses and other counts."""
    digits = facts.digits_of(candidate).lstrip("+")
    if not MIN_DIGITS <= len(digits) <= MAX_DIGITS:
        return False
    if _ISO_DATE.match(candidate) or _YEAR_RANGE.match(candidate) or _DOTTED_QUAD.match(candidate):
        return False
    if _ISBN_BEFORE.search(before[-12:]) or (len(digits) in (10, 13) and digits.startswith(("978", "979"))
                                              and candidate.count("-") >= 3):
        return False
    groups = re.split(r"[ .()\-]+", candidate.strip("+()"))
    # Numbers readers dial start with +, 0 or a bracket (0800-39393, +92 ..., (042) ...), or come in
    # three or more groups (111-222-333); a plain 8-digit count does not.
    first = candidate[0]
    return first in "+(" or (first.isdecimal() and int(first) == 0) or len([g for g in groups if g]) >= 3


def _masked(text: str, start: int) -> list[tuple[int, int]]:
    """Spans of the body that are addresses, not prose: web addresses, link targets, fact includes."""
    spans = [(m.start(), m.end()) for m in _URL.finditer(text, start)]
    spans += [(m.start(1), m.end(1)) for m in _LINK_TARGET.finditer(text, start)
              if not m.group(1).lower().startswith(("mailto:", "tel:"))]
    spans += [(m.start(), m.end()) for m in FACT_TOKEN.finditer(text, start)]
    return spans


def prose_contacts(text: str, start: int = 0, skip: list[tuple[int, int]] | None = None) -> list[tuple[int, str, str]]:
    """(offset, 'phone' or 'email', the text) of every number or address written into prose after `start`."""
    blocked = sorted((skip or []) + _masked(text, start))

    def free(begin: int, end: int) -> bool:
        return not any(s < end and begin < e for s, e in blocked)

    found = [(m.start(), "email", m.group()) for m in _EMAIL.finditer(text, start) if free(m.start(), m.end())]
    emails = [(offset, offset + len(value)) for offset, _, value in found]
    for m in _PHONE.finditer(text, start):
        candidate, offset = _trim(m.group(), m.start())
        if free(m.start(), m.end()) and not any(s <= offset < e for s, e in emails) \
                and _looks_like_phone(candidate, text[max(0, offset - 12):offset]):
            found.append((offset, "phone", candidate))
    found += [(m.start(), "phone", m.group()) for m in _TEL.finditer(text, start)]
    return sorted(found)


def _trim(value: str, offset: int) -> tuple[str, int]:
    """A candidate without brackets that are prose around it ('(0800-39393)'), keeping '(042) 3571-1234'."""
    if value.startswith("(") and (value.endswith(")") and "(" not in value[1:] or ")" not in value):
        value, offset = value[1:], offset + 1
    if value.endswith(")") and value.count(")") > value.count("("):
        value = value[:-1]
    return value, offset


def _registry_findings(path: Path, problems: list[facts.RegistryProblem]) -> list[Finding]:
    return [Finding(str(path), p.line, 1, "MH801", p.message, p.hint or "see the top of the file") for p in problems]


def stale_findings(path: Path, registry: facts.Registry, today: dt.date) -> list[Finding]:
    """MH804: every entry checked longer ago than the registry's max_age_days."""
    return [Finding(str(path), fact.line, 1, "MH804",
                    f"fact '{fact.id}' was last checked on {fact.checked.isoformat()}, "
                    f"{facts.age_in_days(fact, today)} days ago (more than max_age_days: {registry.max_age_days})",
                    "check it against its source (or a newer one), then update it and its 'checked' date")
            for fact, _ in facts.due_facts(registry, today)]


def source_findings(src: Source, registry: facts.Registry) -> list[Finding]:
    """MH802 (an include of an id the registry lacks) and MH803 (a number or address typed into prose), on the
    reading of the file the other rules use (checks/page.py runs it with them)."""
    path = src.path
    findings: list[Finding] = []
    for m in FACT_TOKEN.finditer(src.text, src.body_start):
        if m.start() in src.inert or m.group(1) in registry.facts:
            continue
        like = facts.closest_ids(registry, m.group(1))
        findings.append(Finding(path, *src.positions(m.start()), "MH802", f"unknown fact '{m.group(1)}'",
                                f"did you mean {', '.join(like)}?" if like else
                                f"add it to {facts.REGISTRY_FILE} with its source and checked date"))
    skip = [(s, e) for s, e in src.inert.spans()]
    for offset, kind_found, value in prose_contacts(src.text, src.body_start, skip):
        known = registry.by_value(value)
        what = "a phone number" if kind_found == "phone" else "an email address"
        hint = (f"write [[fact:{known.id}]] instead: the registry holds it, with its source and checked date"
                if known else f"add it to {facts.REGISTRY_FILE} with its source and checked date, then write "
                f"[[fact:ID]]; if it is not {what}, write it in backticks")
        findings.append(Finding(path, *src.positions(offset), "MH803", f"{what} written into the text: {value}", hint))
    return findings


def registry_check(docs_dir: Path, today: dt.date | None = None) -> tuple[facts.Registry | None, list[Finding]]:
    """The project's registry (None if it cannot be used) and its own findings: MH801, and MH804 with `today`."""
    path = Path(docs_dir).parent / facts.REGISTRY_FILE
    registry, problems = facts.read_registry(path.read_text("utf-8")) if path.is_file() else (facts.Registry({}), [])
    findings = _registry_findings(path, problems)
    if today is not None and not problems:
        findings += stale_findings(path, registry, today)
    return registry, findings
