"""RSS 2.0 feeds, one per language, built from the blog's posts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.utils import format_datetime
from xml.etree import ElementTree as ET


@dataclass(frozen=True)
class FeedItem:
    """One post as a feed entry."""

    title: str
    url: str  # absolute
    date: dt.datetime
    description: str
    categories: tuple[str, ...] = ()


def _rfc822(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return format_datetime(moment)


def render_rss(*, title: str, link: str, description: str, language: str, self_url: str,
               items: list[FeedItem]) -> bytes:
    """An RSS 2.0 document, newest first; its date is the newest post's, so builds are reproducible."""
    ET.register_namespace("atom", "http://www.w3.org/2005/Atom")
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = title
    ET.SubElement(channel, "link").text = link
    ET.SubElement(channel, "description").text = description
    ET.SubElement(channel, "language").text = language
    ET.SubElement(channel, "{http://www.w3.org/2005/Atom}link",
                  {"href": self_url, "rel": "self", "type": "application/rss+xml"})
    ordered = sorted(items, key=lambda item: (item.date, item.url), reverse=True)
    if ordered:
        ET.SubElement(channel, "lastBuildDate").text = _rfc822(ordered[0].date)
    for item in ordered:
        node = ET.SubElement(channel, "item")
        ET.SubElement(node, "title").text = item.title
        ET.SubElement(node, "link").text = item.url
        ET.SubElement(node, "guid", {"isPermaLink": "true"}).text = item.url
        ET.SubElement(node, "pubDate").text = _rfc822(item.date)
        ET.SubElement(node, "description").text = item.description
        for category in item.categories:
            ET.SubElement(node, "category").text = category
    ET.indent(rss)
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True) + b"\n"
