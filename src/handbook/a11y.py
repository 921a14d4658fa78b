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
