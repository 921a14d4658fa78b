"""The Urdu style list (data/urdu-style.yml): preferred spellings and known mistranslations, found as Urdu words.

Each entry names the wrong form(s), the form to use and why. `fine_in` lists the narrow phrases in which a
wrong form is right after all («سرکاری جاسوسی سافٹ ویئر» is governmental spyware, while «سرکاری ایپ» is not an
official app).

Text is compared as the site's search compares it (handbook.search_text.fold_char): Arabic-keyboard letters
(ي ك ه ة ى) meet their Urdu forms, and diacritics, tatweel and invisible marks are ignored; hamza and madda
letters (ئ ؤ آ ۂ) stay what they are, since they are spelling. A form matches whole words only: word
boundaries are spaces, punctuation, Markdown emphasis and the zero-width non-joiner, and the words of a phrase
may be split across lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from handbook.search_text import fold_char

ZWNJ = "\u200c"
FIELDS = ("wrong", "use", "why", "fine_in")
_BOUNDARY_CHARS = frozenset("*_" + ZWNJ)  # emphasis markers and ZWNJ separate words like a space does
_WORD = re.compile(r"[^\W_]")


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


@dataclass(frozen=True)
class View:
    """A text as the style list compares it, and the offset in the original text of each of its characters."""

    text: str
    offsets: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of the view's [start, end)."""
        return self.offsets[start], self.offsets[end - 1] + 1


def view(text: str) -> View:
    """Fold letters, drop marks, and make every run of spaces, emphasis markers and ZWNJ one space."""
    out: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        if char.isspace() or char in _BOUNDARY_CHARS:
            if out and out[-1] != " ":
                out.append(" ")
                offsets.append(index)
            continue
        for folded in fold_char(char):
            out.append(folded)
            offsets.append(index)
    return View("".join(out), tuple(offsets))


def key(form: str) -> str:
    """A form as it is compared: folded, spaces collapsed, no leading or trailing space."""
    return view(form).text.strip()


def _pattern(forms: list[str]) -> re.Pattern[str]:
    """Whole-word alternation of folded forms, longest first so a phrase wins over a word inside it."""
    alternatives = "|".join(re.escape(f) for f in sorted(set(forms), key=lambda f: (-len(f), f)))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")


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
        seen = view(text)
        fine: list[tuple[int, int, str]] = []
        if self._fine is not None:
            # Phrases may overlap (two fine_in phrases sharing a word): search again one character on.
            position = 0
            while (match := self._fine.search(seen.text, position)) is not None:
                fine.append((match.start(), match.end(), match.group()))
                position = match.start() + 1
        out: list[Hit] = []
        for match in self._wrong.finditer(seen.text):
            rule = self._by_key[match.group()]
            allowed = self._fine_of[rule]
            if not any(s <= match.start() and match.end() <= e and phrase in allowed for s, e, phrase in fine):
                start, end = seen.span(match.start(), match.end())
                out.append(Hit(start, end, text[start:end], rule))
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
                             "every entry needs wrong (forms to avoid), use (what to write) and why (one line in English)")
    why = fields["why"]
    if not isinstance(why, yaml.ScalarNode) or not str(why.value).strip():
        raise StyleError(path, *_where(why), "'why' must be one line of text", "say in English why the form is wrong")
    wrong = _strings(fields["wrong"], "wrong", path, required=True)
    use = _strings(fields["use"], "use", path, required=True)
    fine_in = _strings(fields["fine_in"], "fine_in", path, required=True) if "fine_in" in fields else ()
    rule = Rule(wrong, use, str(why.value).strip(), fine_in, _where(node)[0])
    for phrase in fine_in:
        if not _pattern([key(w) for w in wrong]).search(key(phrase)):
            raise StyleError(path, *_where(fields["fine_in"]), f"'fine_in' phrase «{phrase}» contains no wrong form",
                             "a fine_in phrase must contain one of the entry's wrong forms as whole words")
    return rule


def parse_style(text: str, path: str = "urdu-style.yml") -> StyleList:
    """Read and check a style file's YAML (a list of entries); StyleError names the line of the first problem."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
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
                raise StyleError(path, rule.line, 1, f"wrong form «{form}» is the same word as «{other}» of the entry "
                                 f"at line {line} (diacritics and Arabic-keyboard letters do not count)",
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
