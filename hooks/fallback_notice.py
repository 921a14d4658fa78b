"""Mark pages (and blog excerpts) shown in English on another language's site: a notice, and lang/dir."""

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from handbook import blog_i18n, ui


@event_priority(-110)  # after the blog plugin has rendered excerpts into the context (-100)
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    lang, default, _ = blog_i18n.build_language(config)
    if lang == default:
        return context
    template = config.theme.get_env().get_template("partials/fallback.html")
    strings = {**ui.strings(lang), "language_name": blog_i18n.language_name(config, lang)}
    if blog_i18n.is_fallback(page.file, lang) and page.meta.get("template") != "deck.html":
        page.content = template.render(
            content=page.content, content_lang=page.file.locale, notice=True, ui=strings,
            help_url=blog_i18n.about_url(page, config, "help-translate"),
        )
    for excerpt in context.get("posts") or []:
        if blog_i18n.is_fallback(excerpt.post.file, lang):
            excerpt.content = template.render(
                content=excerpt.content, content_lang=excerpt.post.file.locale, notice=False, ui=strings,
            )
    return context
