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


# An Arabic comma or semicolon between two Latin words ("Bitwarden، KeePassXC"): with nothing right-to-left
# on either side, the bidi algorithm makes it left-to-right, and the names read in reverse order with the
# comma on the wrong side. A right-to-left mark after it keeps it in the Urdu sentence's flow.
_LATIN_SEPARATOR = re.compile(r"(?<=[A-Za-z0-9)])([\u060c\u061b])(?=[ \u00a0]*[A-Za-z0-9(])")
_TEXT_BETWEEN_TAGS = re.compile(r">([^<]+)<")
RLM = "\u200f"


def keep_separators_in_flow(html: str) -> str:
    """Put a right-to-left mark after an Arabic comma or semicolon between Latin words (text only, not tags)."""
    return _TEXT_BETWEEN_TAGS.sub(lambda m: ">" + _LATIN_SEPARATOR.sub(r"\1" + RLM, m.group(1)) + "<", html)


def directions_marked(html: str) -> str:
    """Rendered content with links that display an address marked left-to-right, separators kept in flow."""
    return keep_separators_in_flow(mark_address_links(html))
