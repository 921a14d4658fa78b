"""The site's search index, per language: term shards and document chunks, loaded as scripts on demand.

Layout under <language prefix>search/ (read by overrides/assets/javascripts/search.js):
- manifest.js: version, shard keys, where each document chunk starts (small: read at the first search);
- t-<key>.js: every term starting with <key> (1 normalised character; 2, then 3, where a shard would grow
  big), each with its postings [page, section, weight, ...] (best first, capped);
- d-<n>.js: pages (title, URL from the site root, kind, language, and per section its heading, anchor
  and a short snippet), fetched only for the results shown.
Every file is a script calling __mahfoozSearch(name, data): scripts load from file:// (where fetch
fails) and under a CSP of script-src 'self'.
"""

from __future__ import annotations

import hashlib
import html as htmlmod
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from handbook.search_text import shard_file, shard_key, tokens

# Pages rank by kind: chapters first, then other pages, then posts, then listings (blog index, archive,
# category and tags pages), which only point at pages that are themselves in the index.
KINDS = ("chapter", "page", "post", "listing")
KIND_BONUS = {"chapter": 15, "page": 10, "post": 5, "listing": 0}
# Field points keep any title match above any heading match above any body match, whatever the kind:
# the most body and kind can add (12 + 15) stays below a heading (32), and a heading's most below a title.
TITLE, HEADING, BODY, BODY_MAX_COUNT = 64, 32, 4, 3
MIN_TERM = 2  # the query side ignores shorter words too: one letter matches everything
MAX_POSTINGS = 100  # per term: the best pages for a word every post uses; keeps shards from growing
SHARD_SPLIT_BYTES = 12_000  # a shard bigger than this is split by one more character (up to 3)
SHARD_MAX_KEY = 3  # the longest prefix a shard is keyed by
CHUNK_BYTES = 12_000  # document chunks: a few pages each, so the results shown cost a few requests
SNIPPET_CHARS = 140


@dataclass
class Section:
    """A part of a page under one heading (the first has no heading: the page's opening)."""

    heading: str
    anchor: str
    text: str


@dataclass
class IndexPage:
    """One page as the index sees it."""

    title: str
    url: str
    kind: str
    lang: str
    sections: list[Section]


# --- reading a page's HTML -------------------------------------------------------------------------
# The content is Python-Markdown's output after the sanitiser (hooks/sanitize.py): well-formed, so plain
# patterns read it several times faster than an HTML parser, which mattered at a thousand posts.

_HIDDEN = re.compile(
    r"<(script|style|template|svg|button)\b.*?</\1\s*>|<a\b[^>]*\bclass=\"headerlink\"[^>]*>.*?</a>", re.S | re.I
)
_SECTION_HEADING = re.compile(r"<(h[23])\b[^>]*?\bid=\"([^\"]+)\"[^>]*>(.*?)</\1\s*>", re.S | re.I)
_BLOCK_TAG = re.compile(
    r"</?(?:p|li|td|th|dt|dd|pre|br|h[1-6]|div|blockquote|figcaption|summary|tr|hr|img)\b[^>]*>", re.I
)
_TAG = re.compile(r"<[^>]*>")


