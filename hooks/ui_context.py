"""Give templates the interface strings of the language being built (data/ui.yml)."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from handbook import languages, ui


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    lang, _, _ = languages.build_language(config)
    context["ui"] = ui.strings(lang)
    return context


def on_template_context(context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
    # The 404 pages are templates, not pages: they need the strings too (the quick exit's label).
    if template_name == "404.html":
        lang, _, _ = languages.build_language(config)
        context["ui"] = ui.strings(lang)
    return context
