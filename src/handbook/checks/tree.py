"""The whole docs/ tree: every file's rules, then the rules across files (MH004-MH005, MH201-MH207)."""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from handbook.checks.active import Pending
from handbook.checks.facts import registry_check
from handbook.checks.files import entry_finding, output_key, walk
from handbook.checks.findings import Finding
from handbook.checks.links import link_problem
from handbook.checks.notes import translation_problem
from handbook.checks.page import DEFAULT_LANG, FileInfo, analyse_file
from handbook.checks.snippets import SNIPPETS_DIR
from handbook.checks.style import URDU, load_project_style, urdu_snippet
from handbook.checks.workshop import material_findings
from handbook.font_coverage import font_findings
from handbook.forked_map import map_in_two
from handbook.kinds import kind_of
from handbook.post_notes import NOTE_KEY
from handbook.urdu_style import StyleList
from handbook.vocabulary import Vocabulary

Selected = Callable[[Path], bool]


@dataclass
class TreeScan:
    """Findings of the tree, and (when rendering is left to a build) what each page's HTML must confirm."""

    findings: list[Finding] = field(default_factory=list)
    pending: dict[str, Pending] = field(default_factory=dict)  # by the file's normalised absolute path


def check_tree(docs_dir: Path, *, vocabulary: Vocabulary, paths: Sequence[Path] | None = None,
               snippets_dir: Path | None = None, today: dt.date | None = None,
               in_two_processes: bool = False) -> list[Finding]:
    """Every rule over docs/<lang>/**: each Markdown file, plus slugs, output paths, links and anchors.

    Also every file of `snippets_dir` (default: the snippets/ folder beside docs/, if there is one).
    With `paths`, only findings in those files are returned, but the whole tree is still read so that
    links, anchors, slugs and output paths are judged against everything. With `today`, registry entries
    checked too long ago are findings too (MH804): the build leaves them out, so that no build breaks on
    the calendar alone; `handbook check` and `handbook review` report them.
    """
    return scan_tree(docs_dir, vocabulary=vocabulary, paths=paths, snippets_dir=snippets_dir, today=today,
                     in_two_processes=in_two_processes).findings


def scan_tree(docs_dir: Path, *, vocabulary: Vocabulary, paths: Sequence[Path] | None = None,
              snippets_dir: Path | None = None, render: bool = True, today: dt.date | None = None,
              analyse: Callable[..., FileInfo] = analyse_file, in_two_processes: bool = False) -> TreeScan:
    """check_tree, with `render=False` leaving the confirmation of pages in docs/ to their rendered HTML.

    `analyse` stands in for analyse_file (with its arguments): under `mkdocs serve`, one that reuses the
    analysis of a file whose bytes and inputs did not change since the last rebuild. `in_two_processes`
    analyses about half of the pages (by size) in a forked process (handbook.forked_map): for a command
    line or a build that runs nothing else yet, never inside a server or a test process with threads."""
    docs_dir = Path(docs_dir)
    if snippets_dir is None:
        snippets_dir = docs_dir.parent / SNIPPETS_DIR
    wanted = {os.path.abspath(p) for p in paths} if paths is not None else None

    def selected(full: Path) -> bool:
        return wanted is None or os.path.abspath(full) in wanted

    pages, others = walk(docs_dir)
    scan = TreeScan()
    registry, registry_findings = registry_check(docs_dir, today)
    scan.findings.extend(registry_findings)  # whatever was selected, like the style list's problems
    style, style_problem = load_project_style(docs_dir)
    if style_problem is not None:  # whatever was selected: without its style list no Urdu page is checked
        scan.findings.append(style_problem)
    existing: dict[str, set[str]] = defaultdict(set)
    for lang, rel in pages:
        existing[lang].add(str(rel))
    for lang, rel, code in others:
        full = docs_dir / lang / rel
        finding = entry_finding(full, code)
        if finding is not None and selected(full):
            scan.findings.append(finding)
        if code in ("", "MH005"):
            existing[lang].add(str(rel))
    infos: dict[tuple[str, str], FileInfo] = {}
    texts: dict[Path, str] = {}  # the selected pages that decoded, for the font check
    read: list[tuple[str, Path, Path, bytes]] = []
    for lang, rel in pages:
        full = docs_dir / lang / rel
        try:
            read.append((lang, rel, full, full.read_bytes()))
        except OSError as error:
            if selected(full):
                scan.findings.append(Finding(str(full), 1, 1, "MH001", f"cannot be read: {error.strerror}", "check the file"))

    def analysed(page: tuple[str, Path, Path, bytes]) -> FileInfo:
        lang, rel, full, data = page
        kind, _ = kind_of(PurePosixPath(lang) / rel)
        return analyse(str(full), data, kind=kind, lang=lang, vocabulary=vocabulary, verify=selected(full),
                       render=render, style=style if lang == URDU else None, registry=registry)

    mapped = map_in_two(analysed, read, weight=lambda page: len(page[3])) if in_two_processes else map(analysed, read)
    for (lang, rel, full, _), info in zip(read, mapped):
        infos[(lang, str(rel))] = info
        if selected(full):
            scan.findings.extend(info.findings)
            if info.text is not None:
                texts[full] = info.text
        if info.pending is not None:
            scan.pending[os.path.normpath(os.path.abspath(full))] = info.pending
    scan.findings.extend(_check_snippets_dir(Path(snippets_dir), vocabulary, selected, style))
    scan.findings.extend(font_findings(docs_dir, texts))
    scan.findings.extend(_cross_file(infos, existing, selected))
    scan.findings.sort()
    return scan


