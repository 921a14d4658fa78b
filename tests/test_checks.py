"""The content checks (handbook.checks): the hostile-input suite, the decoders, and the real content.

Hostile cases live in tests/hostile/. A case is one Markdown file, or one folder whose contents are
merged into docs/<lang>/ (for rules that need two files: duplicate slugs, duplicate output paths), or
one folder holding en/ and ur/ whose contents are merged into docs/ (a translation needs its English
file: the build refuses a page of docs/ur/ that docs/en/ does not have).
Every Markdown file of a case carries a header, the first HTML comment in the file:

    <!-- expect: MH301 5:1 -->

or, with several lines:

    <!--
    expect: MH301 8:1
    expect: MH304 8:14
    kind: post
    lang: ur
    -->

`expect: CODE LINE:COL` may repeat; `expect: none` marks a legal control that must yield nothing.
`kind` (page, chapter, post; default page) and `lang` (default en) say where the file belongs: a single
file case goes to docs/<lang>/<name> (page), docs/<lang>/handbook/<name> (chapter) or
docs/<lang>/blog/posts/<name> (post). A file with front matter carries its header just after it, since
front matter must open the file. The header itself must not cause a finding.

tests/test_hostile_builds.py also builds every case for real. The cases share two builds there, the legal ones
in one and the hostile ones in another, so their paths must not collide; a case that stops even a lenient
build (MkDocs or the blog plugin refuses the file) is built alone, and belongs in STOPS_THE_BUILD there, as
its test_the_shared_builds_are_whole will say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pytest
from pymdownx.slugs import slugify as pymdownx_slugify

from handbook import checks
from handbook.checks import (
    Finding,
    check_file,
    check_tree,
    css_loads,
    css_urls,
    dangerous_scheme,
    decode_url,
    heading_text,
    is_remote_url,
    kind_of,
    list_depths,
    slugify,
    unique_id,
)
from handbook.frontmatter import split
from handbook.vocabulary import Vocabulary, load_vocabulary

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = Path(__file__).resolve().parent / "hostile"
HEADER = re.compile(rb"<!--(.*?)-->", re.S)
EXPECT = re.compile(r"^(MH\d{3}) (\d+):(\d+)$")
TREE_ONLY = {"MH004", "MH005", "MH201", "MH202", "MH203", "MH204", "MH205", "MH206", "MH207", "MH802", "MH803"}


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary(ROOT / "data" / "vocabulary.yml")


# --------------------------------------------------------------------------------------------------
# The hostile suite.

@dataclass
class CaseFile:
    """One file of a case: where it goes under docs/<lang>/ and what it must produce."""

    relative: PurePosixPath
    data: bytes
    lang: str = "en"
    kind: str = "page"
    expected: list[tuple[str, int, int]] = field(default_factory=list)
    control: bool = False


@dataclass
class Case:
    """A file or a folder of tests/hostile/."""

    name: str
    files: list[CaseFile]


def read_header(data: bytes) -> dict[str, list[str]]:
    """The key: value lines of a file's first HTML comment."""
    match = HEADER.search(data)
    assert match, "a case file needs an <!-- expect: ... --> header"
    fields: dict[str, list[str]] = {}
    for line in match.group(1).decode("utf-8", "replace").splitlines():
        key, _, value = line.strip().partition(":")
        if value:
            fields.setdefault(key.strip(), []).append(value.strip())
    return fields


def case_file(relative: PurePosixPath, data: bytes) -> CaseFile:
    fields = read_header(data)
    expects = fields.get("expect", [])
    assert expects, f"{relative}: no expect line"
    control = expects == ["none"]
    expected = []
    if not control:
        for expect in expects:
            match = EXPECT.match(expect)
            assert match, f"{relative}: bad expect line {expect!r}"
            expected.append((match.group(1), int(match.group(2)), int(match.group(3))))
    kind = fields.get("kind", ["page"])[0]
    return CaseFile(relative, data, fields.get("lang", ["en"])[0], kind, sorted(expected), control)


