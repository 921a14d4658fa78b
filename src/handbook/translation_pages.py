"""Translation status inside the build: refuse broken translations, mark outdated ones, publish a status page."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from handbook import blog_i18n, frontmatter, translations, ui
from handbook.paths import project_root

STATUS_PAGE = "translations.md"


def docs_dir(config: MkDocsConfig) -> Path:
    """The docs folder of the site being built."""
    return Path(config.docs_dir)


def scan_languages(config: MkDocsConfig) -> dict[str, list[translations.PageStatus]]:
    """The status of every page of every language but the default one (read once per build)."""
    _, default, languages = blog_i18n.build_language(config)
    return {other: translations.scan(docs_dir(config), other, default=default) for other in languages if other != default}


def check_and_attach(files: Files, config: MkDocsConfig, scanned: dict[str, list[translations.PageStatus]]) -> None:
    """Stop the build on translations without a source or with other heading ids; attach each page's status."""
    lang, default, _ = blog_i18n.build_language(config)
    if lang == default:
        return
    statuses = scanned[lang]
    problems = [message for status in statuses for message in status.messages()]
    if problems:
        raise PluginError("translations that cannot be published:\n" + "\n".join(problems))
    by_path = {status.path: status for status in statuses}
    for file in files.documentation_pages():
        if getattr(file, "locale", None) == lang:
            status = by_path.get(getattr(file, "norm_src_uri", ""))
            if status is not None:
                file.handbook_translation = status


def outdated_notice(page, config: MkDocsConfig) -> str | None:
    """The rendered notice for a translation whose English changed since, or None."""
    status = getattr(page.file, "handbook_translation", None)
    if status is None or status.state not in ("outdated", "untracked"):
        return None
    lang, default, _ = blog_i18n.build_language(config)
    strings = ui.strings(lang)
    changed = translations.english_changed_on(docs_dir(config) / default / status.path, project_root())
    english = page.file.alternates.get(default) if hasattr(page.file, "alternates") else None
    template = config.theme.get_env().get_template("partials/outdated.html")
    return template.render(
        ui=strings,
        date=changed.isoformat() if changed else None,
        english_url=get_relative_url(english.url, page.url) if english is not None else None,
        default_lang=default,
    )


def status_page_markdown(config: MkDocsConfig, scanned: dict[str, list[translations.PageStatus]]) -> str:
    """The translation status page of the language being built, from the same code as the command."""
    lang, _, _ = blog_i18n.build_language(config)
    strings = ui.strings(lang)
    rows = []
    for other, statuses in scanned.items():
        rows.append({
            "lang": other,
            "name": blog_i18n.language_name(config, other),
            "summary": translations.summarise(statuses),
            "outdated": [s for s in statuses if s.state in ("outdated", "untracked")],
            "missing": [s for s in statuses if s.state == "missing"],
        })
    template = config.theme.get_env().get_template("partials/translation-status.html")
    html = template.render(ui=strings, rows=rows, states=translations.STATES, sections=translations.SECTIONS)
    meta = {"title": strings["status_title"], "description": strings["status_description"],
            "search": {"exclude": True}}
    return frontmatter.dump(meta, f"# {strings['status_title']}\n\n{html}\n")


def add_status_page(files: Files, config: MkDocsConfig, scanned: dict[str, list[translations.PageStatus]]) -> None:
    """Publish the status page at translations/ in every language."""
    lang, default, _ = blog_i18n.build_language(config)
    src_uri = f"{lang}/{STATUS_PAGE}"
    # Listed in the site's nav; a site whose nav leaves it out (a small test site) gets no warning.
    file = File.generated(config, src_uri, content=status_page_markdown(config, scanned), inclusion=InclusionLevel.NOT_IN_NAV)
    dest = "translations/index.html" if config.use_directory_urls else "translations.html"
    blog_i18n.set_dest(file, blog_i18n.language_prefix(lang, default) + dest, config)
    file.locale = lang
    file.locale_alternate_of = lang
    file.norm_src_uri = STATUS_PAGE
    blog_i18n.attach_alternates(file, config)
    files.append(file)