def _cross_file(infos: dict[tuple[str, str], FileInfo], existing: dict[str, set[str]], selected: Selected) -> list[Finding]:
    """Shared slugs (MH201), output pages (MH202), links (MH203-MH206), orphan translations (MH207), materials (MH704),
    a translated post's note for today (MH121)."""
    findings: list[Finding] = []
    by_slug: dict[tuple[str, str], list[FileInfo]] = defaultdict(list)
    by_output: dict[tuple[str, str], list[tuple[str, FileInfo]]] = defaultdict(list)
    for (lang, rel), info in infos.items():
        if info.kind == "post" and info.slug:
            by_slug[(lang, info.slug)].append(info)
        by_output[(lang, output_key(PurePosixPath(rel)))].append((rel, info))
    for (lang, slug), group in by_slug.items():
        for info in group if len(group) > 1 else []:
            if selected(Path(info.path)):
                others_named = ", ".join(Path(o.path).name for o in group if o is not info)
                findings.append(Finding(info.path, *info.slug_pos, "MH201", f"slug '{slug}' is also used by {others_named}",
                                        "give every post its own slug"))
    for (lang, rel), info in infos.items():
        # The build refuses these (translations.scan calls them orphans; blog_i18n for posts).
        if lang != DEFAULT_LANG and (DEFAULT_LANG, rel) not in infos and selected(Path(info.path)):
            findings.append(Finding(info.path, 1, 1, "MH207", f"translation has no English source {DEFAULT_LANG}/{rel}",
                                    "give it the same path as its English file, or add the English file first"))
    for (lang, rel), info in infos.items():
        english = infos.get((DEFAULT_LANG, rel))
        if lang != DEFAULT_LANG and info.kind == "post" and english is not None and selected(Path(info.path)):
            problem = translation_problem(english.note, info.note)
            if problem:
                line, col = info.note[1] if info.note else (1, 1)
                findings.append(Finding(info.path, line, col, "MH121", problem,
                                        f"give this post its own '{NOTE_KEY}' in its language, with the English note's date"
                                        if info.note is None else "use the English note's date"))
    for (lang, key), group in by_output.items():
        for rel, info in group if len(group) > 1 else []:
            if selected(Path(info.path)):
                clash = ", ".join(r for r, o in group if o is not info)
                findings.append(Finding(info.path, 1, 1, "MH202", f"builds to the same page '{key or '/'}/' as {clash}",
                                        "rename or remove one of them"))
    for (lang, rel), info in infos.items():
        if selected(Path(info.path)):
            for line, col, link in info.links:
                problem = link_problem(lang, rel, link, infos, existing, DEFAULT_LANG)
                if problem:
                    findings.append(Finding(info.path, line, col, *problem))
            findings.extend(material_findings(info.path, lang, info.materials, existing, DEFAULT_LANG))
    return findings


def _check_snippets_dir(snippets_dir: Path, vocabulary: Vocabulary, selected: Selected,
                        style: StyleList | None = None) -> list[Finding]:
    """Every file that pymdownx.snippets may paste into a page, whatever its extension.

    Snippets are always confirmed by rendering them alone: the build renders them only inside the pages
    that include them.
    """
    findings: list[Finding] = []
    if not snippets_dir.is_dir():
        return findings
    for root, dirs, files in os.walk(snippets_dir, followlinks=False):
        for name in sorted(dirs + files):
            full = Path(root) / name
            if not selected(full):
                continue
            if full.is_symlink():
                findings.append(Finding(str(full), 1, 1, "MH004", f"symbolic link in {SNIPPETS_DIR}/",
                                        "replace it with the real file: it would be pasted into pages"))
            elif name in files:
                urdu = urdu_snippet(PurePosixPath(full.relative_to(snippets_dir).as_posix()))
                findings.extend(analyse_file(str(full), full.read_bytes(), kind="snippet", lang="",
                                             vocabulary=vocabulary, style=style if urdu else None).findings)
        dirs[:] = sorted(d for d in dirs if not (Path(root) / d).is_symlink())
    return findings