def load_cases() -> list[Case]:
    cases = []
    for entry in sorted(HOSTILE.iterdir()):
        if entry.is_file() and entry.suffix == ".md":
            file = case_file(PurePosixPath(entry.name), entry.read_bytes())
            folder = {"chapter": "handbook", "post": "blog/posts"}.get(file.kind)
            if folder:
                file.relative = PurePosixPath(folder) / entry.name
            cases.append(Case(entry.name, [file]))
        elif entry.is_dir():
            bilingual = {p.name for p in entry.iterdir()} == {"en", "ur"}
            files = []
            for path in sorted(p for p in entry.rglob("*") if p.is_file()):
                relative = PurePosixPath(path.relative_to(entry).as_posix())
                if path.suffix == ".md":
                    file = case_file(relative, path.read_bytes())
                else:
                    file = CaseFile(relative, path.read_bytes(), kind="asset")
                if bilingual:
                    file.lang, file.relative = relative.parts[0], PurePosixPath(*relative.parts[1:])
                files.append(file)
            langs = {f.lang for f in files if f.kind != "asset"}
            assert bilingual or len(langs) == 1, f"{entry.name}: all files of a folder case need the same lang"
            if not bilingual:
                for file in files:
                    file.lang = next(iter(langs))
            cases.append(Case(entry.name + "/", files))
    return cases


CASES = load_cases()


def run_case(case: Case, docs: Path, vocabulary: Vocabulary) -> dict[PurePosixPath, list[tuple[str, int, int]]]:
    """Put a case in an empty docs/ folder and check the tree: findings by path under docs/."""
    for file in case.files:
        target = docs / file.lang / file.relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file.data)
    found: dict[PurePosixPath, list[tuple[str, int, int]]] = {f.lang / f.relative: [] for f in case.files}
    for finding in check_tree(docs, vocabulary=vocabulary):
        relative = PurePosixPath(Path(finding.path).relative_to(docs).as_posix())
        found.setdefault(relative, []).append((finding.code, finding.line, finding.col))
    return {k: sorted(v) for k, v in found.items()}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_case(case: Case, tmp_path: Path, vocabulary: Vocabulary) -> None:
    found = run_case(case, tmp_path / "docs", vocabulary)
    expected = {f.lang / f.relative: f.expected for f in case.files}
    assert found == expected
    for file in case.files:
        if file.kind == "asset":
            continue
        assert kind_of(PurePosixPath(file.lang) / file.relative) == (file.kind, file.lang)
        # check_file (the build hook's entry point) agrees with check_tree on every single-file rule.
        alone = check_file(str(file.relative), file.data, kind=file.kind, lang=file.lang, vocabulary=vocabulary)
        assert sorted((f.code, f.line, f.col) for f in alone) == [e for e in file.expected if e[0] not in TREE_ONLY]


def test_the_suite_is_large_and_covers_every_rule() -> None:
    hostile = [c for c in CASES if not all(f.control for f in c.files if f.kind != "asset")]
    controls = [c for c in CASES if all(f.control for f in c.files if f.kind != "asset")]
    assert len(hostile) >= 34 and len(controls) >= 5
    covered = {code for c in CASES for f in c.files for code, _, _ in f.expected}
    documented = set(re.findall(r"^(MH\d{3}) ", checks.__doc__ or "", re.M))
    # MH002 (a generated file), MH004/MH005 (symlinks, file types) and MH306 are tested below, MH403 (it
    # needs the font beside docs/) in test_font.py, MH601/MH602 (they need data/urdu-style.yml beside docs/)
    # in test_urdu_style.py, MH701-MH704 (workshop rules) in test_workshop_checks.py, MH801 and MH804 (they
    # need a registry beside docs/) in test_facts.py.
    assert documented - covered == {"MH002", "MH004", "MH005", "MH306", "MH403", "MH601", "MH602",
                                    "MH701", "MH702", "MH703", "MH704", "MH801", "MH804"}


@pytest.mark.parametrize("case", [c for c in CASES if any(e[0].startswith("MH3") for f in c.files for e in f.expected)],
                         ids=lambda c: c.name)
def test_hostile_html_is_really_active_once_rendered(case: Case) -> None:
    """Each MH3xx case is not only flagged in the source: the site's Markdown really emits it."""
    for file in case.files:
        codes = {e[0] for e in file.expected if e[0].startswith("MH3")}
        if codes:
            body = split(file.data.decode("utf-8")).body
            counts = checks.active_html_counts(checks.render(body) or "")
            assert counts is not None and codes <= set(counts), (codes, counts)


