"""Workshop rules of a chapter (MH701-MH704): a timing line that adds up and fits `duration`, materials that exist.

A chapter's workshop is `teaching` minutes (front matter) and then its activity, whose minutes are written on
the first line of the activity section (handbook.activity). Together they must fit the chapter's `duration`,
which is what the workshop agenda gives it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from handbook import activity
from handbook.checks.findings import Finding, Report
from handbook.checks.source import Source
from handbook.kinds import CHAPTERS_DIR
from handbook.markdown_scan import lines_with_offsets

TIMING_EXAMPLE = "**Name of the activity (45 minutes: 10 to introduce, 25 in pairs, 10 to discuss).**"


def _minutes(meta: dict, key: str) -> int | None:
    value = meta.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def check_workshop_timing(src: Source, report: Report) -> None:
    """MH701 no timing on the activity's first line, MH702 parts that do not add up, MH703 longer than `duration`."""
    if src.kind != "chapter" or src.fm.meta is None:
        return
    found = activity.timing_line(src.text[src.body_start:])
    if found is None:
        return  # a chapter without the section is reported by the content model's structure rules
    number, line = found
    offset = lines_with_offsets(src.text, src.body_start)[number - 1][0]
    timing = activity.parse_timing(line)
    if timing is None:
        report.add(offset, "MH701", "the workshop activity does not say how many minutes it takes",
                   f"start the section with its timing, e.g. {TIMING_EXAMPLE}")
        return
    if timing.parts and sum(timing.parts) != timing.total:
        report.add(offset, "MH702", f"the activity's parts add up to {sum(timing.parts)} minutes, "
                   f"not the {timing.total} it says", "make the parts add up to the total")
    teaching, duration = _minutes(src.fm.meta, "teaching"), _minutes(src.fm.meta, "duration")
    if teaching is not None and duration is not None and teaching + timing.total > duration:
        duration_line = src.positions(src.fm.value_offset("duration", src.lead))[0]
        report.add(offset, "MH703", f"the workshop needs {teaching} minutes of teaching + {timing.total} of "
                   f"activity = {teaching + timing.total}, more than the chapter's duration of {duration} "
                   f"(line {duration_line})", "shorten the activity or the teaching, or raise 'duration'")


def chapter_materials(src: Source) -> list[tuple[int, str]]:
    """(line in the file, handout id) of each material a chapter's activity links to."""
    if src.kind != "chapter" or src.fm.meta is None:
        return []
    first_line = src.positions(src.body_start)[0]
    page = f"{CHAPTERS_DIR}/chapter.md"  # every chapter sits directly in handbook/
    return [(first_line + m.line - 1, m.id) for m in activity.materials(src.text[src.body_start:], page)]


def material_findings(path: str, lang: str, materials: list[tuple[int, str]],
                      existing: Mapping[str, Collection[str]], default_lang: str) -> list[Finding]:
    """MH704 for each handout the activity links to that is missing in the chapter's language or the default one."""
    findings = []
    for line, handout in materials:
        missing = [language for language in dict.fromkeys((lang, default_lang))
                   if activity.handout_rel(handout) not in existing.get(language, ())]
        if missing:
            files = ", ".join(f"docs/{language}/{activity.handout_rel(handout)}" for language in missing)
            findings.append(Finding(path, line, 1, "MH704",
                                    f"the activity names the material '{handout}', which has no handout {files}",
                                    "write the handout in every language of the chapter, or fix the link"))
    return findings
