"""Related content: for each chapter its related posts, for each post its related chapters.

Pure functions, no MkDocs: the caller builds one `Doc` per page of one language and calls `rank`.

Score of a chapter/post pair (both parts are cosines in [0, 1], so the score is too):

    score = TAG_WEIGHT * tag_cosine + TEXT_WEIGHT * text_cosine      (0.25 and 0.75)

- tag_cosine: cosine of the two tag sets, each tag weighted by its idf over all pages of the
  language, so a tag that most pages carry (`journalists`) says less than a rare one (`malware`).
- text_cosine: TF-IDF cosine over title + body. A term's frequency is body count + TITLE_WEIGHT x
  title count, dampened as 1 + ln(tf). Its idf is the *smaller* of its idf among chapters and its idf
  among posts, idf = ln((n + 1) / (df + 0.5)): a word is evidence only if it is rare on both sides,
  so the boilerplate that every chapter shares ("checklist", "workshop", "trainer") cannot pull in
  every post that mentions a workshop, and what every post repeats cannot pull in every chapter.
  Terms found in more than half of the chapters (idf among chapters < IDF_FLOOR = ln 2) are left out
  altogether: they cannot tell chapters apart, and skipping them halves the work.

Text weighs three times as much as tags because its cosines are smaller: a short post and a long
chapter on one subject reach 0.10 to 0.25, where two pages sharing half their tags reach ~0.5; the
background vocabulary that any post shares with any long chapter stays near 0.03 to 0.06.

Tokens: runs of Unicode letters and digits, keeping Arabic-script combining marks and the zero-width
(non-)joiner inside the word; case folded; NFC; Arabic code points that Urdu writes with its own
letters mapped to those; optional vowel marks, tatweel and bidi marks dropped; English and Urdu stop
words, numbers and one-letter tokens left out; a light plural folding in both languages
("journalists" -> "journalist", "صحافیوں" -> "صحافی") that leaves a readable word for the "why" line.

Posts are only ever compared with chapters, through an inverted index of the chapters' terms, so the
cost grows linearly with the number of posts. Every sum that feeds a score runs in an order fixed by
the text itself (never by hashing) and scores are rounded, so results do not depend on input order.
"""

from __future__ import annotations

import functools
import heapq
import html
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from itertools import chain, compress, repeat
from operator import mul, neg
from typing import Iterable, Mapping, Sequence

KINDS = ("chapter", "post")
TITLE_WEIGHT = 3
"""A title word counts as this many body words."""
TAG_WEIGHT = 0.25
TEXT_WEIGHT = 0.75
MIN_SCORE = 0.1
"""Links scoring below this are not shown. Clears it: a clearly shared subject (text cosine >= 0.13
on its own), or tags alone when they overlap well (tag cosine >= 0.4), or a mix of both. Does not:
the background vocabulary any post shares with any chapter, or one common tag with nothing else."""
MAX_TERMS = 3
_DIGITS = 6  # scores are rounded so that near-equal floats tie exactly and fall back to the id order


@dataclass(frozen=True)
class Doc:
    """One page of one language, as `rank` sees it."""

    id: str
    kind: str
    title: str
    tags: tuple[str, ...]
    text: str
    pinned: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()


@dataclass(frozen=True)
class Link:
    """A related page: its id, its score and why it is related."""

    target: str
    score: float
    shared_tags: tuple[str, ...]
    shared_terms: tuple[str, ...]
    pinned: bool = False


class UnknownPin(ValueError):
    """A page pins (front matter `related:`) an id that is not in the corpus."""

    def __init__(self, doc_id: str, target: str) -> None:
        self.doc_id, self.target = doc_id, target
        super().__init__(f"{doc_id}: related page {target!r} does not exist")


