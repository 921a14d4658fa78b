"""One "page not found" per language: 404.html in English, ur/404.html in Urdu.

Every language build renders the theme's 404.html to the site root, so the last language would win.
"""

import os
from copy import deepcopy

from mkdocs.config.defaults import MkDocsConfig

from handbook import build_context, languages


def on_template_context(context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
    # The switcher of a 404 page leads to each language's home page, not to the last page built.
    if template_name == "404.html":
        config.extra.alternate = deepcopy(languages.i18n_plugin(config).extra_alternate)
    return context


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output_content
    lang, default, _ = languages.build_language(config)
    build = build_context.of_build(config)
    if lang == default:
        build.default_404 = output_content
        return output_content
    target = os.path.join(config.site_dir, languages.language_prefix(lang, default), "404.html")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(output_content)
    # Keep the root 404.html in the default language.
    return build.default_404 or output_content
