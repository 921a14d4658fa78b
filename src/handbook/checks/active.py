"""HTML and CSS that runs or loads something (MH301-MH306), found in the source and confirmed in the rendering.

HTML inside fenced code or inline code is shown, not run, so it is not reported. Deciding what Python-Markdown
treats as code is subtle (a backtick in a heading, a code span inside a tag's quoted attribute, raw HTML
blocks) and a wrong guess would let active HTML through. So the source scan finds every candidate, and the
candidates that look like code are only dropped once the page's rendered HTML shows that they really did not
become active HTML. `Pending` is that open question; `confirm` answers it from any rendering of the page:
the build's own (hooks/content_checks.py) or, without a build, `render` below.
"""

from __future__ import annotations

import bisect
import html
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown as _markdown

from handbook.checks.decoders import CSS_ACTIVE, css_loads, css_urls, dangerous_scheme, decode_css, is_remote_url, url_head
from handbook.checks.findings import Finding, Report
from handbook.checks.source import Source
from handbook.markdown_scan import ATTR, attr_value_group

# Every page this size or smaller is also rendered, as a net for active HTML the source scan cannot place.
# Python-Markdown is super-linear on some hostile input, so larger pages are rendered only when HTML that
# looks like code needs confirming.
RENDER_ALWAYS_BELOW = 131_072

# The Markdown extensions of mkdocs.yml (MkDocs adds toc, tables and fenced_code itself), used only to
# confirm that HTML which looks like code in the source is escaped in the output. Keep in step with mkdocs.yml.
RENDER_EXTENSIONS: tuple[str, ...] = (
    "toc", "tables", "fenced_code", "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html",
    "pymdownx.details", "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.superfences",
    "pymdownx.tasklist",
)

ACTIVE_TAGS = frozenset({
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "link", "meta",
    "svg", "math", "portal", "fencedframe",
})
# Attributes whose value the browser fetches (or sends a request to) without the reader clicking.
RESOURCE_ATTRS = frozenset({
    "src", "srcset", "imagesrcset", "poster", "background", "lowsrc", "dynsrc", "ping", "action",
    "formaction", "codebase", "archive", "manifest", "xlink:href",
})
# Attributes that hold prose, where "data: ..." is text and not a URL.
TEXT_ATTRS = frozenset({"alt", "title", "aria-label", "aria-description", "placeholder", "label", "summary",
                        "abbr", "value", "content", "class", "id", "lang", "dir", "name"})

_ACTIVE_TAG = re.compile(r"<(" + "|".join(sorted(ACTIVE_TAGS)) + r")(?=[\s/>]|$)", re.I)
_STYLE_TAG = re.compile(r"<style(?=[\s/>]|$)", re.I)
_STYLE_END = re.compile(r"</style", re.I)
_EVENT_ATTR = re.compile(r"(?<![\w:.\-])on[a-z][a-z0-9_\-]*\s*=", re.I)
_REMOVE = "remove it: pages must not run or load anything"
_LOCAL = "put the file in docs/ and use a relative path"


def _short(url: str, limit: int = 60) -> str:
    url = url.strip()
    return repr(url if len(url) <= limit else url[: limit - 1] + "…")


def attr_problems(name: str, value: str) -> list[tuple[str, str, str]]:
    """(code, message, hint) for one attribute: event handler, dangerous URL, remote resource, CSS."""
    name = name.lower()
    out: list[tuple[str, str, str]] = []
    if name.startswith("on") and len(name) > 2:
        return [("MH302", f"event-handler attribute '{name}' runs a script", "remove it")]
    scheme = dangerous_scheme(value)
    if scheme and (scheme != "data" or name not in TEXT_ATTRS):
        out.append(("MH303", f"{scheme}: URL in attribute '{name}'", "link to a page or file of this site"))
    if name in RESOURCE_ATTRS:
        urls = [u.strip().split()[0] for u in value.split(",") if u.strip()] if "srcset" in name else [value]
        for url in urls:
            if not dangerous_scheme(url) and is_remote_url(url):
                out.append(("MH304", f"'{name}' loads {_short(url)} from another host", _LOCAL))
    if name == "style":
        css = html.unescape(value)
        if CSS_ACTIVE.search(decode_css(css)):
            out.append(("MH305", "style attribute runs or imports something", "remove it"))
        for url in css_urls(css):
            scheme = dangerous_scheme(url)
            if scheme:
                out.append(("MH303", f"{scheme}: URL in a style attribute", "remove it"))
            elif is_remote_url(url):
                out.append(("MH304", f"style attribute loads {_short(url)} from another host", _LOCAL))
    return out


