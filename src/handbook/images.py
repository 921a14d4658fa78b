"""Images in Material's templates without their size written out: layout shifts when they arrive."""

from __future__ import annotations

import re

# Material draws a blog author's avatar in a circle 1.6rem wide (2.4rem in a post's sidebar): at its
# 20 px root size, 32 and 48 px. The attributes give the box before CSS and image arrive; extra.css
# then scales any avatar, square or not, to fill its circle.
_AVATAR = re.compile(r'(<span class="md-author(?P<long> md-author--long)?">\s*<img )(?![^>]*\bwidth=)')


def size_author_avatars(page_html: str) -> str:
    """Give every blog author's avatar a width and height, so the page does not shift when it loads."""
    return _AVATAR.sub(lambda m: m.group(1) + ('width="48" height="48" ' if m.group("long") else
                                               'width="32" height="32" '), page_html)
