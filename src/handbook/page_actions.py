"""'Edit this page' (the page's own source, in its own language) and 'Suggest a correction' links."""

from __future__ import annotations

import os
from urllib.parse import urlencode

from mkdocs.config.defaults import MkDocsConfig

from handbook import build_context, languages


def source_path(page, config: MkDocsConfig) -> str | None:
    """The Markdown file a reader's page comes from, relative to docs/ ('ur/handbook/x.md'); None if generated."""
    if build_context.trainer_view(config, page.file):
        return None
    origin = build_context.source_of(config, page.file)
    docs = os.path.abspath(config.docs_dir)
    if not origin or not os.path.abspath(origin).startswith(docs + os.sep):
        return None
    return os.path.relpath(origin, docs).replace(os.sep, "/")


def actions(page, config: MkDocsConfig) -> dict[str, str | None] | None:
    """The links of a page's actions block (partials/page-actions.html), or None for generated pages."""
    path = source_path(page, config)
    if path is None:
        return None
    edit_url = f"{config.edit_uri}{path}" if (config.edit_uri or "").startswith("https://") else None
    issues = (config.extra.get("correction_url") or "").strip()
    if issues.startswith("https://"):
        query = urlencode({"template": "correction.yml", "title": f"Correction: {page.title}",
                           "page": (config.site_url or "") + page.url})
        correction_url = f"{issues}?{query}"
    else:
        correction_url = languages.about_url(page, config, "contribute")
    return {"edit_url": edit_url, "correction_url": correction_url}
