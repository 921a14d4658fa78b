"""Every HTML page gets a Content-Security-Policy and no-referrer, and loses the generator meta."""

import logging
import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from handbook import build_context, csp, quick_exit, serve_memo
from handbook import event_order as order
from handbook.vendored import OFFLINE_SHIM

log = logging.getLogger("mkdocs.plugins.handbook.privacy")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        config.extra["quick_exit_url"] = quick_exit.exit_url(config.extra.get("quick_exit_url"))
    except quick_exit.QuickExitError as error:
        with open(config.config_file_path, encoding="utf-8") as handle:
            line = quick_exit.key_line(handle.read(), "quick_exit_url")
        raise PluginError(f"{config.config_file_path}:{line or 1}: {error}") from None
    # Per build and per language: the offline shim's text, when the offline copy runs search through it.
    context = build_context.of_language(config)
    context.csp_shim = None
    if OFFLINE_SHIM in (config.extra.get("polyfills") or []):
        for folder in config.theme.dirs:
            path = os.path.join(folder, OFFLINE_SHIM)
            if os.path.isfile(path):
                with open(path, encoding="utf-8") as handle:
                    context.csp_shim = handle.read()
                break
    return config


def _secure(output: str, where: str, config: MkDocsConfig) -> str:
    scripts = serve_memo.call(config, csp.inline_scripts, output)
    for script in scripts:
        if script.in_content:
            log.warning("%s:%d: an inline <script> in the page's content is blocked by the Content-Security-Policy; "
                        "remove it (scripts belong in overrides/assets/javascripts/, loaded with src)", where, script.line)
    hashes = [csp.script_hash(s.text) for s in scripts if not s.in_content]
    worker = csp.search_worker(output)
    shim = build_context.of_language(config).csp_shim
    try:
        if shim and worker:
            hashes.append(csp.script_hash(csp.shim_bootstrap(shim, worker)))
        build_context.of_build(config).csp_hashes.update(dict.fromkeys(hashes))
        return csp.secure_head(output, csp.policy(hashes))
    except (csp.ShimChanged, csp.NoCharset) as error:
        raise PluginError(f"{where}: {error}") from None


@event_priority(order.SECURE_PAGE)  # last: after every hook that rewrites the page's HTML
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return _secure(output, page.file.src_path, config)


@event_priority(order.BEFORE_404_COPIES)  # before hooks/not_found_pages.py copies the 404 page for each language
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output_content
    return _secure(output_content, template_name, config)