# --- Markdown to plain text -------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(?:.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_CODE_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]*\1[`~]*[ \t]*$|\Z)", re.M | re.S)
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")  # also autolinks such as <https://example.org>
_REFERENCE_DEF = re.compile(r"^[ \t]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*\S.*$", re.M)
_LINK_TARGET = re.compile(r"\]\((?:[^()\n]|\([^()\n]*\))*\)|\]\[[^\]\n]*\]")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\n]*\]")
_URL = re.compile(r"\b(?:https?|ftp)://\S+|\bmailto:\S+|\bwww\.\S+", re.I)
_ATTR_LIST = re.compile(r"\{[ \t]*[:#.][^}\n]*\}")
_ADMONITION = re.compile(r"^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]*[^\s\"]*(?:[ \t]+[^\s\"]+)*", re.M)
_TASK_BOX = re.compile(r"\[[ xX]\]")
_LIST_MARKER = re.compile(r"^[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]+", re.M)
_RULE_LINE = re.compile(r"^[ \t]*[-=*_:|][-=*_:| \t]*(?:\n|\Z)", re.M)  # tables' |---|, rules, setext
_INLINE_MARKUP = re.compile(r"[*_`~\\]+")
_BLOCK_MARKUP = re.compile(r"[#>|]+")
_BRACKETS = re.compile(r"[\[\]]+")
_SPACES = re.compile(r"[ \t]+")
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")


def _strip_markup(markdown: str) -> str:
    """The prose of Markdown with its punctuation left in: enough for the tokeniser, and cheap.

    Each pattern runs only when the text holds the characters it needs, so plain text costs almost
    nothing.
    """
    text = markdown
    if text.startswith(("---", "\ufeff---")):
        text = _FRONT_MATTER.sub("", text, count=1)
    if "```" in text or "~~~" in text:
        text = _CODE_FENCE.sub("\n", text)
    if "<" in text:
        if "<!--" in text:
            text = _HTML_COMMENT.sub(" ", text)
        text = _HTML_TAG.sub(" ", text)
    if "]" in text:
        if "]:" in text:
            text = _REFERENCE_DEF.sub("", text)
        if "](" in text or "][" in text:
            text = _LINK_TARGET.sub("]", text)
        if "![" in text:
            text = text.replace("![", "[")
        if "[^" in text:
            text = _FOOTNOTE_REF.sub(" ", text)
    if "://" in text or "www." in text or "WWW." in text or "mailto:" in text:
        text = _URL.sub(" ", text)
    if "{" in text:
        text = _ATTR_LIST.sub(" ", text)
    if "!!!" in text or "???" in text:
        text = _ADMONITION.sub(r"\1", text)
    if "&" in text:
        text = html.unescape(text)
    return text


def plain_text(markdown: str) -> str:
    """Readable plain text of Markdown: no front matter, code blocks, HTML, link targets or markup."""
    text = _strip_markup(markdown)
    text = _TASK_BOX.sub(" ", text)
    text = _LIST_MARKER.sub("", text)
    text = _RULE_LINE.sub("", text)
    text = _INLINE_MARKUP.sub("", text)
    text = _BLOCK_MARKUP.sub(" ", text)
    text = _BRACKETS.sub("", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


# --- Tokens -----------------------------------------------------------------------------------------

# Combining marks of Arabic script (and Latin accents) belong to the word they sit on; so do the
# zero-width non-joiner and joiner, which Urdu uses inside words. Bidi marks and soft hyphens are
# kept in the token too, then deleted, so that an invisible character never splits a word.
_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
_INVISIBLE = "\u00ad\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_TOKEN = re.compile(rf"[\w\u200c\u200d{_MARKS}{_INVISIBLE}]+")
_EDGES = "_\u200c\u200d"
# Arabic letters that Urdu writes with its own code points; optional vowel marks (zabar, zer, pesh,
# tanween, shadda, sukun, superscript alef) and the tatweel, which only stretch a word.
_NORMALISE = str.maketrans(
    {"\u0643": "\u06a9", "\u064a": "\u06cc", "\u0649": "\u06cc", "\u0647": "\u06c1", "\u06c2": "\u06c1\u0654"}
    | {chr(c): None for c in (*range(0x064B, 0x0653), 0x0670, 0x0640)}
    | {chr(c): None for c in (0x00AD, 0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))}
)

