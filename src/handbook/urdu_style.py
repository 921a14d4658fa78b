"""The Urdu style list (data/urdu-style.yml): preferred spellings and known mistranslations, found as Urdu words.

Each entry names the wrong form(s), the form to use and why. `fine_in` lists the narrow phrases in which a
wrong form is right after all: «سرکاری جاسوسی سافٹ ویئر» is governmental spyware, and right, while
«سرکاری ایپ» is not what "an official app" means.

Text is compared as the site's search compares it (handbook.search_text.folds): Arabic-keyboard letters
(ي ك ه ة ى) meet their Urdu forms, and diacritics, tatweel and invisible marks are ignored; hamza and madda
letters (ئ ؤ آ ۂ) stay what they are, since they are spelling. A form matches whole words only: word
boundaries are spaces, punctuation, Markdown emphasis and the zero-width non-joiner, and the words of a phrase
may be split across lines.
"""

from __future__ import annotations

import bisect
import re
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from handbook.frontmatter import compose_yaml
from handbook.search_text import folds

ZWNJ = "\u200c"
FIELDS = ("wrong", "use", "why", "fine_in")
IGNORED = "\x00"  # what an ignored character becomes in the folded text, so that offsets stay the same
_SPACES = " \t\n\r\x0b\x0c\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
_BOUNDARIES = _SPACES + "*_" + ZWNJ  # emphasis markers and ZWNJ separate words as a space does
_WORD = re.compile(r"[^\W_]")


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """One character for one: search's letter folds, ASCII lower case, IGNORED for marks, space for boundaries."""
    letters, dropped = folds()
    table = {**letters, **{ord(c): c.lower() for c in string.ascii_uppercase}}
    table.update({point: IGNORED for point in range(0x10000) if dropped.match(chr(point))})
    table.update({ord(c): " " for c in _BOUNDARIES})
    return table


def fold(text: str) -> str:
    """`text` as the style list compares it, character for character (the same length, the same offsets)."""
    return text.replace(IGNORED, " ").translate(_table())


class StyleError(ValueError):
    """The style file itself is malformed, at a line and column of it."""

    def __init__(self, path: str, line: int, col: int, message: str, hint: str) -> None:
        self.path, self.line, self.col, self.message, self.hint = path, line, col, message, hint
        super().__init__(f"{path}:{line}:{col}: {message} ({hint})")


@dataclass(frozen=True)
class Rule:
    """One entry: forms to avoid, forms to write instead, why, and phrases where a wrong form is right."""

    wrong: tuple[str, ...]
    use: tuple[str, ...]
    why: str
    fine_in: tuple[str, ...] = ()
    line: int = 0  # of the entry in the style file


@dataclass(frozen=True)
class Hit:
    """A wrong form found in a text: where (offsets in the original text), as written, and its rule."""

    start: int
    end: int
    found: str
    rule: Rule


def _compact(folded: str) -> str:
    """Folded text without its ignored characters, spaces collapsed and stripped."""
    return " ".join(folded.replace(IGNORED, "").split())


def key(form: str) -> str:
    """A form as it is compared: folded, ignored characters removed, spaces collapsed."""
    return _compact(fold(form))


def _form_pattern(form_key: str) -> str:
    """A folded form where ignored characters may come between letters and words."""
    words = [f"{IGNORED}*+".join(re.escape(c) for c in word) for word in form_key.split(" ")]
    return f"{IGNORED}*+ [ {IGNORED}]*+".join(words)  # between words: at least one space


def _pattern(keys: list[str]) -> re.Pattern[str]:
    """Alternation of folded forms, longest first so a phrase wins over a word inside it; whole words at the end."""
    alternatives = "|".join(_form_pattern(k) for k in sorted(set(keys), key=lambda k: (-len(k), k)))
    first = "".join(sorted({re.escape(k[0]) for k in keys}))  # one test per position before the alternatives
    return re.compile(rf"(?=[{first}])(?:{alternatives})(?!{IGNORED}*+[^\W_])")


def _starts_word(folded: str, start: int) -> bool:
    """No letter or digit just before `start`, ignored characters aside."""
    index = start - 1
    while index >= 0 and folded[index] == IGNORED:
        index -= 1
    return index < 0 or not _WORD.match(folded[index])


def _matches(pattern: re.Pattern[str], folded: str, *, overlapping: bool = False) -> list[re.Match[str]]:
    """Whole-word matches of a pattern; `overlapping` also finds those that start inside an earlier one."""
    found: list[re.Match[str]] = []
    position = 0
    while (match := pattern.search(folded, position)) is not None:
        if _starts_word(folded, match.start()):
            found.append(match)
            position = match.start() + 1 if overlapping else match.end()
        else:
            position = match.start() + 1
    return found


