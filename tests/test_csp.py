"""The Content-Security-Policy, referrer and quick-exit settings: pure functions, then small real builds."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import MINIMAL_PAGES, make_project, run_build
from handbook import csp, quick_exit

# --- which scripts are hashed ------------------------------------------------------------------------

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<script>var a=1</script><script src="x.js"></script><script id="__config" type="application/json">{"search":"w.js"}</script>
</head><body><article class="md-content__inner md-typeset"><div><p>text</p></div><script>alert(1)</script></article>
<div class="md-main__inner"><script>var b="</div>"</script></div></body></html>"""


def test_theme_scripts_are_hashed_and_a_content_script_is_marked() -> None:
    found = [(s.text, s.in_content) for s in csp.inline_scripts(PAGE)]
    assert found == [("var a=1", False), ("alert(1)", True), ('var b="</div>"', False)]


@pytest.mark.parametrize("html, in_content", [
    ('<main class="mahfooz-deck md-typeset"><section><script>x()</script></section></main>', [True]),
    ('<div class="md-typeset"><div></div></div><script>x()</script>', [False]),
    ('<div class="md-typeset"><div><div></div></div><script>x()</script></div>', [True]),
    ('<script type="application/ld+json">{}</script><script type="module">x()</script>', [False]),
])
def test_content_regions_are_tracked_through_nested_elements(html: str, in_content: list[bool]) -> None:
    assert [s.in_content for s in csp.inline_scripts(html)] == in_content


@pytest.mark.parametrize("html, found", [
    ("<!-- <script>hidden()</script> --><script>shown()</script>", [("shown()", False)]),
    ('<div title="a>b" class="md-typeset"><script>x()</script></div>', [("x()", True)]),
    ("<SCRIPT>upper()</SCRIPT ><script>a</script\t>", [("upper()", False), ("a", False)]),
    ('<script SRC="x.js"></script><script type=module>m()</script>', [("m()", False)]),
    ("<style>p::before{content:'<script>no()</script>'}</style>", []),
    ('<div class="md-typeset"/><script>after()</script>', [("after()", False)]),
    ("<p>text<script>unterminated()", [("unterminated()", False)]),
    ("a\r\n<script>x\r\ny</script>", [("x\ny", False)]),
])
def test_scripts_are_found_as_a_browser_tokenizes_them(html: str, found: list[tuple[str, bool]]) -> None:
    assert [(s.text, s.in_content) for s in csp.inline_scripts(html)] == found


