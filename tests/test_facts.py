"""The registry of facts (data/facts.yml) and `[[fact:ID]]`: parsing, every bad input, rendering per language."""

from __future__ import annotations

import datetime as dt
import textwrap
from html.parser import HTMLParser

import markdown
import pytest
from mkdocs.exceptions import PluginError

from handbook import facts, ui
from handbook.dates import format_day
from handbook.facts_markdown import fact_view

from conftest import ROOT

GOOD = textwrap.dedent("""\
    max_age_days: 90
    facts:
      drf-helpline:
        type: phone
        value: 0800-39393
        name: {en: DRF Cyber Harassment Helpline, ur: ڈی آر ایف کی سائبر ہراسمنٹ ہیلپ لائن}
        cost: {en: toll-free, ur: ٹول فری}
        source: https://digitalrightsfoundation.pk/
        checked: 2026-11-30
      help-desk:
        type: email
        value: help@example.org
        name: {en: Help desk}
        source: https://example.org/contact
        checked: 2026-06-01
      peca-s20:
        type: law
        act: {en: Prevention of Electronic Crimes Act 2016}
        section: "20"
        label: {en: s.20, ur: دفعہ 20}
        status: partly struck down
        source: https://example.org/peca
        checked: 2026-11-30
    """)


def entry(**fields: str) -> str:
    """A registry with one phone entry whose fields are replaced or added (a value of None drops the field)."""
    base = {"type": "phone", "value": "0800-39393", "name": "{en: Helpline}", "source": "https://example.org/",
            "checked": "2026-11-30"}
    base.update(fields)
    lines = "".join(f"    {key}: {value}\n" for key, value in base.items() if value is not None)
    return f"facts:\n  a-line:\n{lines}"


def test_a_good_registry_parses_every_type() -> None:
    registry = facts.parse_registry(GOOD)
    assert registry.max_age_days == 90
    assert sorted(registry.facts) == ["drf-helpline", "help-desk", "peca-s20"]
    helpline = registry.facts["drf-helpline"]
    assert (helpline.type, helpline.value, helpline.checked, helpline.line) == ("phone", "0800-39393", dt.date(2026, 11, 30), 3)
    assert helpline.text("cost", "ur") == "ٹول فری"
    assert registry.facts["help-desk"].text("name", "ur") == "Help desk", "a missing Urdu text falls back to English"
    assert registry.facts["peca-s20"].status == "partly struck down"


@pytest.mark.parametrize("text, line, words", [
    (entry(checked="2026-02-30"), 7, "'checked' is not a real date"),
    (entry(checked="30-11-2026"), 7, "'checked' is not a real date"),
    (entry(checked="2026-11-30T10:00"), 7, "'checked' is not a real date"),
    (entry(checked=None), 2, "'checked' is missing"),
    (entry(source=None), 2, "'source' is missing"),
    (entry(source="digitalrightsfoundation.pk"), 6, "'source' must be a web address"),
    (entry(type="fax"), 3, "'type' must be one of"),
    (entry(value="call us"), 4, "is not a phone number"),
    (entry(type="email", value="not-an-address"), 4, "is not an email address"),
    (entry(type="sms", value="text us"), 4, "write the short code readers text"),
    (entry(type="sms", hours="{en: always}"), 8, "unknown field 'hours' for a sms"),
    (entry(name="{ur: ہیلپ لائن}"), 5, "has no English text"),
    (entry(name="Helpline"), 5, "'name' must be a mapping"),
    (entry(colour="red"), 8, "unknown field 'colour'"),
    (entry(hours="{en: [9, 5]}"), 8, "must be plain text"),
    ("facts:\n  A_Line:\n" + entry().split("\n", 2)[2], 2, "is not lower-case ASCII words"),
    (entry() + "  a-line:\n    type: email\n", 8, "'a-line' is given twice in 'facts' (first on line 2)"),
    (entry(value="0800-39393\n    value: 0800-11111"), 5, "'value' is given twice"),
    ("facts:\n  a: [1\n", 3, "not valid YAML"),
    ("", 1, "the registry is empty"),
    ("facts: []\n", 1, "'facts' must be a mapping"),
    ("max_age_days: soon\nfacts: {}\n", 1, "'max_age_days' must be a whole number"),
    ("fact:\n  a: b\n", 1, "unknown top-level key 'fact'"),
    ("facts:\n  s1:\n    type: law\n    act: {en: PECA}\n    section: '1'\n    label: {en: s.1}\n    status: repealed\n"
     "    source: https://example.org/\n    checked: 2026-11-30\n", 7, "'status' must be one of"),
    ("facts:\n  s1:\n    type: law\n    act: {en: PECA}\n    source: https://example.org/\n    checked: 2026-11-30\n",
     2, "'section' is missing"),
])
def test_bad_registry_input_names_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(facts.RegistryError) as caught:
        facts.parse_registry(text, "data/facts.yml")
    message = str(caught.value)
    assert f"data/facts.yml:{line}: " in message and words in message, f"the writer is told:\n{message}"


