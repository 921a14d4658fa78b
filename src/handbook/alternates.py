"""The <link rel="alternate" hreflang> tags of a page, as search engines need them: absolute URLs."""

from __future__ import annotations

import re
from urllib.parse import urljoin

# Material's base.html writes exactly this shape for each language of config.extra.alternate.
_ALTERNATE = re.compile(r'(<link rel="alternate" href=")(?P<href>[^"]*)(" hreflang="[^"]+">)')


def absolute_alternates(page_html: str, page_url: str | None) -> str:
    """Make each hreflang alternate's href absolute against the page's own public URL (left as is without one)."""
    if not page_url or not re.match(r"^https?://", page_url):
        return page_html
    return _ALTERNATE.sub(lambda m: m.group(1) + urljoin(page_url, m.group("href")) + m.group(3), page_html)
