"""Guidance on Telegram, group set-ups, caller-ID and SIM records, and hidden trackers, in both built languages.

These check what a reader relies on in the built pages (parsed HTML, not the Markdown): the messaging table
never calls Telegram end-to-end encrypted by default, the SIM check is a link to text the short code from the
registry, and every section that tells a reader to act also tells them where to get help.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import BuildResult

LANGS = ["en", "ur"]
YES = {"en": "Yes", "ur": "ہاں"}


def page(site: BuildResult, lang: str, chapter: str) -> BeautifulSoup:
    prefix = "" if lang == "en" else "ur/"
    return site.html(f"{prefix}handbook/{chapter}/index.html")


def section(soup: BeautifulSoup, section_id: str) -> list[Tag]:
    """The elements from a section's h2 up to the next h2."""
    heading = soup.find(id=section_id)
    assert heading is not None and heading.name == "h2", f"section #{section_id} is missing"
    elements = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        elements.append(sibling)
    return elements


def links_in(elements: list[Tag]) -> list[str]:
    return [a.get("href", "") for element in elements for a in element.find_all("a")]


def text_of(elements: list[Tag]) -> str:
    return " ".join(element.get_text(" ") for element in elements)


@pytest.mark.parametrize("lang", LANGS)
def test_the_messaging_table_never_calls_telegram_encrypted_by_default(site: BuildResult, lang: str) -> None:
    table = section(page(site, lang, "secure-messaging"), "what-encryption-protects")
    rows = [row for element in table for row in element.find_all("tr") if "Telegram" in row.get_text()]
    assert len(rows) == 1, f"{lang}: the messaging table has no Telegram row"
    protected = rows[0].find_all("td")[1].get_text(" ", strip=True)
    assert not protected.startswith(YES[lang]), f"{lang}: the table tells readers Telegram protects content: {protected}"


@pytest.mark.parametrize("lang, chapter, section_id, must_link", [
    (lang, *case) for lang in LANGS for case in [
        ("secure-messaging", "telegram", "../online-harassment/#group-set-ups"),
        ("online-harassment", "group-set-ups", "../secure-messaging/#whatsapp-settings"),
        ("online-harassment", "caller-id-and-sim-records", "sms:668"),
        ("devices", "trackers", "#if-you-suspect-stalkerware"),
    ]
])
def test_each_new_section_links_where_the_reader_acts(site: BuildResult, lang: str, chapter: str,
                                                      section_id: str, must_link: str) -> None:
    links = links_in(section(page(site, lang, chapter), section_id))
    assert must_link in links, f"{lang}/{chapter}#{section_id}: no link to {must_link}; it has {links}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_sim_check_is_a_short_code_to_text_not_a_number_to_call(site: BuildResult, lang: str) -> None:
    elements = section(page(site, lang, "online-harassment"), "caller-id-and-sim-records")
    facts = [span for element in elements for span in element.select(".mahfooz-fact")]
    hrefs = [span.select_one(".mahfooz-fact-value").get("href") for span in facts]
    assert "sms:668" in hrefs and "tel:668" not in hrefs, f"{lang}: tapping 668 should open a text message: {hrefs}"
    notes = [span.select_one(".mahfooz-fact-note").get_text() for span in facts]
    assert all("2026" in note for note in notes), f"{lang}: a number on the page does not say when it was checked"


@pytest.mark.parametrize("lang, chapter, section_id", [
    (lang, chapter, section_id) for lang in LANGS for chapter, section_id in [
        ("online-harassment", "group-set-ups"),
        ("online-harassment", "caller-id-and-sim-records"),
        ("devices", "trackers"),
    ]
])
def test_sections_that_ask_readers_to_act_give_the_helpline(site: BuildResult, lang: str, chapter: str,
                                                            section_id: str) -> None:
    elements = section(page(site, lang, chapter), section_id)
    assert "tel:080039393" in links_in(elements), f"{lang}/{chapter}#{section_id}: no DRF helpline to call"
    assert "0800-39393" in text_of(elements)