ENGLISH_STOP_WORDS = frozenset("""
a about above after again against all almost along already also although always am among an and
another any anyone anything are around as at be became because been before being below between both
but by can cannot could did do does doing done down during each either else enough etc even ever every
few for from further get gets getting got had has have having he her here hers herself him himself his
how however i if in into is it its itself just least less let like many may me might more most much
must my myself need neither never no nor not now of off often on once one only onto or other others
otherwise our ours ourselves out over own per perhaps please quite rather really same say says shall
she should since so some something sometimes still such than that the their theirs them themselves then
there therefore these they this those though through thus to too toward towards under until up upon us
use used uses using very via was way we well were what whatever when whenever where whether which while
who whoever whom whose why will with within without would yes yet you your yours yourself yourselves
isn aren wasn weren hasn haven hadn doesn don didn won wouldn shan shouldn can couldn mustn ll ve re
able across actually add added almost already another anyway available away back based become became
becoming begin began best better big bring brought case come came coming day different easy else
example far find found finding first second third give gave given giving go goes went gone going good
great happen happened help high important include included including instead keep kept keeping kind
know knew known knowing large last later least left lot low made make making mean meant new next
number old part people place point possible put putting really reason said same see saw seen
seeing set setting several show showed shown showing since small soon start started sure take took
taken taking tell told telling thing think thought time try tried trying two three four five six
seven eight nine ten unless usually want wanted work worked working year follow followed following
general information detail forward today yesterday tomorrow week month am pm january february march
april june july august september october november december monday tuesday wednesday thursday friday
saturday sunday
""".split())

URDU_STOP_WORDS = frozenset("""
اور یا کہ کے کی کا کو میں سے نے پر ہے ہیں تھا تھی تھے تھیں ہو ہوا ہوئی ہوئے ہوتا ہوتی ہوتے ہوں ہوں گے
ہوگا ہوگی ہوگے گا گی گے بھی تو ہی نہ نہیں مت جو جس جن جنہیں جسے جنہوں یہ وہ اس ان اسے انہیں انہوں
ایک کر کرنا کرنے کرتا کرتی کرتے کریں کرے کرو کیا کیے کیں گیا گئی گئے گئیں جا جانا جانے جاتا جاتی جاتے
جائے جائیں سکتا سکتی سکتے سکیں سکے رہا رہی رہے رہیں لیے لئے لیا لی لیں لے دیا دی دیے دیں دے ساتھ
بعد پہلے اب جب تب تک کچھ کسی کوئی کئی سب ہر مگر لیکن اگر تاکہ کیونکہ بلکہ چنانچہ جیسے جیسا جیسی ایسا
ایسی ایسے ویسے والا والی والے آپ ہم تم میں میرا میری میرے ہمارا ہماری ہمارے تمہارا تمہاری تمہارے آپکا
اپنا اپنی اپنے یہاں وہاں جہاں کہاں کب کیوں کیسے کون کونسا کتنا کتنی کتنے بہت زیادہ کم طرح بارے حوالے
ذریعے دوران متعلق مطابق علاوہ بغیر صرف پھر وغیرہ خود یعنی البتہ تاہم نیز لہذا لہٰذا اندر باہر اوپر
نیچے پاس ذرا جی ہاں جبکہ چاہیے چاہئے وجہ رکھ رکھیں کبھی ابھی یوں بات باتیں کام طور حصہ حصے وقت
لوگ جگہ چیز چیزیں شامل مختلف بہتر کہا کہتے کہتی کہنا طرف سارا ساری سارے پورا پوری پورے دوسرا دوسری
دوسرے پہلا پہلی سال دن بار مرتبہ لگتا لگتی لگے پڑتا پڑتی پڑے چاہتے چاہتی آتا آتی آتے آئے آئیں دیتا
دیتی دیتے لیتا لیتی لیتے کرکے ہوکر ہوئیں رہتا رہتی رہتے یہی وہی ایسی اسی انہی انکے اسکے جنکی جسکی
""".split())

STOP_WORDS = ENGLISH_STOP_WORDS | URDU_STOP_WORDS

# English words ending in "s" that are not plurals (or would fold into another word).
_KEEP_S = frozenset("""
news windows ios macos sms mms dns https http gps always perhaps series species lens means whereas
thus plus yes bias alias atlas canvas chaos physics politics ethics statistics economics analytics
""".split())
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th|s)\Z")  # 11th, 1990s


def _fold_plural(term: str) -> str:
    """A light plural folding for English and Urdu, so that singular and plural meet."""
    if term.isascii():
        if len(term) <= 3 or not term.endswith("s") or term in _KEEP_S or term.endswith(("ss", "us", "is")):
            return term
        if term.endswith("ies") and len(term) > 4:
            return term[:-3] + "y"
        if term.endswith(("sses", "xes", "ches", "shes")):
            return term[:-2]
        return term[:-1]
    if len(term) > 3 and term.endswith("وں"):  # oblique plural: صحافیوں -> صحافی, لوگوں -> لوگ
        return term[:-2]
    if len(term) > 4 and term.endswith("یاں"):  # plural of nouns in -ی: کہانیاں -> کہانی
        return term[:-2]
    return term


