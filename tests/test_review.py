"""Review dates that expire: the pure rules with a fixed today, `handbook review`, and a small bilingual build."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest

from handbook import review
from handbook.cli import main

from conftest import CHAPTER_META, MINIMAL_PAGES, make_project, run_build

TODAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize("review_by, state", [
    (dt.date(2026, 11, 29), "expired"),
    (dt.date(2026, 11, 30), "due"),       # the day itself is not past it yet
    (dt.date(2026, 12, 30), "due"),       # 30 days ahead
    (dt.date(2026, 12, 31), "current"),
])
def test_review_state(review_by: dt.date, state: str) -> None:
    assert review.review_state(review_by, TODAY) == state


@pytest.mark.parametrize("meta, expected", [
    ({"last_reviewed": dt.date(2026, 5, 1), "review_by": dt.date(2026, 11, 1)}, (dt.date(2026, 5, 1), dt.date(2026, 11, 1))),
    ({"last_reviewed": dt.date(2026, 5, 1), "review_by": dt.date(2027, 5, 1)}, (dt.date(2026, 5, 1), None)),
    ({"last_reviewed": "soon", "review_by": "2026-01-01"}, (None, None)),   # text, not dates: MH105 reports it
    ({}, (None, None)),
])
def test_page_review(meta: dict, expected: tuple) -> None:
    assert review.page_review(meta, TODAY) == expected


def _project(tmp_path, review_by: str, checked: str = "2026-11-30"):
    project = tmp_path / "p"
    (project / "data").mkdir(parents=True)
    (project / "mkdocs.yml").write_text("site_name: t\n", "utf-8")
    (project / "data" / "facts.yml").write_text(
        "max_age_days: 180\nfacts:\n  drf-helpline:\n    type: phone\n    value: 0800-39393\n"
        f"    name: {{en: DRF}}\n    source: https://digitalrightsfoundation.pk/\n    checked: {checked}\n", "utf-8")
    for lang in ("en", "ur"):
        chapter = project / "docs" / lang / "handbook" / "x.md"
        chapter.parent.mkdir(parents=True)
        chapter.write_text(f"---\ntitle: X\nlast_reviewed: 2026-05-01\nreview_by: {review_by}\n---\n\n# X\n", "utf-8")
    return project


@pytest.mark.parametrize("review_by, checked, argv, code, words", [
    ("2027-05-01", "2026-11-30", [], 0, ["no chapter is past review_by", "no registry entry is due"]),
    ("2026-12-15", "2026-11-30", ["--fail-on", "expired"], 0, ["due      review_by 2026-12-15  docs/en/handbook/x.md",
                                                                "docs/ur/handbook/x.md"]),
    ("2026-11-01", "2026-11-30", [], 0, ["expired  review_by 2026-11-01  docs/en/handbook/x.md  (last reviewed 2026-05-01)"]),
    ("2026-11-01", "2026-11-30", ["--fail-on", "expired"], 1, ["2 chapter(s) or registry entries past their date"]),
    ("2027-05-01", "2026-05-01", ["--fail-on", "expired"], 1, ["expired  due 2026-10-28  data/facts.yml:3 drf-helpline"]),
    ("2027-05-01", "2026-06-10", ["--fail-on", "expired"], 0, ["due      due 2026-12-07  data/facts.yml:3 drf-helpline"]),
    ("2027-05-01", "2026-02-30", [], 1, ["data/facts.yml:8: fact 'drf-helpline': 'checked' is not a real date"]),
])
def test_handbook_review(tmp_path, capsys, review_by, checked, argv, code, words) -> None:
    project = _project(tmp_path, review_by, checked)
    assert main(["--root", str(project), "review", "--today", TODAY.isoformat(), *argv]) == code
    out = capsys.readouterr()
    for word in words:
        assert word in out.out + out.err, f"handbook review printed:\n{out.out}{out.err}"


def test_review_refuses_a_malformed_today(tmp_path, capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--root", str(_project(tmp_path, "2027-01-01")), "review", "--today", "2026-13-01"])
    assert caught.value.code == 2 and "is not a date: write YYYY-MM-DD" in capsys.readouterr().err


class _Page(HTMLParser):
    """Text by class: the review notice, 'Last reviewed', and every fact's number, link and note."""

    WATCHED = ("mahfooz-review-expired", "mahfooz-reviewed", "mahfooz-fact-value", "mahfooz-fact-note")

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, list[str]] = {name: [] for name in self.WATCHED}
        self.hrefs: list[str] = []
        self._open: list[str | None] = []

    def handle_starttag(self, tag, attrs) -> None:
        classes = (dict(attrs).get("class") or "").split()
        name = next((c for c in classes if c in self.WATCHED), None)
        if name == "mahfooz-fact-value":
            self.hrefs.append(dict(attrs).get("href") or "")
        if name:
            self.found[name].append("")
        self._open.append(name)

    def handle_endtag(self, tag) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data) -> None:
        for name in self._open:
            if name:
                self.found[name][-1] += data