def test_headers_cause_no_findings(vocabulary: Vocabulary) -> None:
    for header in ("<!-- expect: MH301 5:1 -->\n", "<!--\nexpect: MH301 8:1\nexpect: MH304 8:14\nkind: post\n-->\n"):
        assert check_file("x.md", f"{header}\n# Title\n".encode(), kind="page", lang="en", vocabulary=vocabulary) == []


def test_a_file_over_the_limit(vocabulary: Vocabulary) -> None:
    line = ("x" * 99 + "\n").encode()
    data = b"# Big\n\n" + line * (checks.MAX_FILE_BYTES // len(line) + 10)
    # The first byte over the limit is byte MAX_FILE_BYTES (0-based): find its line and column.
    expected_line = data.count(b"\n", 0, checks.MAX_FILE_BYTES) + 1
    expected_col = checks.MAX_FILE_BYTES - (data.rfind(b"\n", 0, checks.MAX_FILE_BYTES) + 1) + 1
    findings = check_file("big.md", data, kind="page", lang="en", vocabulary=vocabulary)
    assert [(f.code, f.line, f.col) for f in findings] == [("MH002", expected_line, expected_col)]
    exactly = b"# Big\n\n" + b"x" * (checks.MAX_FILE_BYTES - 8) + b"\n"
    assert len(exactly) == checks.MAX_FILE_BYTES
    assert check_file("big.md", exactly, kind="page", lang="en", vocabulary=vocabulary) == []


# --------------------------------------------------------------------------------------------------
# check_tree: files that are not Markdown, symlinks, languages, `paths`.

def test_symlinks_and_active_file_types_in_docs(tmp_path: Path, vocabulary: Vocabulary) -> None:
    docs = tmp_path / "docs"
    (docs / "en").mkdir(parents=True)
    (docs / "en" / "index.md").write_text("# Home\n", "utf-8")
    (docs / "en" / "page.html").write_text("<script>alert(1)</script>", "utf-8")
    (docs / "en" / "logo.svg").write_text("<svg onload='alert(1)'/>", "utf-8")
    (docs / "en" / "photo.png").write_bytes(b"\x89PNG")
    (docs / "en" / "secrets.md").symlink_to(tmp_path / "outside.md")
    (tmp_path / "outside.md").write_text("# Outside\n", "utf-8")
    found = [(Path(f.path).name, f.code) for f in check_tree(docs, vocabulary=vocabulary)]
    assert sorted(found) == [("logo.svg", "MH005"), ("page.html", "MH005"), ("secrets.md", "MH004")]


def test_links_fall_back_to_english_and_stay_in_their_language(tmp_path: Path, vocabulary: Vocabulary) -> None:
    docs = tmp_path / "docs"
    pages = {
        "en/handbook/passwords.md": "# Passwords\n\n## Checklist {#checklist}\n",
        "en/handbook/devices.md": "# Devices\n\n## کچھ اور\n",
        "ur/handbook/index.md": "# ہینڈ بک\n\n[پاس ورڈ](passwords.md#checklist) [آلات](devices.md#کچھ-اور)\n\n"
                                "[غائب](passwords.md#missing) [غائب](../../en/handbook/passwords.md)\n",
        "en/index.md": "# Home\n\n[x](ur-only.md)\n",
        "ur/ur-only.md": "# صرف اردو\n",
    }
    for path, text in pages.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, "utf-8")
    found = [(str(Path(f.path).relative_to(docs)), f.code, f.line, f.col)
             for f in check_tree(docs, vocabulary=vocabulary) if f.code in ("MH203", "MH204")]
    assert found == [
        ("en/index.md", "MH203", 3, 5),
        ("ur/handbook/index.md", "MH204", 5, 8),
        ("ur/handbook/index.md", "MH203", 5, 37),
    ]