def test_every_problem_is_reported_at_once() -> None:
    text = entry(checked="2026-13-01") + "  b-line:\n    type: phone\n    value: '1'\n"
    with pytest.raises(facts.RegistryError) as caught:
        facts.parse_registry(text)
    assert len(caught.value.problems) >= 4, str(caught.value)  # bad date; b-line: short number, no name/source/checked


@pytest.mark.parametrize("text, digits", [
    ("0800-39393", "080039393"), ("+92 42 111 222 333", "+9242111222333"), ("۰۸۰۰-۳۹۳۹۳", "080039393"),
    ("(042) 3571-1234", "04235711234"), ("", ""),
])
def test_digits_of(text: str, digits: str) -> None:
    assert facts.digits_of(text) == digits


@pytest.mark.parametrize("value, found", [
    ("0800 39393", "drf-helpline"), ("080039393", "drf-helpline"), ("HELP@example.org", "help-desk"),
    ("0800-39394", None), ("help@example.com", None),
])
def test_registry_finds_a_contact_by_value(value: str, found: str | None) -> None:
    fact = facts.parse_registry(GOOD).by_value(value)
    assert (fact.id if fact else None) == found


@pytest.mark.parametrize("today, within, due", [
    (dt.date(2026, 8, 29), 0, []),
    (dt.date(2026, 8, 30), 0, ["help-desk"]),            # checked 2026-06-01 + 90 days
    (dt.date(2026, 8, 1), 30, ["help-desk"]),
    (dt.date(2027, 3, 1), 0, ["help-desk", "drf-helpline", "peca-s20"]),
])
def test_due_facts_with_a_fixed_today(today: dt.date, within: int, due: list[str]) -> None:
    registry = facts.parse_registry(GOOD)
    assert [fact.id for fact, _ in facts.due_facts(registry, today, within)] == due


@pytest.mark.parametrize("lang, expected", [("en", "30 November 2026"), ("ur", "30 نومبر 2026"), ("xx", "30 November 2026")])
def test_dates_in_each_language(lang: str, expected: str) -> None:
    assert format_day(dt.date(2026, 11, 30), lang) == expected


@pytest.mark.parametrize("fact_id, lang, text, href, note", [
    ("drf-helpline", "en", "0800-39393", "tel:080039393", "(toll-free; checked on 30 November 2026)"),
    ("drf-helpline", "ur", "0800-39393", "tel:080039393", "(ٹول فری؛ 30 نومبر 2026 کو تصدیق کی گئی)"),
    ("help-desk", "en", "help@example.org", "mailto:help@example.org", "(checked on 1 June 2026)"),
    ("peca-s20", "en", "s.20", "https://example.org/peca", "(partly struck down; checked on 30 November 2026)"),
    ("peca-s20", "ur", "دفعہ 20", "https://example.org/peca", "(جزوی طور پر کالعدم؛ 30 نومبر 2026 کو تصدیق کی گئی)"),
])
def test_what_a_reader_sees(fact_id: str, lang: str, text: str, href: str, note: str) -> None:
    fact = facts.parse_registry(GOOD).facts[fact_id]
    view = fact_view(fact, lang, ui.strings(lang, ROOT / "data" / "ui.yml"))
    assert (view.text, view.href, view.note) == (text, href, note)


SMS = entry(type="sms", value="668", name="{en: PTA SIM check, ur: پی ٹی اے}", cost=None)


def test_an_sms_short_code_is_a_link_to_text_it_not_to_call_it() -> None:
    registry = facts.parse_registry(SMS)
    fact = registry.facts["a-line"]
    view = fact_view(fact, "en", ui.strings("en", ROOT / "data" / "ui.yml"))
    assert (view.text, view.href) == ("668", "sms:668"), "tapping a short code readers must text opens the dialler"
    assert registry.by_value("668") is fact, "a short code typed into a page is matched to its registry entry"


def test_the_sanitiser_keeps_a_link_to_text_a_short_code() -> None:
    from handbook.sanitize import clean

    assert 'href="sms:668"' in clean('<a href="sms:668">668</a>'), "the SMS link of a short code is stripped"


