"""Workshop packs: one verified zip with the offline site, chapter PDFs, handouts and an agenda."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape

from handbook import activity, frontmatter, trainer, ui
from handbook.kinds import CHAPTERS_DIR
from handbook.vocabulary import ascii_slug

CHAPTER_DIR = Path("docs") / "en" / "handbook"
RTL = ("ur", "ar", "fa", "ps", "sd")
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip entries carry no build time, so the same pack is the same bytes


class WorkshopError(ValueError):
    """A request the pack cannot be made from (unknown chapter, bad date, bad agenda file)."""


@dataclass(frozen=True)
class Handout:
    """A printed material of an activity: its id (file name in trainers/handouts/) and its title."""

    id: str
    title: str


@dataclass(frozen=True)
class AgendaItem:
    """One chapter in the workshop: when it runs, its activity and the handouts the activity needs."""

    slug: str
    title: str
    start: dt.time
    end: dt.time
    minutes: int
    activity: str
    handouts: tuple[Handout, ...] = ()


@dataclass
class Plan:
    """What the trainer asked for."""

    chapters: list[str]
    languages: list[str]
    date: dt.date
    venue: str
    start: dt.time = dt.time(10, 0)
    items: dict[str, list[AgendaItem]] = field(default_factory=dict)


def known_chapters(root: Path) -> list[str]:
    """Chapter slugs, from the English chapter files."""
    return sorted(p.stem for p in (root / CHAPTER_DIR).glob("*.md") if p.name != "index.md")


def parse_time(text: str) -> dt.time:
    """'10:00' or '9:30' as a time."""
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise WorkshopError(f"invalid start time '{text}' (write it as HH:MM, e.g. 10:00)")
    return dt.time(int(match.group(1)), int(match.group(2)))


def parse_date(text: str) -> dt.date:
    """'2026-12-05' as a date."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise WorkshopError(f"invalid date '{text}' (write it as YYYY-MM-DD, e.g. 2026-12-05)") from None


