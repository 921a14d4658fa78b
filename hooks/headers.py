"""The `_headers` file for hosts that read one: the pages' own CSP (plus frame-ancestors) and cache lifetimes."""

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from handbook import build_context, headers
from handbook import event_order as order


@event_priority(order.LAST)
def on_post_build(*, config: MkDocsConfig) -> None:
    offline = config.plugins.get("material/offline")
    if offline is not None and offline.config.enabled:
        return  # a copy opened from file:// has no host to read headers
    # Written after each language (every language shares the site folder): the last write, after the
    # default language's build, which i18n finishes after the others, has every page and every hash.
    root = config.site_dir
    paths = [os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")
             for folder, _, names in os.walk(root) for name in names]
    try:
        text = headers.render(build_context.of_build(config).csp_hashes, paths)
    except headers.HeadersTooLarge as error:
        raise PluginError(f"{headers.FILE_NAME}: {error}") from None
    with open(os.path.join(root, headers.FILE_NAME), "w", encoding="utf-8") as handle:
        handle.write(text)