# --- in rendered HTML -------------------------------------------------------------------------------

class _OutputScanner(HTMLParser):
    """Counts active HTML in rendered output, by code: what a browser would run or fetch."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.counts: Counter[str] = Counter()
        self._style: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ACTIVE_TAGS:
            self.counts["MH301"] += 1
        if tag == "style":
            self._style = []
        for name, value in attrs:
            for code, _, _ in attr_problems(name, value or ""):
                self.counts[code] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "style":
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._style is not None:
            self._style.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style" and self._style is not None:
            if css_loads("".join(self._style)):
                self.counts["MH305"] += 1
            self._style = None

    def close(self) -> None:
        super().close()
        self.handle_endtag("style")


def render(markdown_text: str) -> str | None:
    """The body as the site's Markdown extensions render it, or None if rendering fails."""
    try:
        return _markdown.Markdown(extensions=list(RENDER_EXTENSIONS)).convert(markdown_text)
    except Exception:  # hostile input may crash the renderer: then nothing counts as verified code
        return None


def active_html_counts(rendered: str) -> Counter[str] | None:
    """How many active elements, handlers, dangerous URLs, remote resources and stylesheets, by code.

    None if the HTML is too broken for the parser (html.parser asserts on some markup), in which case
    nothing can be confirmed as inert.
    """
    scanner = _OutputScanner()
    try:
        scanner.feed(rendered)
        scanner.close()
    except Exception:
        return None
    return scanner.counts


# --- in the source ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Candidate:
    offset: int
    code: str
    message: str
    hint: str


def _candidates(src: Source) -> list[_Candidate]:
    """Everything in the file that would run or load something if it were HTML, code or not."""
    text = src.text
    found: list[_Candidate] = []
    for match in _ACTIVE_TAG.finditer(text):
        found.append(_Candidate(match.start(), "MH301", f"<{match.group(1).lower()}> element", _REMOVE))
    style_ends = [m.start() for m in _STYLE_END.finditer(text)]
    for match in _STYLE_TAG.finditer(text):
        k = bisect.bisect_left(style_ends, match.end())
        css = text[match.end(): style_ends[k] if k < len(style_ends) else len(text)]
        css = css.split(">", 1)[1] if ">" in css else css
        if css_loads(css):
            found.append(_Candidate(match.start(), "MH305", "<style> imports or loads a resource", _REMOVE))
    for match in _EVENT_ATTR.finditer(text):
        name = match.group().split("=")[0].strip().lower()
        found.append(_Candidate(match.start(), "MH302", f"event-handler attribute '{name}' runs a script", _REMOVE))
    for match in ATTR.finditer(text):
        name = match.group("name")
        if name.lower().startswith("on"):
            continue
        group = attr_value_group(match)
        for code, message, hint in attr_problems(name, match.group(group)):
            found.append(_Candidate(match.start(group), code, message, hint))
    for link in src.links:
        head = url_head(text, link.offset, link.end)
        scheme = dangerous_scheme(head)
        if scheme:
            what = "image" if link.image else "link"
            found.append(_Candidate(link.offset, "MH303", f"{scheme}: URL in a {what}", "link to a page or file of this site"))
        elif link.image and is_remote_url(head):
            where = link.anchor_offset if link.anchor_offset >= src.body_start else link.offset
            found.append(_Candidate(where, "MH304", f"image loads {_short(link.dest)} from another host",
                                    "put the image in docs/ and use a relative path"))
    for ref in src.refs.values():
        scheme = dangerous_scheme(ref.dest)
        if scheme:
            found.append(_Candidate(ref.offset, "MH303", f"{scheme}: URL in a link reference",
                                    "link to a page or file of this site"))
    unique: dict[tuple[int, str], _Candidate] = {}
    for candidate in found:
        unique.setdefault((candidate.offset, candidate.code), candidate)
    return sorted(unique.values(), key=lambda c: (c.offset, c.code))