def test_paths_limits_the_report_but_not_what_is_known(tmp_path: Path, vocabulary: Vocabulary) -> None:
    docs = tmp_path / "docs"
    (docs / "en").mkdir(parents=True)
    (docs / "en" / "a.md").write_text("# A\n\n[b](b.md#there) <script>x</script>\n", "utf-8")
    (docs / "en" / "b.md").write_text("# B\n\n## There\n\n<iframe></iframe>\n", "utf-8")
    everything = check_tree(docs, vocabulary=vocabulary)
    assert {Path(f.path).name for f in everything} == {"a.md", "b.md"}
    only_a = check_tree(docs, vocabulary=vocabulary, paths=[docs / "en" / "a.md"])
    assert [(Path(f.path).name, f.code) for f in only_a] == [("a.md", "MH301")]
    assert only_a == sorted(only_a)
    assert all(str(f.path).startswith(str(docs)) for f in everything)


def test_finding_format() -> None:
    finding = Finding("docs/en/handbook/x.md", 4, 1, "MH301", "<script> element", "remove it")
    assert str(finding) == "docs/en/handbook/x.md:4:1: MH301 <script> element (remove it)"
    assert sorted([Finding("b", 1, 1, "MH1", "", ""), Finding("a", 2, 1, "MH1", "", ""),
                   Finding("a", 1, 5, "MH2", "", ""), Finding("a", 1, 5, "MH1", "", "")]) == [
        Finding("a", 1, 5, "MH1", "", ""), Finding("a", 1, 5, "MH2", "", ""),
        Finding("a", 2, 1, "MH1", "", ""), Finding("b", 1, 1, "MH1", "", "")]


@pytest.mark.parametrize("relative, expected", [
    ("en/handbook/passwords.md", ("chapter", "en")),
    ("ur/handbook/passwords.md", ("chapter", "ur")),
    ("en/handbook/index.md", ("page", "en")),
    ("en/blog/posts/a-post.md", ("post", "en")),
    ("ur/blog/posts/2024/a-post.md", ("post", "ur")),
    ("en/blog/index.md", ("page", "en")),
    ("en/help/index.md", ("page", "en")),
    ("en/handbook/extra/x.md", ("page", "en")),
])
def test_kind_of(relative: str, expected: tuple[str, str]) -> None:
    assert kind_of(relative) == expected


# --------------------------------------------------------------------------------------------------
# The decoders.

@pytest.mark.parametrize("raw, scheme", [
    ("javascript:alert(1)", "javascript"),
    ("JaVaScRiPt:alert(1)", "javascript"),
    ("&#106;avascript:alert(1)", "javascript"),
    ("&#x6A;avascript:alert(1)", "javascript"),
    ("&#X6a;avascript:alert(1)", "javascript"),
    ("&#0000106avascript:alert(1)", "javascript"),  # no semicolon, leading zeros: browsers decode it
    ("java&#x09;script:alert(1)", "javascript"),
    ("java&Tab;script&colon;alert(1)", "javascript"),
    ("java\tscript:alert(1)", "javascript"),
    ("java\nscript:alert(1)", "javascript"),
    ("  \x01javascript:alert(1)", "javascript"),
    ("%6Aavascript:alert(1)", "javascript"),
    ("javascript%3Aalert(1)", "javascript"),
    ("&#37;6Aavascript:alert(1)", "javascript"),  # an entity hiding a percent-escape
    ("java\\script:alert(1)", "javascript"),  # Markdown backslash escapes
    ("vbscript:msgbox(1)", "vbscript"),
    ("VBSCRIPT:msgbox(1)", "vbscript"),
    ("data:text/html;base64,PHNjcmlwdD4=", "data"),
    ("DATA:image/png;base64,AAAA", "data"),
    ("&#100;ata:text/html,x", "data"),
    ("https://example.org/", None),
    ("passwords.md#javascript:x", None),
    ("./javascript:x", None),
    ("metadata:x", None),
    ("", None),
])
def test_dangerous_scheme(raw: str, scheme: str | None) -> None:
    assert dangerous_scheme(raw) == scheme


@pytest.mark.parametrize("raw, decoded", [
    ("&#106;avascript:", "javascript:"),
    ("a%20b", "ab"),
    ("caf%C3%A9", "café"),
    ("&amp;#106;", "j"),
    ("%25%36%41", "j"),
    ("\\\\host\\x.png", "//host/x.png"),
    ("plain.png", "plain.png"),
])
def test_decode_url(raw: str, decoded: str) -> None:
    assert decode_url(raw) == decoded