def _text(fragment: str) -> str:
    """The visible text of an HTML fragment, with blocks separated by spaces."""
    return " ".join(htmlmod.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", fragment))).split())


def sections_of(content_html: str, description: str = "") -> list[Section]:
    """A page's sections: its opening (after the h1), then one per h2/h3 with an id."""
    html = _HIDDEN.sub("", content_html)
    sections: list[Section] = []
    heading, anchor, start = "", "", 0
    for match in _SECTION_HEADING.finditer(html):
        sections.append(Section(heading, anchor, _text(html[start:match.start()])))
        heading, anchor, start = _text(match.group(3)), htmlmod.unescape(match.group(2)), match.end()
    sections.append(Section(heading, anchor, _text(html[start:])))
    if description and description not in sections[0].text:
        sections[0].text = f"{description} {sections[0].text}".strip()
    return [s for i, s in enumerate(sections) if i == 0 or s.heading]


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The start of a text, cut at a word boundary, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut + "…"


# --- scoring and writing -------------------------------------------------------------------------


def section_weights(page: IndexPage, number: int) -> dict[str, int]:
    """Each term's weight in one section of a page: field points plus the page kind's bonus."""
    section = page.sections[number]
    body = {term: BODY * min(n, BODY_MAX_COUNT) for term, n in Counter(tokens(section.text)).items()}
    weights = dict(body)
    for term in set(tokens(section.heading)):
        weights[term] = HEADING + body.get(term, 0)
    if number == 0:  # the title names the whole page; its words lead to the page's top
        for term in set(tokens(page.title)):
            weights[term] = TITLE + body.get(term, 0)
    bonus = KIND_BONUS[page.kind]
    return {term: w + bonus for term, w in weights.items()}


def order_pages(pages: list[IndexPage]) -> list[IndexPage]:
    """Pages by kind (chapters first), keeping build order within a kind: likely results share chunks."""
    return sorted(pages, key=lambda p: KINDS.index(p.kind))


def page_weights(page: IndexPage) -> list[dict[str, int]]:
    """section_weights of each section of a page, in order."""
    return [section_weights(page, number) for number in range(len(page.sections))]


Weights = Callable[[IndexPage], Sequence[Mapping[str, int]]]


def postings(pages: list[IndexPage], weights: Weights = page_weights) -> dict[str, list[int]]:
    """Every term's postings, flat [page, section, weight, ...], best first, at most MAX_POSTINGS each.
    `weights` stands in for page_weights (under `mkdocs serve`, one that reuses an unchanged page's)."""
    found: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for p, page in enumerate(pages):
        for s, section in enumerate(weights(page)):
            for term, weight in section.items():
                if len(term) >= MIN_TERM:
                    found[term].append((-weight, p, s))  # sorts best first, then in page order
    out = {}
    for term in sorted(found):
        best = sorted(found[term])[:MAX_POSTINGS]
        out[term] = [n for weight, p, s in best for n in (p, s, -weight)]
    return out


def shard(terms: dict[str, list[int]]) -> dict[str, dict[str, list[int]]]:
    """Terms grouped by their first character, a group too big split by 2 characters, and again by 3.

    Fewer, fuller shards than one per 2 characters: each is a file written on every build and copied with
    every offline copy, and a search loads one per word typed. Every term has at least MIN_TERM (2)
    characters; a term of 2 stays under its 2-character key when that group is split by 3. The search
    script looks a term up under its longest prefix that is a shard key (shard_of)."""
    by_two: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for term, plist in terms.items():
        by_two[shard_key(term, 2)][term] = plist
    # Each 2-character group is written out once to measure it; a 1-character group's JSON is theirs joined:
    # their sizes, less the braces of all but one, plus the commas between them.
    size = {key: len(_json(group).encode("utf-8")) for key, group in by_two.items()}
    by_one: dict[str, list[str]] = defaultdict(list)
    for key in by_two:
        by_one[shard_key(key, 1)].append(key)
    out: dict[str, dict[str, list[int]]] = {}
    for first, keys in by_one.items():
        if sum(size[key] for key in keys) - len(keys) + 1 <= SHARD_SPLIT_BYTES:
            out[first] = {term: plist for key in keys for term, plist in by_two[key].items()}
            continue
        for key in keys:
            if size[key] <= SHARD_SPLIT_BYTES:
                out[key] = by_two[key]
                continue
            for term, plist in by_two[key].items():
                out.setdefault(shard_key(term, 3) if len(term) > 2 else key, {})[term] = plist
    return {key: dict(sorted(out[key].items())) for key in sorted(out)}


def shard_of(term: str, keys: set[str] | frozenset[str]) -> str | None:
    """The shard a search looks a term up in: its longest prefix (3, 2 or 1 characters) that is a shard key,
    as search.js's shardKey picks it (tests/test_search_parity.py)."""
    for length in range(min(SHARD_MAX_KEY, len(term)), 0, -1):
        if term[:length] in keys:
            return term[:length]
    return None


def page_record(page: IndexPage) -> list:
    """A page as stored in a document chunk: [title, url, kind, lang, [[heading, anchor, snippet], ...]]."""
    return [page.title, page.url, page.kind, page.lang,
            [[s.heading, s.anchor, snippet(s.text)] for s in page.sections]]


def chunks(pages: list[IndexPage]) -> list[list[list]]:
    """Page records grouped into chunks of about CHUNK_BYTES, in page order."""
    out: list[list[list]] = [[]]
    size = 0
    for page in pages:
        record = page_record(page)
        length = len(_json(record).encode("utf-8"))
        if out[-1] and size + length > CHUNK_BYTES:
            out.append([])
            size = 0
        out[-1].append(record)
        size += length
    return out


def _json(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Line and paragraph separators are legal in JSON strings but ended script lines before ES2019.
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def script(name: str, data: object) -> str:
    """One index file: a call of the registration function the search script defines."""
    return f"__mahfoozSearch({_json(name)},{_json(data)});\n"


def index_files(pages: list[IndexPage], weights: Weights = page_weights) -> dict[str, str]:
    """Every file of a language's index, by file name: manifest.js, t-*.js, d-*.js."""
    ordered = order_pages(pages)
    shards = shard(postings(ordered, weights))
    docs = chunks(ordered)
    files = {f"{shard_file(key)}.js": script(shard_file(key), terms) for key, terms in shards.items()}
    starts, total = [], 0
    for n, chunk in enumerate(docs):
        starts.append(total)
        total += len(chunk)
        files[f"d-{n}.js"] = script(f"d-{n}", chunk)
    version = hashlib.sha256("".join(files[k] for k in sorted(files)).encode("utf-8")).hexdigest()[:12]
    manifest = {"v": version, "pages": total, "chunks": starts, "shards": list(shards)}
    files["manifest.js"] = script("manifest", manifest)
    return files