@dataclass
class Pending:
    """What only a rendering of the page can settle: is what looks like code in the source still code?"""

    path: str
    body: str  # the Markdown MkDocs renders for this file
    body_position: tuple[int, int]
    live: Counter[str]  # problems already reported, by code: the rendering may show as many
    inert: dict[str, list[tuple[int, int, str, str]]] = field(default_factory=dict)  # code -> (line, col, message, hint)
    required: bool = True  # False: `handbook check` would not render it (large, nothing inert): only the build checks it


def check_active_html(src: Source, report: Report) -> Pending:
    """Report active HTML outside code now; return what the rendered page must confirm about the rest."""
    live: Counter[str] = Counter()
    inert: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    for candidate in _candidates(src):
        if candidate.offset in src.inert:
            inert[candidate.code].append((*src.positions(candidate.offset), candidate.message, candidate.hint))
        else:
            live[candidate.code] += 1
            report.add(candidate.offset, candidate.code, candidate.message, candidate.hint)
    body = src.rendered_body
    required = bool(inert) or len(body) <= RENDER_ALWAYS_BELOW
    return Pending(src.path, body, src.positions(src.body_start), live, dict(inert), required)


def confirm(pending: Pending, counts: Counter[str] | None) -> list[Finding]:
    """Findings once the page's rendered HTML is counted (None: it could not be rendered or parsed)."""
    report = Report(pending.path)
    if counts is None:
        for code, candidates in pending.inert.items():
            for line, col, message, hint in candidates:
                report.add_at(line, col, code, message + " (could not confirm it is code)", hint)
        report.add_at(*pending.body_position, "MH306", "the page could not be rendered and checked as HTML",
                      "simplify the raw HTML in it")
        return report.findings
    for code, count in sorted(counts.items()):
        live, inert = pending.live[code], pending.inert.get(code, [])
        if count > live:
            for line, col, message, hint in inert:
                report.add_at(line, col, code, message + " (it is not code once rendered)", hint)
            if count > live + len(inert):
                report.add_at(*pending.body_position, "MH306",
                              f"the rendered page has {count - live} more {code} problem(s) than the source shows",
                              f"look for hidden HTML; run the {code} checks on the rendered page")
    return report.findings


# What a body's own rendering counts, by the body's text: a pure function of it, kept for the life of the
# process, so that `mkdocs serve` renders again only the pages a contributor changed. Bounded: a process
# that sees more bodies than this starts over.
_RENDERED_COUNTS: dict[str, Counter[str] | None] = {}
_RENDERED_COUNTS_MAX = 4096


def rendered_counts(body: str) -> Counter[str] | None:
    """`active_html_counts` of this module's rendering of `body` (None: it could not be rendered or parsed)."""
    if body in _RENDERED_COUNTS:
        counts = _RENDERED_COUNTS[body]
        return Counter(counts) if counts is not None else None
    rendered = render(body)
    counts = active_html_counts(rendered) if rendered is not None else None
    keep_rendered_counts(body, counts)
    return counts


def keep_rendered_counts(body: str, counts: Counter[str] | None) -> None:
    """Remember what `rendered_counts(body)` is, worked out elsewhere (a forked build's process): it is a pure
    function of the body, so the answer is the same wherever it was computed."""
    if len(_RENDERED_COUNTS) >= _RENDERED_COUNTS_MAX:
        _RENDERED_COUNTS.clear()
    _RENDERED_COUNTS[body] = Counter(counts) if counts is not None else None


def confirm_by_rendering(pending: Pending) -> list[Finding]:
    """`confirm` against this module's own rendering of the body (without a build)."""
    return confirm(pending, rendered_counts(pending.body))
