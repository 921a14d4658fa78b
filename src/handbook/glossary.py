"""The glossary: abbreviation definitions per language, appended to each page through pymdownx.snippets."""

from __future__ import annotations

import re

from handbook.paths import project_root

GLOSSARY_DIR = "glossary"
_APPENDED = re.compile(r'\n\n--8<-- "' + GLOSSARY_DIR + r'/[^"\n/]+\.md"\n\Z')


def glossary_include(lang: str, default: str = "en") -> str:
    """The snippet include for a language's glossary (the default language's if it has none)."""
    folder = project_root() / "snippets" / GLOSSARY_DIR
    chosen = lang if (folder / f"{lang}.md").is_file() else default
    return f'--8<-- "{GLOSSARY_DIR}/{chosen}.md"'


def append_glossary(markdown: str, lang: str, default: str = "en") -> str:
    """The page's Markdown with its language's glossary appended (abbr definitions render nothing)."""
    return f"{markdown.rstrip()}\n\n{glossary_include(lang, default)}\n"


def strip_glossary(markdown: str) -> str:
    """The Markdown as it was before append_glossary (unchanged if no glossary was appended)."""
    match = _APPENDED.search(markdown)
    return markdown[: match.start()] if match else markdown
