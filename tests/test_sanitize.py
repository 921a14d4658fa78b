"""The allowlist sanitiser: what it removes, what it keeps, and outbound links."""

from __future__ import annotations

import pytest

from handbook.sanitize import clean, mark_external_links


@pytest.mark.parametrize(
    "html, gone",
    [
        ('<p>a<script>alert(1)</script>b</p>', "alert"),
        ('<img src="x.png" onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">x</a>', "javascript"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "alert"),
        ('<img src="data:image/png;base64,AAAA">', "data:"),
        ('<iframe src="https://evil.example/"></iframe>', "iframe"),
        ('<object data="x.swf"></object>', "object"),
        ('<embed src="x.swf">', "embed"),
        ('<form action="https://evil.example/"><input type="text" name="q"></form>', "form"),
        ('<base href="https://evil.example/">', "base"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "refresh"),
        ('<link rel="stylesheet" href="https://fonts.googleapis.com/css">', "googleapis"),
        ('<style>@import url(https://evil.example/x.css)</style>', "@import"),
        ('<p style="background:url(https://evil.example/t.png)">x</p>', "url("),
        ('<svg onload="alert(1)"><circle/></svg>', "onload"),
        ('<input type="text" value="x">', "text"),
        ('<a href="vbscript:msgbox(1)">x</a>', "vbscript"),
        ('<img src="https://tracker.example/pixel.gif" alt="x">', "tracker"),
        ('<img src="//tracker.example/pixel.gif" alt="x">', "tracker"),
        ('<img srcset="a.png 1x, https://tracker.example/b.png 2x" alt="x">', "tracker"),
        ('<p>safe \u202egnp.exe</p>', "\u202e"),
        ('<math><mtext><script>alert(1)</script></mtext></math>', "alert"),
    ],
)
def test_hostile_markup_is_neutralised(html: str, gone: str) -> None:
    assert gone.lower() not in clean(html).lower()


@pytest.mark.parametrize(
    "html",
    [
        '<h2 id="checklist">Checklist<a class="headerlink" href="#checklist" title="Permanent link">¶</a></h2>',
        '<li class="task-list-item"><label class="task-list-control"><input aria-label="Do it" disabled="" type="checkbox">',
        '<div class="admonition warning"><p class="admonition-title">Warning</p></div>',
        '<table><tbody><tr><td style="text-align: center;">x</td></tr></tbody></table>',
        '<abbr title="Prevention of Electronic Crimes Act 2016">PECA</abbr>',
        '<a href="../passwords/#checklist" hreflang="en" lang="en" dir="ltr">x</a>',
        '<section class="mahfooz-slide"><aside class="mahfooz-notes"><p>n</p></aside></section>',
        '<progress max="100" value="76" aria-label="All">76%</progress>',
        '<img alt="A map" src="../images/map.png">',
        '<details class="note" open=""><summary>More</summary><p>x</p></details>',
        '<!-- material/tags -->',
    ],
)
def test_the_markup_the_site_uses_survives(html: str) -> None:
    out = clean(html)
    for fragment in ('class="', 'id="', 'aria-label="', 'style="', 'title="', 'hreflang="', 'max="', 'alt="',
                     "<!--", "open="):
        if fragment in html:
            assert fragment in out, (fragment, out)


@pytest.mark.parametrize(
    "html, rel",
    [
        ('<a href="https://ssd.eff.org/">EFF</a>', True),
        ('<a href="//cdn.example/x">x</a>', True),
        ('<a href="../passwords/">x</a>', False),
        ('<a href="#checklist">x</a>', False),
        ('<a href="http://127.0.0.1:8000/ur/">x</a>', False),
        ('<a href="mailto:help@example.org">x</a>', False),
    ],
)
def test_outbound_links_get_noopener_noreferrer(html: str, rel: bool) -> None:
    assert ('rel="noopener noreferrer"' in mark_external_links(html, "127.0.0.1")) is rel


def test_every_outbound_link_on_the_site_is_marked(site) -> None:
    from bs4 import BeautifulSoup

    from conftest import html_pages

    unmarked = []
    for page in html_pages(site.site):
        soup = BeautifulSoup(page.read_text("utf-8"), "lxml")
        for a in soup.select("article a[href^='http'], main a[href^='http']"):
            if "127.0.0.1" not in a["href"] and not {"noopener", "noreferrer"} <= set(a.get("rel") or []):
                unmarked.append(f"{page.relative_to(site.site)}: {a['href']}")
    assert not unmarked, unmarked[:10]