class _ReferenceFinder(HTMLParser):
    """The standard library's HTML parser as the oracle the fast scanner is compared with."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[tuple[str, int, bool]] = []
        self.region: tuple[str, int] | None = None
        self.current: list | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        if self.region is not None and tag == self.region[0]:
            self.region = (tag, self.region[1] + 1)
        elif self.region is None and csp.CONTENT_CLASS in (values.get("class") or "").split():
            self.region = (tag, 1)
        if tag == "script" and "src" not in values and (values.get("type") or "").lower() not in csp.NON_SCRIPT_TYPES:
            self.current = ["", self.getpos()[0], self.region is not None]

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.current is not None:
            self.scripts.append(tuple(self.current))
            self.current = None
        if self.region is not None and tag == self.region[0]:
            self.region = (tag, self.region[1] - 1) if self.region[1] > 1 else None

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.current[0] += data


@pytest.mark.parametrize("built", ["site", "offline_site"])
def test_the_fast_scanner_agrees_with_html_parser_on_every_built_page(built: str, request) -> None:
    result = request.getfixturevalue(built)
    pages = sorted(result.site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        html = path.read_text("utf-8")
        oracle = _ReferenceFinder()
        oracle.feed(html)
        oracle.close()
        fast = [(s.text, s.line, s.in_content) for s in csp.inline_scripts(html)]
        assert fast == oracle.scripts, f"{path.relative_to(result.site)}: the CSP would hash different scripts"


def _tag_by_tag(page_html: str) -> list[tuple[str, int, bool]]:
    """The scanner's reading done one token at a time with the same token patterns: every comment, script
    or style element and tag seen by Python. inline_scripts must agree with it on any input; it only skips
    over the tokens that cannot matter in one regex step."""
    html = page_html.replace("\r\n", "\n").replace("\r", "\n")
    tokens = re.compile(f"{csp._COMMENT}|{csp._RAW}|{csp._TAG}", re.S | re.I)
    found, region = [], None
    for match in tokens.finditer(html):
        if match.group("raw"):
            attrs = match.group("rattrs")
            if (match.group("raw").lower() == "script" and not csp._SRC.search(attrs)
                    and csp._attribute(csp._TYPE, attrs).lower() not in csp.NON_SCRIPT_TYPES):
                found.append((match.group("text"), html.count("\n", 0, match.start()) + 1, region is not None))
        elif match.group("tag"):
            tag, attrs = match.group("tag").lower(), match.group("attrs")
            if match.group("end"):
                if region and tag == region[0]:
                    region = (tag, region[1] - 1) if region[1] > 1 else None
            elif attrs.endswith("/"):
                continue
            elif region:
                region = (tag, region[1] + 1) if tag == region[0] else region
            elif csp.CONTENT_CLASS in csp._attribute(csp._CLASS, attrs).split():
                region = (tag, 1)
    return found


_SOUP = ['<div class="md-typeset">', '<div class="x md-typeset y">', "<div class='md-typeset'>", "<div class=md-typeset>",
         '<DIV CLASS="md-typeset">', "</div>", "<div>", "<div/>", '<article class="md-content__inner md-typeset">',
         "</article>", "<article>", "<script>a()</script>", '<script src="x.js"></script>',
         '<script type="application/json">{}</script>', "<SCRIPT>b()</SCRIPT>", "<style>p{}</style>", "<!-- c -->",
         "<!-- <script>x()</script> -->", '<a title="<script>no()</script>">', "<a title='>'>", "text", " < ", "<",
         ">", '"', "'", '<a href="x', "<!--", "<script>", "</script>", '<p data-x="md-typeset">', "<img src=x>",
         "md-typeset", "<b md-typeset>", '<div\nclass="md-typeset"\n>', "\r\n", "\n", "<scriptx>", "</scripts>",
         "<style", "</style >", "<m", "<md-typeset>", "mmm", '<a m="d">', '<m" <', '<p title="md-typeset>">']


def test_the_scanner_reads_any_markup_as_a_token_by_token_reading_does() -> None:
    import random
    rng = random.Random(2026)
    for _ in range(20_000):
        html = "".join(rng.choice(_SOUP) for _ in range(rng.randint(0, 14)))
        fast = [(s.text, s.line, s.in_content) for s in csp.inline_scripts(html)]
        assert fast == _tag_by_tag(html), f"the scanner and a token-by-token reading disagree on {html!r}"


def test_script_hash_is_the_browsers_sha256_in_base64() -> None:
    # The well-known SHA-256 of the empty string, and a script with non-ASCII text hashed as UTF-8.
    assert csp.script_hash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    assert csp.script_hash("ی") != csp.script_hash("ي")


def test_policy_lists_each_hash_once_and_never_unsafe_inline_for_scripts() -> None:
    text = csp.policy(["'sha256-a'", "'sha256-b'", "'sha256-a'"])
    directives = dict(part.split(" ", 1) for part in text.split("; "))
    assert directives["script-src"] == "'self' 'sha256-a' 'sha256-b'"
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'"
    assert "unsafe" not in directives["script-src"] and '"' not in text


def test_secure_head_puts_the_policy_first_and_drops_the_generator() -> None:
    html = ('<html><head>\n<meta charset="utf-8">\n<meta name="viewport" content="x">\n'
            '<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">\n<script>a</script></head></html>')
    out = csp.secure_head(html, "default-src 'self'")
    assert "generator" not in out
    head = re.findall(r"<(meta|script)\b[^>]*>", out)
    assert head[:3] == ["meta", "meta", "meta"]
    assert out.index("Content-Security-Policy") < out.index("<script>") and 'content="no-referrer"' in out


def test_a_page_without_charset_is_refused() -> None:
    with pytest.raises(csp.NoCharset):
        csp.secure_head("<html><head><title>x</title></head></html>", "default-src 'self'")


def test_the_offline_shim_bootstrap_names_the_worker_or_the_build_stops() -> None:
    shim = (Path(__file__).resolve().parents[1] / "overrides/assets/vendor/iframe-worker/shim.js").read_text("utf-8")
    script = csp.shim_bootstrap(shim, "../assets/w.js")
    assert 'filename:"../assets/w.js"' in script and script.startswith("postMessage=function c(")
    with pytest.raises(csp.ShimChanged, match="update SHIM_BOOTSTRAP"):
        csp.shim_bootstrap(shim.replace("importScripts=${d}", "importScripts=${x}"), "w.js")


@pytest.mark.parametrize("html, worker", [
    ('<script id="__config" type="application/json">{"search": "../w.js"}</script>', "../w.js"),
    ('<script id="__config" type="application/json">not json</script>', None),
    ("<p>no config</p>", None),
])
def test_search_worker_is_read_from_the_page_config(html: str, worker: str | None) -> None:
    assert csp.search_worker(html) == worker


# --- the quick exit's destination --------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    (None, quick_exit.DEFAULT_URL),
    ("", quick_exit.DEFAULT_URL),
    (" https://www.bbc.com/urdu ", "https://www.bbc.com/urdu"),
])
def test_quick_exit_url_accepted(value: object, expected: str) -> None:
    assert quick_exit.exit_url(value) == expected


@pytest.mark.parametrize("value", [
    "javascript:alert(1)", "http://www.google.com/", "//www.google.com/", "www.google.com",
    "https://user:pw@example.org/", "data:text/html,hi", 42,
])
def test_quick_exit_url_refused(value: object) -> None:
    with pytest.raises(quick_exit.QuickExitError, match="quick_exit_url"):
        quick_exit.exit_url(value)


def test_key_line_finds_the_setting() -> None:
    assert quick_exit.key_line("a: 1\nextra:\n  quick_exit_url: x\n", "quick_exit_url") == 3
    assert quick_exit.key_line("a: 1\n", "quick_exit_url") is None


# --- real builds ---------------------------------------------------------------------------------------

def test_every_built_page_has_the_policy_first_no_referrer_and_no_generator(tmp_path: Path) -> None:
    from bs4 import BeautifulSoup

    result = run_build(make_project(tmp_path, MINIMAL_PAGES), tmp_path / "site")
    assert result.returncode == 0, result.output[-3000:]
    pages = sorted(result.site.rglob("*.html"))
    assert {"404.html", "ur/404.html", "index.html", "ur/index.html"} <= {p.relative_to(result.site).as_posix() for p in pages}
    for page in pages:
        where = page.relative_to(result.site)
        head = BeautifulSoup(page.read_text("utf-8"), "lxml").head
        first = head.find(["meta", "script", "link"], attrs={"charset": None})
        assert first.get("http-equiv") == "Content-Security-Policy", f"{where}: the policy is not the head's first rule"
        assert "'unsafe-inline'" not in first["content"].split("script-src")[1].split(";")[0], where
        assert head.find("meta", attrs={"name": "referrer", "content": "no-referrer"}), f"{where}: no referrer policy"
        assert not head.find("meta", attrs={"name": "generator"}), f"{where}: the generator meta names our versions"
        exit_link = BeautifulSoup(page.read_text("utf-8"), "lxml").select_one("a[data-quick-exit]")
        assert exit_link and exit_link["href"] == quick_exit.DEFAULT_URL and exit_link["rel"] == ["noreferrer"], where
    urdu = BeautifulSoup((result.site / "ur/404.html").read_text("utf-8"), "lxml").select_one("a[data-quick-exit]")
    assert urdu.get_text(strip=True) == "فوراً نکلیں", "the Urdu 404 page shows the quick exit in English"


def test_a_script_quick_exit_address_stops_the_build_naming_the_line(tmp_path: Path) -> None:
    project = make_project(tmp_path, MINIMAL_PAGES)
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8").replace("quick_exit_url: https://www.google.com/", "quick_exit_url: javascript:alert(1)")
    config.write_text(text, "utf-8")
    line = quick_exit.key_line(text, "quick_exit_url")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"mkdocs.yml:{line}: extra.quick_exit_url is 'javascript:alert(1)'" in result.output, result.output[-2000:]
