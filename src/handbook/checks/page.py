"""Every rule of one file, run over one reading of it, and what the whole-tree rules need from it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from handbook.checks.active import Pending, check_active_html, confirm_by_rendering
from handbook.checks.files import decode
from handbook.checks.findings import Finding, Report
from handbook.checks.invisible import check_invisible
from handbook.checks.lists import check_lists
from handbook.checks.meta import check_front_matter
from handbook.checks.notes import note_link, note_summary
from handbook.checks.snippets import check_includes
from handbook.checks.source import Source, read_source
from handbook.checks.facts import source_findings
from handbook.checks.style import check_style
from handbook.checks.workshop import chapter_materials, check_workshop_timing
from handbook.markdown_scan import Link, page_ids
from handbook.facts import Registry
from handbook.urdu_style import StyleList
from handbook.vocabulary import Vocabulary

DEFAULT_LANG = "en"


@dataclass
class FileInfo:
    """What check_tree needs from one file besides its own findings."""

    path: str
    kind: str
    lang: str
    findings: list[Finding] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    links: list[tuple[int, int, Link]] = field(default_factory=list)  # (line, col, link)
    slug: str | None = None
    slug_pos: tuple[int, int] = (1, 1)
    pending: Pending | None = None  # the rendered page still has to confirm what looks like code
    text: str | None = None  # the decoded text, for rules over the tree (the font check); None if unreadable
    materials: list[tuple[int, str]] = field(default_factory=list)  # (line, handout id) a chapter's activity names
    note: tuple[object, tuple[int, int]] | None = None  # a post's note for today: its date and where it is


# A per-page rule reads the file once read (Source) and reports into its Report. Rules that need only one
# page's text (such as characters a font cannot show) belong in this list; rules across pages go in tree.py.
PageRule = Callable[[Source, Report, Vocabulary], None]
PAGE_RULES: list[PageRule] = [
    lambda src, report, vocabulary: check_front_matter(src, report, vocabulary, DEFAULT_LANG),
    lambda src, report, vocabulary: check_lists(src, report),
    lambda src, report, vocabulary: check_includes(src, report),
    lambda src, report, vocabulary: check_invisible(src, report),
    lambda src, report, vocabulary: check_workshop_timing(src, report),
]


def analyse_file(path: str, data: bytes, *, kind: str, lang: str, vocabulary: Vocabulary,
                 verify: bool = True, render: bool = True, style: StyleList | None = None,
                 registry: Registry | None = None) -> FileInfo:
    """Check one file and keep what the cross-file checks need (ids, links, slug).

    `style`, for an Urdu file, is the Urdu style list to check its prose against (MH601); `registry`, the
    registry of facts its includes and any number typed into its prose are checked against (MH802-MH803).

    `verify=False` skips confirming what looks like code; `render=False` leaves it to the caller in
    `FileInfo.pending` (the build confirms it against the HTML it renders anyway).
    """
    info = FileInfo(path, kind, lang)
    report = Report(path)
    text = decode(data, report)
    if text is None:
        info.findings = report.findings
        return info
    info.text = text
    src = read_source(path, text, kind, lang)
    report.positions = src.positions
    for rule in PAGE_RULES:
        rule(src, report, vocabulary)
    if style is not None:
        check_style(src, report, style)
    if registry is not None:
        report.findings.extend(source_findings(src, registry))
    pending = check_active_html(src, report)
    if verify and pending.required and render:
        report.findings.extend(confirm_by_rendering(pending))
    elif verify and not render:
        info.pending = pending
    info.findings = report.findings
    info.ids = page_ids(src.text, src.body_start, src.fences, src.inert)
    info.materials = chapter_materials(src)
    info.links = [(*src.positions(link.offset), link) for link in src.links if link.anchor_offset not in src.inert]
    link = note_link(src)
    if link is not None:
        info.links.append((*src.positions(link.offset), link))
    summary = note_summary(src)
    if summary is not None:
        info.note = (summary[0], src.positions(summary[1]))
    slug = src.fm.meta.get("slug") if src.fm.meta is not None else None
    if isinstance(slug, str):
        info.slug, info.slug_pos = slug, src.positions(src.fm.value_offset("slug", src.lead))
    return info


def check_file(path: str, data: bytes, *, kind: str, lang: str, vocabulary: Vocabulary) -> list[Finding]:
    """Every single-file rule for one file of a kind ('chapter', 'post', 'page', 'snippet') and language."""
    return sorted(analyse_file(path, data, kind=kind, lang=lang, vocabulary=vocabulary).findings)
