"""Defence in depth: every page's rendered Markdown passes an allowlist sanitiser before it is published.

The content checks (`handbook check`, run by the build too) refuse hostile input with a file and line.
Whatever they miss is neutralised here: no element or attribute that can run or load anything survives,
only the markup that Python-Markdown, pymdownx and this project's own generated pages produce.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import nh3

EXTRA_TAGS = {"section", "input", "label", "progress", "figure", "figcaption"}
DROPPED_TAGS = {"area", "map"}  # image maps: links that readers cannot see
REMOVED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template", "form", "frame",
                        "frameset", "applet", "svg", "math", "textarea", "select", "button"}
GENERIC_ATTRIBUTES = {"id", "class", "lang", "dir", "title", "role", "hidden", "aria-label", "aria-labelledby",
                      "aria-describedby", "aria-hidden", "style", "name"}
TAG_ATTRIBUTES = {
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "type"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "time": {"datetime"},
    "details": {"open"},
    "label": {"for"},
    "progress": {"max", "value"},
    "input": {"checked", "disabled"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "q": {"cite"},
}
# Only tick boxes (pymdownx.tasklist) may be inputs.
TAG_ATTRIBUTE_VALUES = {"input": {"type": {"checkbox"}}}
URL_SCHEMES = {"http", "https", "mailto", "tel", "sms"}  # sms: a short code the registry says to text
STYLE_PROPERTIES = {"text-align"}  # table column alignment; nothing that can load a resource


RESOURCE_ATTRIBUTES = {"src", "srcset", "poster"}
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _local_resources_only(tag: str, attribute: str, value: str) -> str | None:
    """Drop any image or media source that names a host: the site loads nothing from elsewhere."""
    if attribute in RESOURCE_ATTRIBUTES and re.search(r"(?:^|[\s,])(?:[a-z][a-z0-9+.-]*:)?//", value, re.I):
        return None
    return value


def clean(html: str) -> str:
    """Sanitise one page's HTML fragment with the project's allowlist; drop direction-spoofing characters."""
    return nh3.clean(
        BIDI_CONTROLS.sub("", html),
        tags=(nh3.ALLOWED_TAGS | EXTRA_TAGS) - DROPPED_TAGS - REMOVED_WITH_CONTENT,
        clean_content_tags=REMOVED_WITH_CONTENT,
        attributes={"*": GENERIC_ATTRIBUTES, **TAG_ATTRIBUTES},
        tag_attribute_values=TAG_ATTRIBUTE_VALUES,
        url_schemes=URL_SCHEMES,
        filter_style_properties=STYLE_PROPERTIES,
        strip_comments=False,  # Material's tags plugin fills its listings in at comment placeholders
        link_rel=None,  # set below, on links that leave the site only
        attribute_filter=_local_resources_only,
    )


_ANCHOR = re.compile(r"<a\b(?P<attrs>[^>]*)>", re.I)
_HREF = re.compile(r'\bhref="(?P<url>[^"]*)"', re.I)


def mark_external_links(html: str, site_host: str | None = None) -> str:
    """Give every link to another host rel="noopener noreferrer" (no referrer leaks where a reader came from)."""

    def mark(match: re.Match[str]) -> str:
        attrs = match.group("attrs")
        href = _HREF.search(attrs)
        if not href or re.search(r"\brel=", attrs, re.I):
            return match.group(0)
        url = href.group("url")
        host = urlsplit(url).hostname if url.startswith(("http:", "https:", "//")) else None
        if host is None or (site_host and host == site_host):
            return match.group(0)
        return f'<a{attrs} rel="noopener noreferrer">'

    return _ANCHOR.sub(mark, html)


def sanitised(html: str, site_host: str | None = None) -> str:
    """A page's or excerpt's HTML as published: cleaned to the allowlist, outbound links marked."""
    return mark_external_links(clean(html), site_host)
