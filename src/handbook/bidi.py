"""Keep left-to-right text (addresses, domain names) readable inside right-to-left pages."""

from __future__ import annotations

import re

# A link whose whole visible text is an address or a domain name, e.g. <a href="…">torproject.org</a>.
_ADDRESS_LINK = re.compile(
    r"<a\b(?P<attrs>(?:(?!\bdir=)[^>])*)>(?P<text>\s*(?:https?://|www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    r"(?:[/?#][^<\s]*)?\s*)</a>"
)


def mark_address_links(html: str) -> str:
    """Give links that show an address dir="ltr", so '/' and '.' stay in place in Urdu text."""
    return _ADDRESS_LINK.sub(lambda m: f'<a{m.group("attrs")} dir="ltr">{m.group("text")}</a>', html)
