"""`[[fact:ID]]` in Markdown: a registry entry (data/facts.yml) in the page's language, with its checked date.

Why a Python-Markdown extension (registered in mkdocs.yml) rather than a hook or pymdownx.snippets: every
page MkDocs renders passes through the extensions, including the generated ones (slides, checklists and
facilitator guides made from chapters, and so their PDFs), where a page hook would miss some. Snippets
would need one file per fact and language and could not add the checked date in the reader's language.
The extension builds elements, never HTML strings, and renders before links and emphasis, so a fact works
inside bold text, lists and tables, and stays literal inside code.

The language is the page's content language (the `locale` mkdocs-static-i18n gives each file; an English
page shown to Urdu readers keeps English words around its number), else the extension's `lang` setting.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor
from mkdocs.exceptions import PluginError

from handbook import facts, ui
from handbook.dates import format_day

FACT_PATTERN = r"\[\[fact:([^\]\s]*)\]\]"
FACT_TOKEN = re.compile(FACT_PATTERN)
# After code spans (190) so `[[fact:x]]` in code stays literal; before escapes (180), links and emphasis.
PRIORITY = 185
STATUS_KEYS = {"in force": "fact_in_force", "amended": "fact_amended", "partly struck down": "fact_partly_struck_down",
               "struck down": "fact_struck_down"}


class UnknownFact(PluginError):
    """A page includes a fact id that the registry does not have (stops the build with file:line)."""


@dataclass(frozen=True)
class FactView:
    """What a reader sees for one fact: its text, where it links, and the note beside it."""

    text: str
    href: str
    note: str


def href_of(fact: facts.Fact) -> str:
    """Where the fact's text links: dial the number, text the short code, write the email, open the page, or
    read the law's source."""
    if fact.type == "web":
        return fact.value
    if fact.type == "phone":
        return "tel:" + fact.digits()
    if fact.type == "sms":
        return "sms:" + fact.digits()
    if fact.type == "email":
        return "mailto:" + fact.value
    return fact.source if fact.type == "law" else ""


def fact_view(fact: facts.Fact, lang: str, strings: dict[str, str]) -> FactView:
    """The text, link and note of a fact in a language: details first, then 'checked on DATE'."""
    if fact.type == "law":
        text = fact.text("label", lang)
        details = [strings[STATUS_KEYS[fact.status]], fact.text("note", lang)]
    else:
        text = fact.text("value", lang) or fact.value
        details = [fact.text(name, lang) for name in ("cost", "hours", "languages")]
    checked = strings["fact_checked"].replace("{date}", format_day(fact.checked, lang))
    shown = strings["list_separator"].join(d for d in details if d)
    note = f"({shown}{strings['fact_detail_separator']}{checked})" if shown else f"({checked})"
    return FactView(text, href_of(fact), note)


def fact_element(view: FactView) -> etree.Element:
    """<span class="mahfooz-fact"><a>TEXT</a> <span class="mahfooz-fact-note">(NOTE)</span></span>."""
    outer = etree.Element("span", {"class": "mahfooz-fact"})
    value = etree.SubElement(outer, "a" if view.href else "span", {"class": "mahfooz-fact-value"})
    if view.href:
        value.set("href", view.href)
    value.text = view.text
    value.tail = " "
    note = etree.SubElement(outer, "span", {"class": "mahfooz-fact-note"})
    note.text = view.note
    return outer


def _page_file(md: Markdown):
    # MkDocs registers the page's File on its own link-rewriting treeprocessor for every page it renders.
    relpath = md.treeprocessors["relpath"] if "relpath" in md.treeprocessors else None
    return getattr(relpath, "file", None)


def unknown_fact_message(fact_id: str, registry: facts.Registry, file) -> str:
    """'docs/en/x.md:12: unknown fact ...' with the ids most like it."""
    where = "a page"
    path = getattr(file, "abs_src_path", None)
    if path and Path(path).is_file():
        text = Path(path).read_text("utf-8")
        token = f"[[fact:{fact_id}]]"
        line = text[: text.find(token)].count("\n") + 1 if token in text else 1
        where = f"{getattr(file, 'src_path', path)}:{line}"
    elif file is not None:
        where = getattr(file, "src_path", where)
    like = facts.closest_ids(registry, fact_id)
    hint = f"did you mean {', '.join(like)}?" if like else f"add '{fact_id}' to {facts.REGISTRY_FILE}, with its source and checked date"
    return f"{where}: unknown fact '{fact_id}' in [[fact:{fact_id}]] ({hint})"


class FactProcessor(InlineProcessor):
    """Replace `[[fact:ID]]` with the registry entry's element in the page's language."""

    def __init__(self, md: Markdown, extension: "FactsExtension") -> None:
        super().__init__(FACT_PATTERN, md)
        self.extension = extension

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # noqa: N802
        registry = self.extension.registry()
        file = _page_file(self.md)
        fact = registry.facts.get(m.group(1))
        if fact is None:
            raise UnknownFact(unknown_fact_message(m.group(1), registry, file))
        lang = getattr(file, "locale", None) or self.extension.getConfig("lang")
        strings = self.extension.strings(lang)
        return fact_element(fact_view(fact, lang, strings)), m.start(0), m.end(0)


class FactsExtension(Extension):
    """Python-Markdown extension: `[[fact:ID]]` from the project's registry of facts."""

    def __init__(self, **kwargs) -> None:
        self.config = {
            "root": ["", "project folder holding data/facts.yml and data/ui.yml (default: the handbook's root)"],
            "lang": ["en", "language of pages MkDocs did not give a locale (e.g. outside a site build)"],
        }
        super().__init__(**kwargs)

    def _root(self) -> Path:
        from handbook.paths import project_root

        return Path(self.getConfig("root")) if self.getConfig("root") else project_root()

    def registry(self) -> facts.Registry:
        """The registry; a build error naming every problem's file and line if it has problems."""
        try:
            return facts.load_registry(self._root())
        except facts.RegistryError as error:
            raise PluginError(f"the registry of facts cannot be used:\n{error}") from None

    def strings(self, lang: str) -> dict[str, str]:
        """Interface strings of a language (data/ui.yml)."""
        return ui.strings(lang, self._root() / "data" / "ui.yml")

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        md.inlinePatterns.register(FactProcessor(md, self), "handbook_fact", PRIORITY)


def makeExtension(**kwargs) -> FactsExtension:  # noqa: N802
    """Entry point for Python-Markdown (`- handbook.facts_markdown` in mkdocs.yml)."""
    return FactsExtension(**kwargs)
