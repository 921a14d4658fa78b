"""Point Material's lazily loaded third-party scripts at copies served by the site itself."""

from __future__ import annotations

# Material's bundle loads these from unpkg.com only when needed (an old browser without
# ResizeObserver; a page with a Mermaid diagram). Readers must never contact a third party,
# so each URL is replaced by an expression that resolves against the site's own root.
LOCAL_SCRIPTS = {
    "https://unpkg.com/resize-observer-polyfill": "assets/vendor/resize-observer-polyfill/ResizeObserver.global.js",
    # Not shipped: the handbook has no diagrams. A page that needed Mermaid would get a local 404,
    # never a third-party request.
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "assets/vendor/mermaid/mermaid.min.js",
}

OFFLINE_SHIM = "assets/vendor/iframe-worker/shim.js"

# Material fetches `sitemap.xml` next to every <link rel="alternate"> of a page, to redirect clicks on
# links under another language's root. Our language links already point at each page's counterpart,
# the sitemaps it asks for do not exist (one 404 per alternate and feed, on every page, on slow
# connections), and the redirect would send a click on any link to an Urdu page to the Urdu home page.
# Its selector is narrowed to match nothing.
DISABLED_SELECTORS = {
    'M("link[rel=alternate]")': 'M("link[rel=alternate][data-mahfooz-sitemap]")',
}


class BundleChanged(RuntimeError):
    """Material's bundle no longer contains a URL we expect to replace (after an upgrade)."""


def localise_bundle(js: str) -> str:
    """Replace each third-party script URL in Material's bundle with a same-site one."""
    for remote, local in LOCAL_SCRIPTS.items():
        literal = f'"{remote}"'
        if literal not in js:
            raise BundleChanged(
                f"Material's bundle no longer loads {remote}; check what it loads now and update handbook/vendored.py"
            )
        js = js.replace(literal, f'new URL("{local}",__md_scope).href')
    for original, narrowed in DISABLED_SELECTORS.items():
        if js.count(original) != 1:
            raise BundleChanged(
                f"Material's bundle no longer contains {original} exactly once; update handbook/vendored.py"
            )
        js = js.replace(original, narrowed)
    return js