@pytest.mark.parametrize("raw, remote", [
    ("https://tracker.example/p.gif", True),
    ("HTTP://tracker.example/p.gif", True),
    ("//tracker.example/p.gif", True),
    ("\\\\tracker.example/p.gif", True),
    ("/\\tracker.example/p.gif", True),
    ("https:tracker.example/p.gif", True),
    (" https://tracker.example/", True),
    ("&#104;ttps://tracker.example/", True),
    ("ftp://files.example/a.png", True),
    ("images/p.gif", False),
    ("../assets/p.gif", False),
    ("/assets/p.gif", False),
    ("#top", False),
    ("p.gif?x=https://y", False),
])
def test_is_remote_url(raw: str, remote: bool) -> None:
    assert is_remote_url(raw) is remote


@pytest.mark.parametrize("css, loads", [
    ("body { color: red }", False),
    ("@import 'x.css';", True),
    ("@IMPORT url(x.css);", True),
    ("@\\69mport 'x.css';", True),
    ("body { background: url(a.png) }", True),
    ("body { background: URL( a.png ) }", True),
    ("body { background: \\75 rl(a.png) }", True),
    ("body { background: \\000075rl(a.png) }", True),
    ("body { background: u\\rl(a.png) }", True),
    ("body { background: image-set('a.png' 1x) }", True),
    ("body { width: expression(alert(1)) }", True),
    ("body { -moz-binding: x }", True),
    ("/* url(a.png) */ body { color: red }", False),
    ("body { font-family: 'curl(ed)' }", False),
])
def test_css_loads(css: str, loads: bool) -> None:
    assert css_loads(css) is loads


def test_css_urls() -> None:
    assert css_urls("background: url('https://a.example/x.png'), image-set(\"b.png\" 1x)") == [
        "https://a.example/x.png", "b.png"]
    assert css_urls("background: \\75 rl(//c.example/y.png)") == ["//c.example/y.png"]


SLUG_SAMPLES = [
    "Hello World!", "In this chapter", "If things go wrong", "Use 2FA: now", "x_y-z", "A&B",
    "آزادیٔ اظہار", "ہر دن کی عادتیں", "پاس\u200cورڈ", "٣ ۴ 5", "Ünïcode  Tëst", "e\u0301te", "  spaced  ",
    "Wi-Fi – café", "<b>Bold</b> move", "Ｆｕｌｌｗｉｄｔｈ", "",
]


@pytest.mark.parametrize("text", SLUG_SAMPLES)
def test_slugify_matches_pymdownx(text: str) -> None:
    assert slugify(text) == pymdownx_slugify(case="lower")(text, "-")


@pytest.mark.parametrize("text, slug", [
    ("Hello World!", "hello-world"),
    ("آزادیٔ اظہار", "آزادی-اظہار"),  # the combining hamza is dropped, as pymdownx does
    ("پاس\u200cورڈ", "پاسورڈ"),  # so is the zero-width non-joiner
    ("Use 2FA: now", "use-2fa-now"),
    ("Ünïcode  Tëst", "ünïcode--tëst"),
])
def test_slugify_table(text: str, slug: str) -> None:
    assert slugify(text) == slug


@pytest.mark.parametrize("source, text", [
    ("Passwords", "Passwords"),
    ("Use `ssh-keygen` now", "Use ssh-keygen now"),
    ("The *real* **risk**", "The real risk"),
    ("__Bold__ and snake_case_name", "Bold and snake_case_name"),
    ("See [the law](pakistan-law.md) today", "See the law today"),
    ("Logo ![alt](x.png) here", "Logo here"),
    ("Note[^1] here", "Note here"),
    ("A <span>tag</span> &amp; more", "A tag & more"),
    ("Escaped \\*star\\*", "Escaped *star*"),
])
def test_heading_text(source: str, text: str) -> None:
    assert heading_text(source) == text


@pytest.mark.parametrize("line, spans", [
    ("no code", []),
    ("a `b` c", [(2, 5)]),
    ("``a ` b`` c `d`", [(0, 9), (12, 15)]),
    ("`a`` b `c`", [(0, 8)]),  # the run of two is not a closer for a run of one: the next single is
    ("\\`a` `b`", [(3, 6)]),
    ("\\\\`a`", [(2, 5)]),
    ("` unclosed", []),
    ("``", []),
])
def test_code_spans_in_line(line: str, spans: list[tuple[int, int]]) -> None:
    assert checks.code_spans_in_line(line) == spans