class _Facts(HTMLParser):
    """The text of each rendered fact, its link, and the text of the whole fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_data(self, data: str) -> None:
        self.text += data


def _render(text: str, tmp_path, lang: str = "en") -> _Facts:
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "facts.yml").write_text(GOOD, "utf-8")
    (tmp_path / "data" / "ui.yml").write_text((ROOT / "data" / "ui.yml").read_text("utf-8"), "utf-8")
    html = markdown.markdown(text, extensions=["handbook.facts_markdown", "tables"],
                             extension_configs={"handbook.facts_markdown": {"root": str(tmp_path), "lang": lang}})
    parsed = _Facts()
    parsed.feed(html)
    return parsed


def test_the_extension_renders_facts_in_bold_tables_and_leaves_code_alone(tmp_path) -> None:
    page = _render("Call **[[fact:drf-helpline]]** now.\n\n| who | number |\n| --- | --- |\n| DRF | [[fact:drf-helpline]] |\n\n"
                   "Write `[[fact:drf-helpline]]` in Markdown.\n", tmp_path)
    assert page.links == ["tel:080039393", "tel:080039393"], "each fact is a link to dial the number"
    assert page.text.count("checked on 30 November 2026") == 2
    assert "[[fact:drf-helpline]]" in page.text, "inside code the include is shown, not rendered"


def test_the_extension_renders_in_the_configured_language(tmp_path) -> None:
    assert "30 نومبر 2026 کو تصدیق کی گئی" in _render("[[fact:drf-helpline]]", tmp_path, "ur").text


def test_an_unknown_id_stops_the_render_and_suggests_the_id(tmp_path) -> None:
    with pytest.raises(PluginError, match=r"unknown fact 'drf-helpine'.*did you mean drf-helpline"):
        _render("Call [[fact:drf-helpine]].", tmp_path)


def test_a_broken_registry_stops_the_render_naming_the_line(tmp_path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "facts.yml").write_text(entry(checked="2026-02-30"), "utf-8")
    with pytest.raises(PluginError, match=r"facts\.yml:7: fact 'a-line': 'checked' is not a real date"):
        markdown.markdown("[[fact:a-line]]", extensions=["handbook.facts_markdown"],
                          extension_configs={"handbook.facts_markdown": {"root": str(tmp_path)}})


def test_the_project_registry_is_valid() -> None:
    registry = facts.load_registry(ROOT)
    assert "drf-helpline" in registry.facts, "the DRF helpline, given on most chapters, is in the registry"


@pytest.mark.parametrize("text, found", [
    # numbers and addresses a reader might dial or write to
    ("Call DRF on 0800-39393 now.", [("phone", "0800-39393")]),
    ("Call DRF (0800-39393) now.", [("phone", "0800-39393")]),
    ("Dial +92 42 111 222 333.", [("phone", "+92 42 111 222 333")]),
    ("Ring (042) 3571-1234 today", [("phone", "(042) 3571-1234")]),
    ("UAN 111-345-786", [("phone", "111-345-786")]),
    ("نمبر ۰۸۰۰-۳۹۳۹۳ پر کال کریں", [("phone", "۰۸۰۰-۳۹۳۹۳")]),
    ("Write to help@example.org.", [("email", "help@example.org")]),
    ("[write](mailto:help@example.org)", [("email", "help@example.org")]),
    ("[call](tel:080039393)", [("phone", "080039393")]),
    # numbers guidance is full of, which are not contacts
    ("PECA 2016 and the 2022 ordinance; 2016-2017; 1999-2001", []),
    ("Reviewed 2026-11-29, due 2027-05-29.", []),
    ("ISBN 978-0-596-52068-7 and ISBN: 9780596520687", []),
    ("Section 26A, s.20, Article 19(1) and 9:00 to 17:00", []),
    ("Rs 2,000,000 and 20,020 cases and 3.5 million", []),
    ("mkdocs 1.6.1, router at 192.168.1.1", []),
    ("a count of 12345678 people", []),
    ("an @handle and user@localhost", []),
    ("See https://example.org/2017/04/05/0800-39393/ and [x](../blog/2017-04-05-x.md)", []),
    ("Use [[fact:drf-helpline]] here.", []),
])
def test_prose_contacts(text: str, found: list[tuple[str, str]]) -> None:
    from handbook.checks.facts import prose_contacts

    assert [(kind, value) for _, kind, value in prose_contacts(text)] == found


def _check(tmp_path, page: str, registry: str = GOOD, today: str | None = None, name: str = "en/about/x.md"):
    from handbook.cli import main

    project = tmp_path / "p"
    (project / "data").mkdir(parents=True)
    for data in ("vocabulary.yml", "ui.yml"):
        (project / "data" / data).write_text((ROOT / "data" / data).read_text("utf-8"), "utf-8")
    (project / "data" / "facts.yml").write_text(registry, "utf-8")
    (project / "mkdocs.yml").write_text("site_name: t\n", "utf-8")
    target = project / "docs" / name
    target.parent.mkdir(parents=True)
    target.write_text(page, "utf-8")
    return main(["--root", str(project), "check", str(target)] + (["--today", today] if today else []))


PAGE = "---\ntitle: X\n---\n\n# X\n\n{}\n"


@pytest.mark.parametrize("body, registry, today, code, words", [
    ("Call 0800-39393.", GOOD, "2026-08-01", 1, ["docs/en/about/x.md:7:6: MH803 a phone number written into the text: "
                                        "0800-39393", "write [[fact:drf-helpline]] instead"]),
    ("Call 0300-1234567.", GOOD, "2026-08-01", 1, ["MH803", "add it to data/facts.yml"]),
    ("Write to a@b.org.", GOOD, "2026-08-01", 1, ["x.md:7:10: MH803 an email address written into the text: a@b.org"]),
    ("Call [[fact:drf-helpine]].", GOOD, "2026-08-01", 1, ["x.md:7:6: MH802 unknown fact 'drf-helpine'", "did you mean drf-helpline"]),
    ("Call [[fact:drf-helpline]].", GOOD, "2026-08-01", 0, ["no problems"]),
    ("Call [[fact:drf-helpline]].", GOOD, "2026-09-01", 1,
     ["data/facts.yml:10:1: MH804 fact 'help-desk' was last checked on 2026-06-01, 92 days ago (more than max_age_days: 90)"]),
    ("Call [[fact:a-line]].", entry(checked="2026-02-30"), "2026-08-01", 1,
     ["data/facts.yml:7:1: MH801 fact 'a-line': 'checked' is not a real date", "MH802 unknown fact 'a-line'"]),
    ("`0800-39393` in code, and <!-- 0800-39393 --> in a comment", GOOD, "2026-08-01", 0, ["no problems"]),
])
def test_handbook_check_on_facts(tmp_path, capsys, body, registry, today, code, words) -> None:
    assert _check(tmp_path, PAGE.format(body), registry, today) == code
    out = capsys.readouterr()
    for word in words:
        assert word in out.out + out.err, f"handbook check printed:\n{out.out}{out.err}"


WEB = ("facts:\n  helpdesk:\n    type: web\n    value: https://example.org/help/\n    name: {en: Help desk}\n"
       "    hours: {en: 24 hours a day, ur: چوبیس گھنٹے}\n    source: https://example.org/faq/\n    checked: 2026-11-30\n")


@pytest.mark.parametrize("lang, note", [
    ("en", "(24 hours a day; checked on 30 November 2026)"),
    ("ur", "(چوبیس گھنٹے؛ 30 نومبر 2026 کو تصدیق کی گئی)"),
])
def test_a_web_helpline_links_to_its_page(lang: str, note: str) -> None:
    fact = facts.parse_registry(WEB).facts["helpdesk"]
    view = fact_view(fact, lang, ui.strings(lang, ROOT / "data" / "ui.yml"))
    assert (view.text, view.href, view.note) == ("https://example.org/help/", "https://example.org/help/", note), \
        "a helpline reached through its page shows that page as a link, with its hours and checked date"


@pytest.mark.parametrize("value, words", [
    ("http://example.org/help/", "is not a secure web address"),
    ("example.org/help", "is not a secure web address"),
])
def test_a_web_helpline_needs_a_secure_address(value: str, words: str) -> None:
    with pytest.raises(facts.RegistryError) as caught:
        facts.parse_registry(WEB.replace("https://example.org/help/", value), "data/facts.yml")
    assert "data/facts.yml:4: " in str(caught.value) and words in str(caught.value), str(caught.value)


@pytest.mark.parametrize("value, ok", [("15", True), ("1122", True), ("0311-7786264", True), ("1", False)])
def test_short_emergency_numbers_are_phone_numbers(value: str, ok: bool) -> None:
    registry, problems = facts.read_registry(entry(value=f"'{value}'"))
    assert ("a-line" in registry.facts) is ok, f"{value}: {problems}"
    if ok:
        assert registry.facts["a-line"].value == value
