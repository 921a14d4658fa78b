"""The data partials/page-body.html shows around a page: notices above it, cross-links and actions below."""

from __future__ import annotations

from typing import Any, Iterable

from mkdocs.config.defaults import MkDocsConfig

from handbook import build_context, changes_pages, languages, page_actions, post_notes, related_pages, translation_pages, ui
from handbook.dates import build_day, format_day
from handbook.kinds import kind_of
from handbook.review import page_review


def fallback(page, config: MkDocsConfig) -> dict[str, str] | None:
    """The notice of a page shown in another language (an untranslated page), or None."""
    lang, default, _ = languages.build_language(config)
    if lang == default or not languages.is_fallback(page.file, lang):
        return None
    if page.meta.get("template") == "deck.html":
        return None
    return {
        "lang": page.file.locale,
        "language_name": languages.language_name(config, lang),
        "help_url": languages.about_url(page, config, "help-translate"),
    }


def review(page, config: MkDocsConfig) -> dict[str, str | None] | None:
    """A chapter's 'Last reviewed' date and, once review_by has passed, that date, in the reader's language."""
    if kind_of(page.file.src_uri)[0] != "chapter":
        return None
    reviewed, expired = page_review(page.meta, build_day())
    lang = languages.build_language(config).lang
    if reviewed is None and expired is None:
        return None
    return {"last_reviewed": format_day(reviewed, lang) if reviewed else None,
            "expired": format_day(expired, lang) if expired else None}


def extras(page, config: MkDocsConfig) -> dict[str, Any]:
    """Everything partials/page-body.html needs for one page."""
    return {
        "outdated": translation_pages.outdated(page, config),
        "fallback": fallback(page, config),
        "review": review(page, config),
        "post_note": post_notes.note_view(page, config),
        "status": translation_pages.status_table(page, config),
        "changes": changes_pages.listing(page, config),
        "related": related_pages.related(page, config),
        "actions": page_actions.actions(page, config),
    }


def mark_fallback_excerpts(excerpts: Iterable[Any], config: MkDocsConfig) -> None:
    """Wrap the blog excerpts shown in another language with their language and direction."""
    lang, default, _ = languages.build_language(config)
    if lang == default:
        return
    template = build_context.template_env(config).get_template("partials/fallback.html")
    for excerpt in excerpts:
        if languages.is_fallback(excerpt.post.file, lang):
            excerpt.content = template.render(content=excerpt.content, content_lang=excerpt.post.file.locale,
                                              notice=False, ui=ui.strings(lang))