def test_unique_id_matches_python_markdown() -> None:
    from markdown.extensions.toc import unique

    samples = ["intro", "intro", "a", "a", "", "a_1", "a_3", "a", "a", "b_2", "b", "b", "b_1", "", "_1", "a_2"]
    for seeded in (set(), {"intro", "a_2", "b_1"}):
        ours: set[str] = set(seeded)
        theirs: set[str] = set(seeded)
        ours_cache: dict[str, int] = {}
        theirs_cache: dict[str, int] = {}
        assert [unique_id(s, ours, ours_cache) for s in samples] == [unique(s, theirs, theirs_cache) for s in samples]


@pytest.mark.parametrize("lines, depths", [
    (["- a", "    - b", "        - c"], [1, 2, 3]),
    (["- a", "  - b", "    - c"], [1, 2, 3]),  # any deeper indent counts as a level
    (["1. a", "    2. b", "- c"], [1, 2, 1]),
    (["- a", "", "    - b", "    text", "- c"], [1, 0, 2, 0, 1]),
    (["- a", "    - b", "paragraph", "    - c"], [1, 2, 0, 1]),
    (["> - a", ">     - b"], [1, 2]),
    (["\t- a", "\t\t- b"], [1, 2]),
    (["* * *", "-", "-not a list"], [1, 1, 0]),
    ([" " * (4 * i) + "- x" for i in range(12)], list(range(1, 13))),
])
def test_list_depths(lines: list[str], depths: list[int]) -> None:
    assert list_depths(lines) == depths


# --------------------------------------------------------------------------------------------------
# Code versus active HTML: what looks like code is only trusted when rendering confirms it.

@pytest.mark.parametrize("body, codes", [
    ("`<script>alert(1)</script>`", []),
    ("```\n<script>alert(1)</script>\n```", []),
    ("<div>\n```\n<script>alert(1)</script>\n```\n</div>", []),
    ("<!-- <script>alert(1)</script> -->", []),
    ("<div>\n\n`<script>alert(1)</script>`\n\n</div>", ["MH301"]),  # raw HTML: backticks are not code
    ("# Title `\n<script>alert(1)</script>` x", ["MH301"]),
    ("``` \n<script>alert(1)</script>", ["MH301"]),  # a fence that is never closed
    ("```{.html onclick=\"alert(1)\"}\nx\n```", []),  # superfences drops on* attributes: confirmed inert
    ("<img src=p.png alt=\"a>b\" x=y> onerror=alert(1) <b>x</b>", ["MH302"]),
    ("<IMG SRC=p.png ONERROR=alert(1)>", ["MH302"]),
    ("<img/src=p.png/onerror=alert(1)>", ["MH302"]),
    ("<a href=\"java&#x0A;script:alert(1)\">x</a>", ["MH303"]),
    ("<a href='&#x20;javascript:alert(1)'>x</a>", ["MH303"]),
    ("<object data=\"x.swf\"></object>", ["MH301"]),
    ("<SCRIPT SRC=//x.example/a.js></SCRIPT>", ["MH301", "MH304"]),
    ("<a ping=\"https://tracker.example/\" href=\"https://example.org/\">x</a>", ["MH304"]),
    ("![x][logo]\n\n[logo]: https://tracker.example/logo.png", ["MH304"]),
    ("<video poster=\"//cdn.example/p.jpg\"></video>", ["MH304"]),
    ("<style>\n@import 'x.css';\n</style>", ["MH305"]),
    ("<p style=\"width: expression(alert(1))\">x</p>", ["MH305"]),
    ("Turn it on = off, or `onclick=` in code", []),
    ("[ok](https://example.org/) and <https://example.org/>", []),
    ("Personal data: what is it?", []),
])
def test_active_html(body: str, codes: list[str], vocabulary: Vocabulary) -> None:
    findings = check_file("x.md", f"# T\n\n{body}\n".encode(), kind="page", lang="en", vocabulary=vocabulary)
    assert sorted(f.code for f in findings) == sorted(codes)