def _term(surface: str) -> str | None:
    """The index term of a case-folded token, or None for a stop word, a number or a lone letter."""
    token = unicodedata.normalize("NFC", surface).translate(_NORMALISE).strip(_EDGES)
    if token.endswith("\u0654"):  # izafat: آزادیٔ اظہار -> آزادی
        token = token[:-1]
    if len(token) < 2 or token in STOP_WORDS or token[0].isdigit() and (token.isdigit() or _ORDINAL.match(token)):
        return None
    token = _fold_plural(token)
    return None if len(token) < 2 or token in STOP_WORDS else token


def tokenize(text: str) -> list[str]:
    """The index terms of plain text, in order: stop words, numbers and one-letter tokens left out."""
    terms = (_term(surface) for surface in _TOKEN.findall(text.casefold()))
    return [term for term in terms if term]


def _counts(text: str, title: str, cache: dict[str, str | None]) -> Counter[str]:
    """Term counts of a body and its title (TITLE_WEIGHT times); `cache` maps tokens to terms."""
    body_tokens = _TOKEN.findall(text.casefold())
    title_tokens = _TOKEN.findall(title.casefold())
    for surface in set(chain(body_tokens, title_tokens)).difference(cache):
        cache[surface] = _term(surface)
    counts = Counter(map(cache.__getitem__, chain(body_tokens, *([title_tokens] * TITLE_WEIGHT))))
    counts.pop(None, None)
    return counts  # type: ignore[return-value]


_TERMS: dict[str, str | None] = {}  # every token seen by this process, with its term


@functools.lru_cache(maxsize=4096)
def _document_counts(text: str, title: str) -> Counter[str]:
    """A document's term counts, counted once per process: every language of a build ranks the same English
    documents, and every `mkdocs serve` rebuild ranks them again with one of them changed. Never changed
    by its callers (term_counts copies it)."""
    if len(_TERMS) > 200_000:  # a long `mkdocs serve` session over many edits: start again, never grow without end
        _TERMS.clear()
    return _counts(_strip_markup(text), title, _TERMS)


# --- Ranking ----------------------------------------------------------------------------------------


def _idf(n: int, df: int) -> float:
    """ln((n + 1) / (df + 0.5)): below ln 2 exactly when more than half of the n pages have the term."""
    return math.log((n + 1) / (df + 0.5))


IDF_FLOOR = math.log(2)
"""Terms with a smaller idf among chapters (found in more than half of them) are left out, as stop
words of this corpus: they cannot tell chapters apart, and most of the work would go on them."""
_TF = [0.0] + [1.0 + math.log(count) for count in range(1, 4096)]


def _tf(count: int) -> float:
    """Dampened term frequency: 1 + ln(count)."""
    return _TF[count] if count < len(_TF) else 1.0 + math.log(count)


def _dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two sparse vectors; fsum makes it independent of iteration order."""
    return math.fsum(w * b[t] for t, w in a.items() if t in b)


def _unit(weights: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(math.fsum(w * w for w in weights.values())) or 1.0
    return {term: w / norm for term, w in weights.items() if w > 0}


class _Corpus:
    """Counts and idf of one language's chapters and posts, and the vectors of any page."""

    def __init__(self, chapters: Sequence[Doc], posts: Sequence[Doc]) -> None:
        self.counts = {doc.id: self.term_counts(doc) for doc in chain(chapters, posts)}
        self.n_chapters, self.n_posts = len(chapters), len(posts)
        self.df_chapters: Counter[str] = Counter()
        for doc in chapters:
            self.df_chapters.update(self.counts[doc.id].keys())
        self.df_posts: Counter[str] = Counter()
        for doc in posts:
            self.df_posts.update(self.counts[doc.id].keys())
        # Only terms that count: a missing term of the corpus weighs nothing.
        idfs = ((term, self.idf(term)) for term in chain(self.df_chapters, self.df_posts))
        self.idfs = {term: idf for term, idf in idfs if idf}
        self.n = len(chapters) + len(posts)
        self.tag_df = Counter(tag for doc in chain(chapters, posts) for tag in set(doc.tags))

    def term_counts(self, doc: Doc) -> Counter[str]:
        return Counter(_document_counts(doc.text, doc.title))  # the corpus's own copy

    def idf(self, term: str) -> float:
        """The smaller of the term's idf among chapters and among posts; 0 if most chapters have it."""
        among_chapters = _idf(self.n_chapters, self.df_chapters.get(term, 0))
        if among_chapters < IDF_FLOOR:
            return 0.0
        return min(among_chapters, _idf(self.n_posts, self.df_posts.get(term, 0)))

    def vector(self, doc: Doc) -> dict[str, float]:
        """The unit text vector of any page, in or out of the corpus, in the order of its text."""
        counts = self.counts.get(doc.id)
        if counts is None:
            counts = self.term_counts(doc)
        idfs, idf = self.idfs, self.idf
        weights = {t: _tf(c) * (idfs[t] if t in idfs else idf(t)) for t, c in counts.items()}
        return _unit(weights)

    def tag_vector(self, tags: Iterable[str]) -> dict[str, float]:
        """The unit tag vector of a page: tags weighted by their idf over all pages."""
        return _unit({tag: _idf(self.n, self.tag_df.get(tag, 0)) for tag in sorted(set(tags))})

    def reason_weights(self, vector: Mapping[str, float]) -> dict[str, float]:
        """A vector's weights divided by the idf of each term (see _reason)."""
        return {t: w / (self.idfs.get(t) or self.idf(t) or 1.0) for t, w in vector.items()}