class StyleList:
    """Every rule of a style file, compiled once to search texts with."""

    def __init__(self, rules: tuple[Rule, ...] = (), source: str = "urdu-style.yml") -> None:
        self.rules, self.source = rules, source
        self._by_key = {key(form): rule for rule in rules for form in rule.wrong}
        self._wrong = _pattern(list(self._by_key)) if self._by_key else None
        self._fine_of = {rule: frozenset(key(p) for p in rule.fine_in) for rule in rules}
        fine = set().union(*self._fine_of.values()) if rules else set()
        self._fine = _pattern(list(fine)) if fine else None

    def hits(self, text: str) -> list[Hit]:
        """Every wrong form in `text` that is not inside one of its rule's `fine_in` phrases, in order."""
        if self._wrong is None:
            return []
        folded = fold(text)
        # Phrases may overlap (two fine_in phrases sharing a word): every start counts.
        fine = [(m.start(), m.end(), _compact(m.group()))
                for m in (_matches(self._fine, folded, overlapping=True) if self._fine is not None else [])]
        starts = [s for s, _, _ in fine]
        longest = max((e - s for s, e, _ in fine), default=0)
        out: list[Hit] = []
        for match in _matches(self._wrong, folded):
            rule = self._by_key[_compact(match.group())]
            allowed = self._fine_of[rule]
            # Only phrases starting at most `longest` characters before can hold the match: a page of
            # many excused phrases costs no more than a page of few.
            near = fine[bisect.bisect_left(starts, match.start() - longest):bisect.bisect_right(starts, match.start())]
            if not any(match.end() <= e and phrase in allowed for _, e, phrase in near):
                out.append(Hit(match.start(), match.end(), text[match.start():match.end()], rule))
        return out


def suggestion(rule: Rule) -> str:
    """The forms to write instead, as a reader of the message sees them: «آفیشل» or «اصل»."""
    return " or ".join(f"«{u}»" for u in rule.use)


# --- reading the style file -------------------------------------------------------------------------

def _where(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _strings(node: yaml.Node, field: str, path: str, *, required: bool) -> tuple[str, ...]:
    """A field holding one string or a list of non-empty strings."""
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    out: list[str] = []
    for item in items:
        if not isinstance(item, yaml.ScalarNode) or item.tag != "tag:yaml.org,2002:str" or not item.value.strip():
            raise StyleError(path, *_where(item), f"'{field}' must be Urdu text or a list of Urdu texts",
                             f"write it as {field}: [form, other form]")
        if not _WORD.search(key(item.value)):
            raise StyleError(path, *_where(item), f"'{field}' entry {item.value!r} has no letters", "remove it")
        out.append(item.value.strip())
    if required and not out:
        raise StyleError(path, *_where(node), f"'{field}' is empty", f"give at least one form in '{field}'")
    return tuple(out)


def _rule(node: yaml.Node, path: str) -> Rule:
    """One entry of the list, checked field by field."""
    if not isinstance(node, yaml.MappingNode):
        raise StyleError(path, *_where(node), "an entry must be a mapping with wrong, use and why",
                         "start each entry with '- wrong: ...' and indent use and why under it")
    fields: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        name = str(key_node.value)
        if name not in FIELDS:
            raise StyleError(path, *_where(key_node), f"unknown field '{name}'", f"the fields are {', '.join(FIELDS)}")
        if name in fields:
            raise StyleError(path, *_where(key_node), f"'{name}' is given twice in one entry", "keep one")
        fields[name] = value_node
    for name in ("wrong", "use", "why"):
        if name not in fields:
            raise StyleError(path, *_where(node), f"the entry has no '{name}'",
                             "every entry needs wrong (forms to avoid), use (what to write) "
                             "and why (one line in English)")
    why = fields["why"]
    if not isinstance(why, yaml.ScalarNode) or not str(why.value).strip():
        raise StyleError(path, *_where(why), "'why' must be one line of text", "say in English why the form is wrong")
    wrong = _strings(fields["wrong"], "wrong", path, required=True)
    use = _strings(fields["use"], "use", path, required=True)
    fine_in = _strings(fields["fine_in"], "fine_in", path, required=True) if "fine_in" in fields else ()
    rule = Rule(wrong, use, str(why.value).strip(), fine_in, _where(node)[0])
    for phrase in fine_in:
        if not _matches(_pattern([key(w) for w in wrong]), key(phrase)):
            raise StyleError(path, *_where(fields["fine_in"]), f"'fine_in' phrase «{phrase}» contains no wrong form",
                             "a fine_in phrase must contain one of the entry's wrong forms as whole words")
    return rule


def parse_style(text: str, path: str = "urdu-style.yml") -> StyleList:
    """Read and check a style file's YAML (a list of entries); StyleError names the line of the first problem."""
    try:
        root = compose_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise StyleError(path, line, col, f"not valid YAML: {problem}",
                         "check indentation, and quote text that contains ':' or '#'") from None
    if root is None:
        return StyleList((), path)
    if not isinstance(root, yaml.SequenceNode):
        raise StyleError(path, *_where(root), "the style list must be a list of entries",
                         "start each entry with '- wrong: ...'")
    rules: list[Rule] = []
    first: dict[str, tuple[int, str]] = {}
    for node in root.value:
        rule = _rule(node, path)
        for form in rule.wrong:
            if key(form) in first:
                line, other = first[key(form)]
                raise StyleError(path, rule.line, 1,
                                 f"wrong form «{form}» is the same word as «{other}» of the entry at line {line} "
                                 "(diacritics and Arabic-keyboard letters do not count)",
                                 "keep one of them")
            first[key(form)] = (rule.line, form)
        rules.append(rule)
    style = StyleList(tuple(rules), path)
    for rule in rules:
        for form in rule.use:
            for hit in style.hits(form):
                raise StyleError(path, rule.line, 1, f"'use' form «{form}» contains «{hit.found}», a wrong form of "
                                 f"the entry at line {hit.rule.line}", "the suggestion would itself be reported")
    return style


def load_style(path: Path) -> StyleList:
    """The style list in a file (StyleError if it cannot be read or is malformed)."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise StyleError(str(path), 1, 1, f"cannot be read: {error}", "save it as UTF-8 text") from None
    return parse_style(text, str(path))
