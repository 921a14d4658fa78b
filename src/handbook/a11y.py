"""Accessibility repairs to the HTML that Material and pymdownx produce, found by axe-core."""

from __future__ import annotations

import html as htmlmod
import re

_TASK = re.compile(
    r'(?P<open><li class="task-list-item"><label class="task-list-control"><input type="checkbox")'
    r'(?P<rest>[^>]*>)(?P<indicator>.*?</label>)(?P<text>.*?)(?=</li>|<ul|<ol|<p>|<div)',
    re.S,
)
_TAGS = re.compile(r"<[^>]+>")


def label_task_checkboxes(page_html: str) -> str:
    """Name each checklist box after its item, so a screen reader says what is (not yet) done."""

    def name(match: re.Match[str]) -> str:
        text = " ".join(htmlmod.unescape(_TAGS.sub("", match.group("text"))).split())
        if not text or "aria-label" in match.group("rest"):
            return match.group(0)
        label = htmlmod.escape(text, quote=True)
        return f'{match.group("open")} aria-label="{label}"{match.group("rest")}{match.group("indicator")}{match.group("text")}'

    return _TASK.sub(name, page_html)


_FOOTER_LINK = re.compile(r'(<a href="[^"]*" class="md-footer__link md-footer__link--(?:prev|next)") aria-label="[^"]*"')


def drop_footer_link_labels(page_html: str) -> str:
    """Let the previous/next links be named by their visible text (their aria-label differs from it)."""
    return _FOOTER_LINK.sub(r"\1", page_html)


_BARE_TABLE = re.compile(r"<table>")


def focusable_tables(page_html: str) -> str:
    """Let keyboard users reach and scroll content tables that are wider than a phone's screen.

    Material wraps each class-less table in a horizontal scroller at run time (without JavaScript the
    table scrolls itself); a scroller with nothing focusable inside cannot be scrolled from the keyboard.
    A focusable table makes arrow keys scroll whichever of the two scrolls. Tables with a class are
    Material's or ours and never scroll.
    """
    return _BARE_TABLE.sub('<table tabindex="0">', page_html)
