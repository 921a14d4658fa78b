"""Language links: keep the switcher's links relative (i18n writes '/' and '/ur/' on home pages), and
never claim, in <link rel="alternate" hreflang>, a translation that does not exist; those <link>s name
absolute URLs from site_url, as search engines require, except in the offline copy, where no search
engine looks and relative ones keep pointing into the copy itself."""

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from handbook import alternates, languages
from handbook.page_head import in_head
from handbook import event_order as order

_ALTERNATE_LINE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="(?P<lang>[^"]+)">\n?')


@event_priority(order.AFTER_I18N_ALTERNATES)  # after i18n (50) has set this page's alternates
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    for alternate in getattr(config.extra, "alternate", None) or []:
        alternate["link"] = languages.site_relative_link(alternate["link"], config.site_url)
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    lang, _, _ = languages.build_language(config)
    genuine = languages.genuine_languages(page.file, lang)

    def keep(match: re.Match[str]) -> str:
        return match.group(0) if match.group("lang") in genuine else ""

    offline = config.plugins.get("material/offline")
    absolute = offline is None or not offline.config.enabled

    def repair(head: str) -> str:
        head = _ALTERNATE_LINE.sub(keep, head)
        return alternates.absolute_alternates(head, page.canonical_url) if absolute else head

    return in_head(output, repair)