def _reason(a: Mapping[str, float], b_scaled: Mapping[str, float]) -> tuple[str, ...]:
    """The shared terms to show as the reason: frequent in both pages and specific, best first.

    A term adds w_a * w_b ~ tf_a * tf_b * idf^2 to the cosine; dividing once by its idf (b_scaled
    holds w_b / idf) favours a subject that both pages keep returning to over a rare word that each
    happens to use once. Ties go to the term that sorts first.
    """
    shared = list(a.keys() & b_scaled.keys())
    keys = list(map(mul, map(a.__getitem__, shared), map(b_scaled.__getitem__, shared)))
    threshold = sorted(keys)[-MAX_TERMS] if len(keys) > MAX_TERMS else 0.0
    best = sorted(compress(zip(map(neg, keys), shared), map(threshold.__le__, keys)))
    return tuple(term for _, term in best[:MAX_TERMS])


def _score(tag_cosine: float, text_cosine: float) -> float:
    """The combined score, rounded so that near-equal floats tie exactly."""
    return round(TAG_WEIGHT * tag_cosine + TEXT_WEIGHT * text_cosine, _DIGITS)


def rank(docs: Sequence[Doc], *, k: int = 4, min_score: float = MIN_SCORE,
         tag_order: Sequence[str] = ()) -> dict[str, list[Link]]:
    """Related links of every chapter (posts) and every post (chapters): pins first, then the top k.

    Every chapter and post of `docs` gets an entry, possibly empty; pages of other kinds get none
    but may be pinned. Ranked links score at least `min_score`, best first, ties by id. Pins come
    first in their given order (any kind, self and repeats skipped) and do not count towards `k`.
    `excluded` ids are never shown, even when pinned. A pin to an id outside `docs` raises
    UnknownPin. `tag_order` (say, the vocabulary's tag ids) orders `Link.shared_tags`; tags it does
    not list follow alphabetically.
    """
    if k < 0:
        raise ValueError("k must be zero or more")
    by_id: dict[str, Doc] = {}
    for doc in docs:
        if doc.id in by_id:
            raise ValueError(f"two pages have the id {doc.id!r}")
        by_id[doc.id] = doc
    ranked = sorted((doc for doc in docs if doc.kind in KINDS), key=lambda doc: doc.id)
    for doc in ranked:
        for target in doc.pinned:
            if target not in by_id:
                raise UnknownPin(doc.id, target)
    if not ranked:
        return {}
    chapters = [doc for doc in ranked if doc.kind == "chapter"]
    posts = [doc for doc in ranked if doc.kind == "post"]
    corpus = _Corpus(chapters, posts)
    idfs = corpus.idfs
    order = {tag: n for n, tag in enumerate(tag_order)}

    def shared_tags(a: Doc, b: Doc) -> tuple[str, ...]:
        return tuple(sorted(set(a.tags) & set(b.tags), key=lambda tag: (order.get(tag, len(order)), tag)))

    pin_vectors: dict[str, tuple[dict[str, float], dict[str, float]]] = {}

    def pins(doc: Doc, seen: set[str]) -> list[Link]:
        """Links to the pages `doc` pins, scored like any other pair; adds them to `seen`."""
        out = []
        for target in doc.pinned:
            if target in seen:
                continue
            seen.add(target)
            for page in (doc, by_id[target]):
                if page.id not in pin_vectors:
                    pin_vectors[page.id] = (corpus.vector(page), corpus.tag_vector(page.tags))
            (text_a, tags_a), (text_b, tags_b) = pin_vectors[doc.id], pin_vectors[target]
            reason = _reason(text_a, corpus.reason_weights(text_b))
            out.append(Link(target, _score(_dot(tags_a, tags_b), _dot(text_a, text_b)),
                            shared_tags(doc, by_id[target]), reason, pinned=True))
        return out

    def best(candidates: list[tuple[str, float]], seen: set[str]) -> list[tuple[str, float]]:
        top = heapq.nsmallest(k, ((-score, target) for target, score in candidates if target not in seen))
        return [(target, -negative) for negative, target in top]

    # Chapters: full unit vectors, an inverted index (term -> [(chapter, weight)]) and reason weights.
    chapter_text = [corpus.vector(doc) for doc in chapters]
    chapter_tags = [corpus.tag_vector(doc.tags) for doc in chapters]
    chapter_reason = [corpus.reason_weights(vector) for vector in chapter_text]
    chapter_ids = [doc.id for doc in chapters]
    chapter_at = {doc.id: i for i, doc in enumerate(chapters)}
    index: dict[str, list[tuple[int, float]]] = {}
    for i, vector in enumerate(chapter_text):
        for term, weight in vector.items():
            index.setdefault(term, []).append((i, weight))
    tag_scores: dict[tuple[str, ...], list[float]] = {}

    # Posts: one pass each, in which a post also gets its own links; chapters collect candidates.
    result: dict[str, list[Link]] = {}
    per_chapter: list[list[tuple[str, float]]] = [[] for _ in chapters]
    for doc in posts:
        counts = corpus.counts.pop(doc.id)  # no longer needed: keeps the peak memory down
        terms = list(counts)
        try:
            weights = list(map(mul, map(_TF.__getitem__, counts.values()), map(idfs.get, terms, repeat(0.0))))
        except IndexError:  # a term more than 4095 times in one post
            weights = [_tf(counts[t]) * idfs.get(t, 0.0) for t in terms]
        norm = math.sqrt(math.fsum(map(mul, weights, weights))) or 1.0
        # Only the terms some chapter has matter here, in text order (so sums do not depend on hashing);
        # they stay unnormalised: the cosines are divided by the norm once, at the end.
        kept = list(compress(zip(terms, weights), map(index.__contains__, terms)))
        text = [0.0] * len(chapters)
        for term, weight in kept:
            for i, chapter_weight in index[term]:
                text[i] += weight * chapter_weight
        tag_key = tuple(sorted(set(doc.tags)))
        if tag_key not in tag_scores:
            tags = corpus.tag_vector(tag_key)
            tag_scores[tag_key] = [_dot(tags, chapter_tag) for chapter_tag in chapter_tags]
        found = []
        for i, tag_score, text_score in zip(range(len(chapters)), tag_scores[tag_key], text):
            score = round(TAG_WEIGHT * tag_score + TEXT_WEIGHT * text_score / norm, _DIGITS)  # _score, inlined
            if score >= min_score:
                found.append((chapter_ids[i], score))
                per_chapter[i].append((doc.id, score))
        seen = {doc.id, *doc.excluded}
        links = pins(doc, seen)
        chosen = best(found, seen)
        vector = dict(kept) if chosen else {}  # unnormalised: the order of reasons does not change
        for target, score in chosen:
            chapter = by_id[target]
            reason = _reason(vector, chapter_reason[chapter_at[target]])
            links.append(Link(target, score, shared_tags(doc, chapter), reason))
        result[doc.id] = links

    # Chapters: their best posts (whose vectors are computed again: only k per chapter).
    for i, doc in enumerate(chapters):
        seen = {doc.id, *doc.excluded}
        links = pins(doc, seen)
        for target, score in best(per_chapter[i], seen):
            post = by_id[target]
            reason = _reason(corpus.vector(post), chapter_reason[i])
            links.append(Link(target, score, shared_tags(doc, post), reason))
        result[doc.id] = links
    return dict(sorted(result.items()))