def test_render_extensions_match_mkdocs_yml() -> None:
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    section = config.split("\nmarkdown_extensions:\n", 1)[1]
    names = re.findall(r"^  - ([\w.]+)", section, re.M)
    # Snippets are left out on purpose: the checker reads no files; included files are checked on their own.
    # So are facts: they render only the registry's own text and links, and an unknown id is MH802.
    assert set(names) - {"pymdownx.snippets", "handbook.facts_markdown"} <= set(checks.RENDER_EXTENSIONS)
    assert set(checks.RENDER_EXTENSIONS) - set(names) <= {"toc", "tables", "fenced_code"}


# --------------------------------------------------------------------------------------------------
# Front matter details.

CHAPTER_META = ("title: Travel\ndescription: Safe trips.\ntags: [travel]\nlevel: beginner\nduration: 60\n"
                "last_reviewed: 2026-01-10\nreview_by: 2026-07-10\nteaching: 15\nobjectives: [Pack a phone, Forget a network]\n")


@pytest.mark.parametrize("old, new, codes", [
    ("", "", []),
    ("beginner", "guru", ["MH110"]),
    ("60", "600", ["MH110"]),
    ("60", "'60'", ["MH104"]),
    ("2026-07-10", "2025-07-10", ["MH110"]),
    ("[travel]", "[]", ["MH103"]),
    ("[travel]", "[cats]", ["MH106"]),
    ("Travel", "Tra*vel", ["MH108"]),
    ("review_by: 2026-07-10\n", "", ["MH103"]),
    ("2026-01-10", "'soon'", ["MH105"]),
])
def test_chapter_meta_rules(old: str, new: str, codes: list[str], vocabulary: Vocabulary) -> None:
    """The chapter rules of the content model (one implementation: handbook.checks.meta)."""
    text = f"---\n{CHAPTER_META.replace(old, new) if old else CHAPTER_META}---\n\n# Travel\n"
    findings = check_file("c.md", text.encode(), kind="chapter", lang="en", vocabulary=vocabulary)
    assert sorted(f.code for f in findings) == codes, [str(f) for f in findings]


@pytest.mark.parametrize("meta, kind, lang, codes", [
    ("title: Home\n", "page", "en", []),
    ("title: ایک ترجمہ شدہ پوسٹ\ndescription: صرف عنوان اور تفصیل۔\n", "post", "ur", []),  # a translated post
    ("description: No title\n", "page", "en", []),  # the page has an H1, as MkDocs would use
    ("title: عنوان\ndescription: تفصیل\n", "post", "ur", []),
    ("title: عنوان\n", "post", "ur", ["MH103"]),
    ("date: 2024-01-02\ntitle: T\ndescription: D\nslug: t\nauthors: [drf]\ncategories: [Human Rights & Technology]\n"
     "tags: [privacy]\n", "post", "en", []),
    ("date: 2024-01-02 10:30:00\ntitle: T\ndescription: D\nslug: t\nauthors: drf\ncategories: [human-rights-technology]\n"
     "tags: [privacy]\n", "post", "en", ["MH104"]),
    ("date: {created: 2024-01-02}\ntitle: T\ndescription: D\nslug: t\nauthors: [drf]\n"
     "categories: [انسانی حقوق اور ٹیکنالوجی]\ntags: [privacy]\n", "post", "en", []),
    ("date: '2024-01-02'\ntitle: T\ndescription: D\nslug: t-1\nauthors: [drf]\ncategories: [Human Rights & Technology]\n"
     "tags: [privacy, 7]\n", "post", "en", ["MH104", "MH105"]),
    ("title: [a, b]\ntags: privacy\n", "page", "en", ["MH104", "MH104"]),
    ("title: x\x07\n", "page", "en", ["MH101"]),
    ("title: a\tb\n", "page", "en", []),  # MkDocs (libyaml) reads a tab inside a value: not an error
    ("title: a\n\tdescription: b\n", "page", "en", ["MH101"]),  # a tab as indentation is
])
def test_front_matter_rules(meta: str, kind: str, lang: str, codes: list[str], vocabulary: Vocabulary) -> None:
    text = f"---\n{meta}---\n\n# Heading\n"
    findings = check_file("p.md", text.encode(), kind=kind, lang=lang, vocabulary=vocabulary)
    assert sorted(f.code for f in findings) == sorted(codes)


