"""Generate each chapter's trainer views as pages of the build: slides, checklist handout, facilitator guide."""

from __future__ import annotations

import posixpath
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from handbook import activity, blog_i18n, build_context, frontmatter, languages, serve_memo, trainer, ui
from handbook.kinds import page_kind

VIEWS = ("slides", "checklist", "facilitator")


def is_chapter(file: File, views: dict[str, str]) -> bool:
    """A handbook chapter (not the section index, not one of the generated `views`) in any language folder."""
    norm = getattr(file, "norm_src_uri", file.src_uri)
    return (
        file.is_documentation_page()
        and page_kind(norm) == "chapter"
        and file.src_uri not in views
    )


def view_dest(chapter_dest: str, view: str) -> str:
    """Where a view of a chapter is written: beside the chapter ('handbook/x/' -> 'handbook/x-slides/')."""
    if chapter_dest.endswith("/index.html"):
        return chapter_dest[: -len("/index.html")] + f"-{view}/index.html"
    stem, ext = posixpath.splitext(chapter_dest)
    return f"{stem}-{view}{ext}"


def objectives_of(meta: dict[str, Any]) -> list[str]:
    """A chapter's learning objectives as text (the checks require them; a draft may not have them yet)."""
    objectives = meta.get("objectives")
    return [str(o) for o in objectives] if isinstance(objectives, list) else []


def session_plan(meta: dict[str, Any], body: str, strings: dict[str, str]) -> str:
    """The facilitator guide's plan: the session's minutes (teaching, then the activity) and its objectives."""
    parts = []
    found = activity.timing_line(body)
    timing = activity.parse_timing(found[1]) if found else None
    duration, teaching = meta.get("duration"), meta.get("teaching")
    if timing and isinstance(duration, int) and isinstance(teaching, int):
        parts.append(strings["session_time"].format(duration=duration, teaching=teaching, activity=timing.total))
    parts.append(trainer.objectives_markdown(strings["learning_objectives"], objectives_of(meta)))
    return "\n\n".join(p for p in parts if p)


def _views_of(chapter: File, text: str, strings: dict[str, str], lang: str) -> dict[str, tuple[dict[str, Any], str]]:
    doc = frontmatter.split(text)
    title = str(doc.meta.get("title", ""))
    description = str(doc.meta.get("description", ""))
    name = posixpath.basename(chapter.src_uri)
    objectives = trainer.objectives_markdown(strings["learning_objectives"], objectives_of(doc.meta), level=3)
    common = {"search": {"exclude": True}, "chapter_url": chapter.url, "hide": ["navigation", "toc"]}
    views: dict[str, tuple[dict[str, Any], str]] = {
        "slides": ({**common, "title": title, "template": "deck.html"},
                   trainer.deck_markdown(title, description, doc.body, name,
                                         trainer.WORDS_PER_SLIDE.get(getattr(chapter, "locale", lang),
                                                                     trainer.MAX_WORDS_PER_SLIDE), objectives)),
        "facilitator": ({**common, "title": f"{strings['facilitator_guide']}: {title}"},
                        trainer.facilitator_markdown(title, strings["facilitator_guide"], doc.body, name,
                                                     strings["trainer_notes"], session_plan(doc.meta, doc.body, strings))),
    }
    checklist = trainer.checklist_markdown(title, strings["checklist_handout"], doc.body, name)
    if checklist is not None:
        views["checklist"] = ({**common, "title": f"{strings['checklist_handout']}: {title}"}, checklist)
    return views


def _view_files(chapter: File, text: str, strings: dict[str, str], lang: str,
                config: MkDocsConfig) -> tuple[tuple[str, str], ...]:
    """Each view of a chapter and the text of its generated Markdown file (under `mkdocs serve`, the last
    rebuild's, when the chapter and everything the views are made from are unchanged)."""

    def key() -> tuple[object, ...]:
        return ("trainer views", chapter.src_uri, chapter.url, getattr(chapter, "locale", None), lang,
                serve_memo.text_digest(text), tuple(sorted(strings.items())))

    return serve_memo.remember(config, key, lambda: tuple(
        (view, frontmatter.dump(meta, body)) for view, (meta, body) in _views_of(chapter, text, strings, lang).items()))


def generate(files: Files, config: MkDocsConfig) -> None:
    """Add the trainer views of every chapter of the language being built."""
    lang, _, _ = languages.build_language(config)
    strings = ui.strings(lang)
    context = build_context.of_language(config)
    for chapter in [f for f in files.documentation_pages() if is_chapter(f, context.trainer_views)]:
        links: dict[str, File] = {}
        for view, content in _view_files(chapter, build_context.text_of(config, chapter), strings, lang, config):
            src_uri = chapter.src_uri[: -len(".md")] + f"-{view}.md"
            generated = File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
            blog_i18n.set_dest(generated, view_dest(chapter.dest_uri, view), config)
            context.trainer_views[generated.src_uri] = view
            generated.locale = getattr(chapter, "locale", lang)
            generated.locale_alternate_of = lang
            generated.norm_src_uri = getattr(chapter, "norm_src_uri", chapter.src_uri)[: -len(".md")] + f"-{view}.md"
            blog_i18n.attach_alternates(generated, config)
            files.append(generated)
            links[view] = generated
        context.trainer_links[chapter.src_uri] = links


def trainer_links(page_file: File, config: MkDocsConfig) -> dict[str, str] | None:
    """Site-root URLs of a chapter's trainer views, for the links shown on the chapter."""
    links = build_context.of_language(config).trainer_links.get(page_file.src_uri)
    return {view: file.url for view, file in links.items()} if links else None