CHAPTER_BODY = ("\n## In this chapter {{#in-this-chapter}}\n\n- One.\n\n## Help {{#help}}\n\n{call} [[fact:drf-helpline]].\n\n"
                "## Checklist {{#checklist}}\n\n- [ ] Save [[fact:drf-helpline]].\n\n## If things go wrong {{#if-things-go-wrong}}\n\n"
                "Call.\n\n## Workshop activity {{#workshop-activity}}\n\n10 minutes.\n\n!!! trainer \"Notes\"\n\n    Notes.\n\n"
                "## Further reading {{#further-reading}}\n\n- DRF.\n")


def test_a_built_chapter_shows_facts_and_review_dates_in_each_language(tmp_path) -> None:
    meta = CHAPTER_META.replace("review_by: 2027-05-29", "review_by: 2026-12-01")
    pages = {
        "en/handbook/x.md": f"---\ntitle: X\ntags: [privacy]\n{meta}---\n\n# X\n\nIntro.\n" + CHAPTER_BODY.format(call="Call DRF on"),
        "ur/handbook/x.md": f"---\ntitle: ایکس\ntags: [privacy]\n{meta}---\n\n# ایکس\n\nتعارف۔\n"
        + CHAPTER_BODY.format(call="ڈی آر ایف کو فون کریں:"),
    }
    project = make_project(tmp_path, {**MINIMAL_PAGES, **pages}, ["index.md", "handbook/x.md", "about/index.md"])
    built_on = int(dt.datetime(2026, 12, 5, tzinfo=dt.timezone.utc).timestamp())  # after review_by: the notice shows
    result = run_build(project, tmp_path / "site", extra_env={"SOURCE_DATE_EPOCH": str(built_on)})
    assert result.returncode == 0, result.output[-3000:]
    expected = {
        "en": ("handbook/x/index.html", "This chapter was due for review on 1 December 2026",
               "Last reviewed on 29 November 2026", "toll-free, 9 am to 5 pm, every day; checked on 30 November 2026"),
        "ur": ("ur/handbook/x/index.html", "اس باب پر 1 دسمبر 2026 تک نظرِ ثانی ہونی تھی",
               "آخری نظرِ ثانی: 29 نومبر 2026", "ٹول فری، ہر روز صبح 9 سے شام 5 بجے تک؛ 30 نومبر 2026 کو تصدیق کی گئی"),
    }
    for lang, (path, notice, reviewed, note) in expected.items():
        page = _Page()
        page.feed((tmp_path / "site" / path).read_text("utf-8"))
        assert len(page.found["mahfooz-review-expired"]) == 1 and notice in page.found["mahfooz-review-expired"][0], \
            f"{lang}: a chapter past its review date shows readers a dated notice in their language"
        assert [t.strip() for t in page.found["mahfooz-reviewed"]] == [reviewed], f"{lang}: 'Last reviewed' is shown once"
        assert page.found["mahfooz-fact-value"] == ["0800-39393", "0800-39393"] and page.hrefs == ["tel:080039393"] * 2, \
            f"{lang}: each [[fact:drf-helpline]] shows the number as a link to dial it"
        assert [n.strip("()") for n in page.found["mahfooz-fact-note"]] == [note, note], \
            f"{lang}: beside every number, its hours, cost and checked date in the reader's language"
    home = _Page()
    home.feed((tmp_path / "site" / "index.html").read_text("utf-8"))
    assert home.found["mahfooz-reviewed"] == [] and home.found["mahfooz-review-expired"] == [], "only chapters carry review dates"