def test_pages_without_front_matter_or_heading_need_a_title(vocabulary: Vocabulary) -> None:
    findings = check_file("p.md", b"Just text.\n", kind="page", lang="en", vocabulary=vocabulary)
    assert [(f.code, f.line, f.col) for f in findings] == [("MH103", 1, 1)]
    chapter = check_file("c.md", b"# Chapter\n", kind="chapter", lang="en", vocabulary=vocabulary)
    assert len([f for f in chapter if f.code == "MH103"]) == 9


def test_snippet_include_paths(vocabulary: Vocabulary) -> None:
    """Includes resolve inside snippets/ (mkdocs.yml base_path): only climbing out of it is refused."""
    body = ('--8<-- "glossary/en.md"\n\n--8<-- "glossary/ur.md:2:5"\n\n--8<--\nglossary/en.md\n'
            ';../commented-out-so-skipped\n../read-as-a-path\n--8<--\n\n;--8<-- "../.git/config"\n\n'
            '--8<-- "glossary/../../.git/config"\n\n--8<-- "~/.ssh/id_rsa"\n\n--8<-- "C:/secrets.txt"\n\n'
            '--8<-- "..\\\\mkdocs.yml"\n\n```text\n--8<-- "/etc/hostname"\n```\n')
    findings = check_file("p.md", f"# T\n\n{body}".encode(), kind="page", lang="en", vocabulary=vocabulary)
    # Line 10 is a path inside a block; line 22 is inside fenced code, where the include still happens.
    assert [(f.code, f.line) for f in findings] == [("MH501", n) for n in (10, 15, 17, 19, 21, 24)]


def test_snippets_folder_is_checked_too(tmp_path: Path, vocabulary: Vocabulary) -> None:
    docs = tmp_path / "docs"
    (docs / "en").mkdir(parents=True)
    (docs / "en" / "index.md").write_text("# Home\n", "utf-8")
    glossary = tmp_path / "snippets" / "glossary"
    glossary.mkdir(parents=True)
    (glossary / "en.md").write_text("*[PECA]: Prevention of Electronic Crimes Act\n", "utf-8")
    (glossary / "ur.md").write_text("---\n*[A]: b\n<script>alert(1)</script>\n", "utf-8")
    (glossary / "extra.html").write_text('<img src="https://tracker.example/p.gif">\n', "utf-8")
    found = [(Path(f.path).name, f.code, f.line, f.col) for f in check_tree(docs, vocabulary=vocabulary)]
    assert found == [("extra.html", "MH304", 1, 11), ("ur.md", "MH301", 3, 1)]
    assert check_tree(docs, vocabulary=vocabulary, snippets_dir=tmp_path / "nowhere") == []


def test_crlf_and_bom_positions(vocabulary: Vocabulary) -> None:
    text = "\ufeff---\r\ntitle: A *b*\r\n---\r\n\r\n# A\r\n\r\n<script>x</script>\r\n"
    findings = check_file("p.md", text.encode(), kind="page", lang="en", vocabulary=vocabulary)
    assert [(f.code, f.line, f.col) for f in findings] == [("MH108", 2, 10), ("MH301", 7, 1)]


def test_invisible_characters_in_contexts(vocabulary: Vocabulary) -> None:
    body = ("# T\n\nپاس\u200cورڈ اور\u200f متن\u200b۔\n\n"           # prose: all allowed
            "`a\u200cb` [x](https://a.example/\u200f) <https://b.example/\u00ad>\n\n"
            "```\nc\u2060d\n```\n\n<a href=\"https://c.example/\u200d\">x</a>\n\n[r]: https://d.example/\U000e0041\n")
    findings = check_file("p.md", ("\ufeff" + body).encode(), kind="page", lang="ur", vocabulary=vocabulary)
    assert [(f.code, f.line) for f in findings] == [("MH402", 5)] * 3 + [("MH402", 8), ("MH402", 11), ("MH402", 13)]


# --------------------------------------------------------------------------------------------------
# The real content.

def test_real_content_has_no_findings(vocabulary: Vocabulary) -> None:
    findings = check_tree(ROOT / "docs", vocabulary=vocabulary)
    assert not findings, "\n".join(map(str, findings))