def load_agenda_file(path: Path) -> dict:
    """An agenda file: YAML with chapters, and optionally languages, date, venue, start."""
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise WorkshopError(f"{path}: cannot read the agenda: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("chapters"), list):
        raise WorkshopError(f"{path}: an agenda needs 'chapters: [slug, ...]'")
    return data


def make_plan(root: Path, chapters: list[str], languages: list[str], date: str, venue: str,
              start: str = "10:00") -> Plan:
    """Check the request against the handbook and compute the agenda in every language."""
    known = known_chapters(root)
    unknown = [c for c in chapters if c not in known]
    if unknown:
        raise WorkshopError(f"unknown chapter(s): {', '.join(unknown)} (known: {', '.join(known)})")
    if not chapters:
        raise WorkshopError("name at least one chapter")
    if not venue.strip():
        raise WorkshopError("name the venue, e.g. --venue 'Lahore Press Club'")
    for lang in languages:
        if not (root / "docs" / lang).is_dir():
            raise WorkshopError(f"unknown language '{lang}' (there is no docs/{lang}/ folder)")
    plan = Plan(chapters, languages, parse_date(date), venue.strip(), parse_time(start))
    for lang in languages:
        plan.items[lang] = agenda_items(root, chapters, lang, plan.start)
    return plan


def chapter_source(root: Path, slug: str, lang: str) -> Path:
    """The chapter in a language, or its English source when it is not translated."""
    translated = root / "docs" / lang / "handbook" / f"{slug}.md"
    return translated if translated.is_file() else root / CHAPTER_DIR / f"{slug}.md"


def handout_source(root: Path, handout: str, lang: str) -> Path:
    """A handout in a language, or its English source when it is not translated."""
    translated = root / "docs" / lang / activity.handout_rel(handout)
    return translated if translated.is_file() else root / "docs" / "en" / activity.handout_rel(handout)


def handouts_of(root: Path, body: str, lang: str) -> tuple[Handout, ...]:
    """The handouts a chapter's activity links to, with their titles in the language (missing: WorkshopError)."""
    found = []
    for material in activity.materials(body, f"{CHAPTERS_DIR}/chapter.md"):
        path = handout_source(root, material.id, lang)
        if not path.is_file():
            raise WorkshopError(f"the activity names the handout '{material.id}', which does not exist "
                                f"(run `handbook check`)")
        title = frontmatter.split(path.read_text("utf-8")).meta.get("title", material.id)
        found.append(Handout(material.id, str(title)))
    return tuple(found)


def agenda_items(root: Path, chapters: list[str], lang: str, start: dt.time) -> list[AgendaItem]:
    """Times from each chapter's `duration`, back to back, with each chapter's activity and handouts."""
    moment = dt.datetime.combine(dt.date(2000, 1, 1), start)
    items = []
    for slug in chapters:
        doc = frontmatter.split(chapter_source(root, slug, lang).read_text("utf-8"))
        minutes = int(doc.meta.get("duration") or 60)
        section = trainer.section_body(doc.body, "workshop-activity") or ""
        first = next((line.strip() for line in section.split("\n") if line.strip()), "")
        end = moment + dt.timedelta(minutes=minutes)
        items.append(AgendaItem(slug, str(doc.meta.get("title", slug)), moment.time(), end.time(), minutes,
                                re.sub(r"\]\([^)]*\)|[*_`\[]", "", first), handouts_of(root, doc.body, lang)))
        moment = end
    return items


def print_targets(plan: Plan) -> list[tuple[str, str]]:
    """(page of the offline site, PDF in the pack) for every chapter view and handout of every language."""
    targets = []
    for lang in plan.languages:
        prefix = "" if lang == "en" else f"{lang}/"
        for item in plan.items[lang]:
            for suffix in ("", "-checklist", "-facilitator"):
                targets.append((f"{prefix}{CHAPTERS_DIR}/{item.slug}{suffix}.html", f"{lang}/{item.slug}{suffix}.pdf"))
        handouts = dict.fromkeys(h.id for item in plan.items[lang] for h in item.handouts)  # once per pack
        for handout in handouts:
            targets.append((f"{prefix}{activity.HANDOUTS_DIR}/{handout}.html", f"{lang}/handouts/{handout}.pdf"))
    return targets


def render_agenda(root: Path, plan: Plan) -> str:
    """The agenda page (HTML, every language of the pack), from overrides/partials/agenda.html."""
    env = Environment(loader=FileSystemLoader(str(root / "overrides" / "partials")),
                      autoescape=select_autoescape(["html"]))
    languages = [{"lang": lang, "dir": "rtl" if lang in RTL else "ltr",
                  "ui": ui.strings(lang, root / "data" / "ui.yml"), "agenda": plan.items[lang],
                  "site_prefix": "site/" + ("" if lang == "en" else f"{lang}/")}
                 for lang in plan.languages]
    return env.get_template("agenda.html").render(plan=plan, languages=languages)


def sha256sums(folder: Path) -> str:
    """A SHA256SUMS file (`sha256sum -c` format) for every file under a folder, sorted."""
    lines = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(folder).as_posix()}")
    return "\n".join(lines) + "\n"


def verify_sums(folder: Path, sums: str) -> list[str]:
    """The files whose checksum does not match (or that are missing)."""
    bad = []
    for line in sums.splitlines():
        digest, name = line.split("  ", 1)
        path = folder / name
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            bad.append(name)
    return bad


def write_zip(folder: Path, target: Path) -> None:
    """Zip a folder deterministically (sorted entries, fixed timestamps)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())


def default_name(plan: Plan) -> str:
    """workshop-2026-12-05-lahore-press-club-ur.zip"""
    return f"workshop-{plan.date.isoformat()}-{ascii_slug(plan.venue) or 'venue'}-{'-'.join(plan.languages)}.zip"
