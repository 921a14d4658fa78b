"""Content checks for untrusted Markdown: what a pull request must not slip into the published site.

Each rule has a stable code. Line and column are 1-based and count characters (not bytes) in the file
with line endings normalised as Python-Markdown does (CRLF and lone CR are one line break).

==========  ===========================================================================================
code        finding
==========  ===========================================================================================
MH001       the file is not UTF-8 (points at the first bad byte)
MH002       the file is larger than MAX_FILE_BYTES (points at the first byte over the limit)
MH003       a list nested deeper than MAX_LIST_DEPTH levels (points at the first item too deep)
MH004       a symbolic link under docs/ or snippets/ (it would publish what it points at)     [tree]
MH005       a file type under docs/ that can carry scripts or is not an inert asset            [tree]
MH101       front matter does not parse: YAML error, not closed, or a key given twice
MH102       front matter is not a mapping of keys to values
MH103       a required front matter field is missing or empty (per kind: chapter, post, page)
MH104       a front matter field has the wrong type
MH105       a date field is not a real date (2025-02-30, or a value YAML did not read as a date)
MH106       a tag that is not in the vocabulary
MH107       a blog category that is not in the vocabulary
MH108       markup or ASCII quotes in title or description (< > ` * _ [ ] ")
MH109       a post slug that is not lower-case ASCII words joined by hyphens
MH110       a chapter value out of range (level, duration, teaching, 2-6 objectives, review_by not after
            last_reviewed)
MH120       a `changes:` note that is not a list of {date, note} with short plain text, or outside a chapter
MH121       a post's `note_for_today:` that is not {date, text, source, link?} with short plain text, a date
            after the post's, an https source and a relative link (outside a post, or missing from or
            dated differently in a translation of a post that has one: [tree])
MH201       two posts of one language share a slug                                             [tree]
MH202       two files would be built to the same page (foo.md and foo/index.md, README.md)   [tree]
MH203       a link to a page or file that does not exist                                       [tree]
MH204       a link to an anchor that the target page does not have                             [tree]
MH205       an image that does not exist                                                       [tree]
MH206       an absolute link (/path): it breaks under /ur/ and in the offline copy            [tree]
MH207       a translation (page, chapter or post) with no English file of the same path        [tree]
MH301       an HTML element that runs or loads something: script, iframe, frame(set), object,
            embed, applet, form, base, link, meta, svg, math, portal, fencedframe
MH302       an event-handler attribute (on...=), in HTML or through attr_list
MH303       a javascript:, vbscript: or data: URL (also entity-, percent-encoded or split by
            tabs and newlines)
MH304       a resource from another host: Markdown image, src/srcset/poster/... attribute or
            CSS url() with an http(s)://, // or other scheme URL
MH305       a stylesheet that loads or runs something (<style> with @import or url(), expression())
MH306       the rendered page has active HTML the source checks could not place, or it could
            not be rendered and parsed at all (so nothing in it could be confirmed as code)
MH401       a direction override or isolate character (U+202A-U+202E, U+2066-U+2069), anywhere
MH402       an invisible formatting character inside code, a URL or link target, or front matter
MH403       a character on an Urdu page that the Urdu web font subset cannot draw              [tree]
            (handbook.font_coverage; `handbook font` regenerates the subset)
MH501       a snippet include (--8<--) that points outside the snippets/ folder: an absolute path,
            a '..' step, a URL, '~' or a backslash (mkdocs.yml resolves includes inside snippets/)
MH601       a form data/urdu-style.yml rejects, in the prose of an Urdu page or snippet        [tree]
            (not in code, addresses or comments), unless inside one of its entry's fine_in phrases
MH602       data/urdu-style.yml itself is malformed (reported whatever files are checked)      [tree]
MH701       a chapter's workshop activity does not start with its timing ("45 minutes: 10 to ...")
MH702       the parts of an activity's timing do not add up to its total
MH703       teaching minutes + activity minutes are more than the chapter's duration
MH704       an activity links to a handout (trainers/handouts/) missing in its language or in English [tree]
MH801       data/facts.yml cannot be used: YAML error, a key given twice, a missing source or checked
            date, a date that does not exist, an unknown type, field or status (at its line)   [tree]
MH802       [[fact:ID]] names an id that data/facts.yml does not have                          [tree]
MH803       a phone number or email address written into prose instead of [[fact:ID]]         [tree]
MH804       a registry entry checked longer ago than its max_age_days (only with a `today`:
            `handbook check`, not the build, so no build breaks on the calendar alone)         [tree]
==========  ===========================================================================================

Codes marked [tree] need the whole docs/ folder and come only from `check_tree`.

`check_tree` also checks every file of the snippets/ folder beside docs/ (kind "snippet": no front matter
and no link checks, every other rule), because pymdownx.snippets pastes them into pages.

HTML inside fenced code or inline code is shown, not run, so it is not reported, once the rendered page
confirms it (active.py). `handbook check` renders each page itself; inside `mkdocs build` the pages are
confirmed against the HTML the build renders anyway (hooks/content_checks.py).

The modules, one concern each: findings (Finding), files (MH001-MH005 and the walk of docs/), source (one
reading of a file), meta (MH101-MH110), lists (MH003), snippets (MH501), active (MH301-MH306), invisible
(MH401-MH402), style (MH601-MH602, the list read by handbook.urdu_style), workshop (MH701-MH704), links
(MH203-MH206), page (every rule of one file: PAGE_RULES), tree (check_tree, MH201-MH207).
(MH401-MH402), links (MH203-MH206), facts (MH801-MH804), page (every rule of one file: PAGE_RULES), tree (check_tree, MH201-MH207).
MH120       a `changes:` note that is not a list of {date, note} with short plain text, or outside a chapter
Markdown itself is read by handbook.markdown_scan and front matter by handbook.frontmatter.
"""

from handbook.checks.active import RENDER_EXTENSIONS, Pending, active_html_counts, confirm, render
from handbook.checks.decoders import css_loads, css_urls, dangerous_scheme, decode_css, decode_url, is_remote_url
from handbook.checks.files import MAX_FILE_BYTES
from handbook.checks.findings import Finding
from handbook.checks.lists import MAX_LIST_DEPTH
from handbook.checks.page import PAGE_RULES, FileInfo, analyse_file, check_file
from handbook.checks.tree import TreeScan, check_tree, scan_tree
from handbook.kinds import kind_of
from handbook.markdown_scan import Link, code_spans_in_line, heading_text, list_depths, markdown_links, slugify, unique_id

__all__ = [
    "MAX_FILE_BYTES", "MAX_LIST_DEPTH", "PAGE_RULES", "RENDER_EXTENSIONS", "FileInfo", "Finding", "Link", "Pending",
    "TreeScan", "active_html_counts", "analyse_file", "check_file", "check_tree", "code_spans_in_line", "confirm",
    "css_loads", "css_urls", "dangerous_scheme", "decode_css", "decode_url", "heading_text", "is_remote_url",
    "kind_of", "list_depths", "markdown_links", "render", "scan_tree", "slugify", "unique_id",
]
