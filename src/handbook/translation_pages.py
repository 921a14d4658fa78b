"""Translation status inside the build: refuse broken translations, mark outdated ones, publish a status page."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from handbook import blog_i18n, build_context, frontmatter, languages, translations, ui

STATUS_PAGE = "translations.md"


def docs_dir(config: MkDocsConfig) -> Path:
    """The docs folder of the site being built."""
    return Path(config.docs_dir)


def scan_languages(config: MkDocsConfig) -> dict[str, list[translations.PageStatus]]:
    """The status of every page of every language but the default one (scanned once per build)."""
    _, default, built = languages.build_language(config)
    build = build_context.of_build(config)
    for other in built:
        if other != default and other not in build.translation_scans:
            build.translation_scans[other] = translations.scan(docs_dir(config), other, default=default, read=build.read)
    return {other: build.translation_scans[other] for other in built if other != default}


def check_and_attach(files: Files, config: MkDocsConfig, scanned: dict[str, list[translations.PageStatus]]) -> None:
    """Stop the build on translations without a source or with other heading ids; attach each page's status."""
    lang, default, _ = languages.build_language(config)
    if lang == default:
        return
    statuses = scanned[lang]
    problems = [message for status in statuses for message in status.messages()]
    if problems:
        raise PluginError("translations that cannot be published:\n" + "\n".join(problems))
    by_path = {status.path: status for status in statuses}
    attached = build_context.of_language(config).translations
    attached.clear()
    for file in files.documentation_pages():
        if getattr(file, "locale", None) == lang:
            status = by_path.get(getattr(file, "norm_src_uri", ""))
            if status is not None:
                attached[file.src_uri] = status


def outdated(page, config: MkDocsConfig) -> dict[str, str | None] | None:
    """What partials/outdated.html shows on a translation whose English changed since, or None."""
    status = build_context.of_language(config).translations.get(page.file.src_uri)
    if status is None or status.state not in ("outdated", "untracked"):
        return None
    _, default, _ = languages.build_language(config)
    changed = translations.english_changed_on(docs_dir(config) / default / status.path,
                                              Path(languages.project_dir(config)))
    english = page.file.alternates.get(default) if hasattr(page.file, "alternates") else None
    return {
        "date": changed.isoformat() if changed else None,
        "english_url": get_relative_url(english.url, page.url) if english is not None else None,
        "default_lang": default,
    }


def status_page_markdown(config: MkDocsConfig) -> str:
    """The Markdown of the translation status page of the language being built (its table is a partial)."""
    strings = ui.strings(languages.build_language(config).lang)
    meta = {"title": strings["status_title"], "description": strings["status_description"],
            "search": {"exclude": True}}
    return frontmatter.dump(meta, f"# {strings['status_title']}\n")


def status_table(page, config: MkDocsConfig) -> dict[str, object] | None:
    """What partials/translation-status.html shows on the status page (from the command's code), else None."""
    if page.file.src_uri != f"{languages.build_language(config).lang}/{STATUS_PAGE}":
        return None
    rows = []
    for other, statuses in scan_languages(config).items():  # already scanned in on_files: no second scan
        rows.append({
            "lang": other,
            "name": languages.language_name(config, other),
            "summary": translations.summarise(statuses),
            "outdated": [s for s in statuses if s.state in ("outdated", "untracked")],
            "missing": [s for s in statuses if s.state == "missing"],
        })
    return {"rows": rows, "sections": translations.SECTIONS}


def add_status_page(files: Files, config: MkDocsConfig) -> None:
    """Publish the status page at translations/ in every language."""
    blog_i18n.add_language_page(files, config, STATUS_PAGE, status_page_markdown(config), "translations")
