"""The `handbook` command line."""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
from pathlib import Path

from handbook import __version__
from handbook.archive import ArchiveError, import_archive
from handbook.paths import ProjectNotFound, project_root
from handbook.vocabulary import VocabularyError, load_vocabulary


def _cmd_import_archive(args: argparse.Namespace) -> int:
    source = Path(args.file)
    try:
        raw = source.read_bytes()
    except OSError as error:
        print(f"{source}: cannot read: {error.strerror}", file=sys.stderr)
        return 1
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        print(f"{source}:{line}: not valid UTF-8 (save the file as UTF-8 and try again)", file=sys.stderr)
        return 1
    root = args.root
    posts_dir = root / "docs" / "en" / "blog" / "posts"
    try:
        result = import_archive(
            text,
            source=str(source),
            posts_dir=posts_dir,
            vocabulary=load_vocabulary(root / "data" / "vocabulary.yml"),
            author=args.author,
            overwrite=args.overwrite,
        )
    except (ArchiveError, VocabularyError) as error:
        print(str(error), file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{error.filename}: cannot read: {error.strerror}", file=sys.stderr)
        return 1
    for path in result.written:
        print(f"wrote   {path.relative_to(root)}")
    for path in result.skipped:
        print(f"kept    {path.relative_to(root)} (exists; --overwrite replaces it)")
    print(f"{len(result.written)} written, {len(result.skipped)} kept")
    return 0


def _mkdocs(root: Path, command: str, extra: list[str], *, offline: bool = False, site_dir: Path | None = None,
            capture: bool = False) -> subprocess.CompletedProcess[str]:
    """Run mkdocs on this project (the offline copy with `offline`) in a subprocess."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_ROOT": str(root)}
    if offline:
        env["HANDBOOK_OFFLINE"] = "true"
        site_dir = site_dir or root / "site-offline"
    if site_dir is not None:
        env["SITE_DIR"] = str(Path(site_dir).resolve())
    cmd = [sys.executable, "-m", "mkdocs", command, "--config-file", str(root / "mkdocs.yml"), *extra]
    return subprocess.run(cmd, cwd=root, env=env, capture_output=capture, text=True)


def _cmd_build(args: argparse.Namespace) -> int:
    code = _mkdocs(args.root, "build", ["--strict"], offline=args.offline,
                   site_dir=Path(args.site_dir) if args.site_dir else None).returncode
    if code == 0:
        where = args.site_dir or ("site-offline" if args.offline else os.environ.get("SITE_DIR") or "site")
        print(f"built {'the offline copy' if args.offline else 'the site'} into {where}/")
    return code


def _cmd_serve(args: argparse.Namespace) -> int:
    return _mkdocs(args.root, "serve", ["--dev-addr", args.dev_addr]).returncode


def _cmd_workshop(args: argparse.Namespace) -> int:
    import tempfile
    import zipfile

    from handbook import workshop
    from handbook.pdf import PdfError, PrintJob, print_pages

    root = args.root
    try:
        data = workshop.load_agenda_file(Path(args.agenda)) if args.agenda else {}
        plan = workshop.make_plan(
            root,
            chapters=list(args.chapters or data.get("chapters") or []),
            languages=list(args.lang or data.get("languages") or ["en"]),
            date=str(args.date or data.get("date") or ""),
            venue=str(args.venue or data.get("venue") or ""),
            start=str(args.start or data.get("start") or "10:00"),
        )
    except workshop.WorkshopError as error:
        print(f"handbook workshop: {error}", file=sys.stderr)
        return 1
    target = Path(args.output or workshop.default_name(plan)).resolve()
    with tempfile.TemporaryDirectory(prefix="workshop-") as tmp:
        pack = Path(tmp) / "pack"
        print(f"[1/4] building the offline site ({', '.join(plan.languages)} and every other language)", flush=True)
        build = _mkdocs(root, "build", ["--strict"], offline=True, site_dir=pack / "site", capture=True)
        if build.returncode != 0:
            print(build.stdout + build.stderr, file=sys.stderr)
            print("handbook workshop: the site does not build; fix the errors above", file=sys.stderr)
            return 1
        # The agenda first: it is printed with the handouts (pdf/agenda.pdf, one page per language).
        (pack / "agenda.html").write_text(workshop.render_agenda(root, plan), encoding="utf-8")
        jobs = [PrintJob(pack / "agenda.html", pack / "pdf" / "agenda.pdf")]
        jobs += [PrintJob(pack / "site" / page, pack / "pdf" / pdf) for page, pdf in workshop.print_targets(plan)]
        try:
            for done, job in enumerate(print_pages(jobs), start=1):
                print(f"[2/4] printed {done}/{len(jobs)}: {job.output.relative_to(pack)}", flush=True)
        except PdfError as error:
            print(f"handbook workshop: {error}", file=sys.stderr)
            return 1
        print("[3/4] writing the checksums", flush=True)
        sums = workshop.sha256sums(pack)
        (pack / "SHA256SUMS").write_text(sums, encoding="utf-8")
        print(f"[4/4] zipping and verifying {target.name}", flush=True)
        workshop.write_zip(pack, target)
        check = Path(tmp) / "check"
        with zipfile.ZipFile(target) as archive:
            archive.extractall(check)
        bad = workshop.verify_sums(check, (check / "SHA256SUMS").read_text("utf-8"))
        if bad:
            print(f"handbook workshop: checksums do not match for {', '.join(bad)}", file=sys.stderr)
            return 1
    files = len(sums.splitlines())
    print(f"wrote {target} ({target.stat().st_size // 1024} KiB, {files} files, checksums verified)")
    print("open agenda.html in the zip first; verify on another machine with: sha256sum -c SHA256SUMS")
    return 0


def _git_commit(root: Path) -> str:
    """The commit the project is at, or '' outside a git checkout."""
    try:
        done = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True)
    except FileNotFoundError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def _cmd_release(args: argparse.Namespace) -> int:
    import shutil
    import tempfile

    from handbook import release

    root = args.root
    try:
        version = release.check_version(args.version)
    except release.ReleaseError as error:
        print(f"handbook release: {error}", file=sys.stderr)
        return 1
    key = Path(args.key).resolve() if args.key else None
    if key is not None and not key.is_file():
        print(f"handbook release: {key}: no such key file", file=sys.stderr)
        return 1
    output = Path(args.output).resolve()
    target = output / release.zip_name(version)
    with tempfile.TemporaryDirectory(prefix="release-") as tmp:
        pack = Path(tmp) / "pack"
        print("[1/3] building the offline copy", flush=True)
        build = _mkdocs(root, "build", ["--strict"], offline=True, site_dir=pack / "site", capture=True)
        if build.returncode != 0:
            print(build.stdout + build.stderr, file=sys.stderr)
            print("handbook release: the site does not build; fix the errors above", file=sys.stderr)
            return 1
        (pack / release.NOTE).write_text(release.release_note(version, _git_commit(root)), encoding="utf-8")
        print(f"[2/3] writing {target.name} with {release.MANIFEST}"
              f"{' and its signature' if key else ' (unsigned: no --key)'}", flush=True)
        output.mkdir(parents=True, exist_ok=True)
        try:
            release.write_release(pack, target, key)
        except release.ReleaseError as error:
            print(f"handbook release: {error}", file=sys.stderr)
            return 1
        shutil.rmtree(pack)
    if key is None:
        print(f"wrote {target} (unsigned: `handbook verify` refuses it until it is signed in CI)")
        return 0
    print("[3/3] verifying it as a trainer would, then signing the list of zips published beside it", flush=True)
    if _verify(target, Path(args.signers) if args.signers else root / release.SIGNERS) != 0:
        return 1
    sums = output / release.MANIFEST
    try:
        sums.write_text(release.outer_sums([target]), encoding="utf-8")
        release.sign(sums, key)
    except release.ReleaseError as error:
        print(f"handbook release: {error}", file=sys.stderr)
        return 1
    print(f"publish: {target}, {sums}, {output / release.SIGNATURE}")
    return 0


def _verify(target: Path, signers: Path) -> int:
    """Check a release zip and print the verdict; 0 only when the copy is exactly what was signed."""
    from handbook import release

    try:
        signers_text = signers.read_text(encoding="utf-8")
    except OSError as error:
        print(f"handbook verify: {signers}: cannot read the key file: {error.strerror}", file=sys.stderr)
        return 1
    try:
        report = release.verify_zip(target, signers_text, str(signers))
    except release.ReleaseError as error:
        print(f"handbook verify: {error}", file=sys.stderr)
        return 1
    print(f"checking {target}")
    if report.signer:
        print(f"  signed by: {report.signer} ({report.fingerprint})")
    for problem in report.problems:
        print(f"  {problem}", file=sys.stderr)
    if report.ok:
        print(f"  files: all {report.listed} listed in {release.MANIFEST} are present and unchanged; nothing extra")
        print(f"VERIFIED: {report.note or target.name} is exactly what the Mahfooz release key signed.")
        return 0
    print(f"NOT VERIFIED: {len(report.problems)} problem(s) above. Do not open or pass on this copy; get a fresh "
          "one from the website or from the trainer who made it.", file=sys.stderr)
    return 1


def _cmd_verify(args: argparse.Namespace) -> int:
    from handbook import release

    target = Path(args.zip)
    if not target.is_file():
        print(f"handbook verify: {target}: no such file", file=sys.stderr)
        return 1
    if args.signers:
        signers = Path(args.signers)
    elif args.root is not None:
        signers = args.root / release.SIGNERS
    else:
        print("handbook verify: outside a clone of the handbook, name the key file with --signers FILE (the "
              "allowed_signers text printed on the \"For trainers\" page)", file=sys.stderr)
        return 1
    return _verify(target, signers)


def _translation_languages(docs: Path, default: str = "en") -> list[str]:
    return sorted(p.name for p in docs.iterdir() if p.is_dir() and p.name != default and any(p.rglob("*.md")))


def _cmd_translations(args: argparse.Namespace) -> int:
    from handbook import translations

    root = args.root
    docs = root / "docs"
    languages = args.lang or _translation_languages(docs)
    if args.mark_current:
        target = Path(args.mark_current)
        relative = target.resolve().relative_to(docs.resolve()) if target.is_absolute() or target.exists() else target
        parts = relative.parts
        if len(parts) < 2 or parts[0] == "en" or not (docs / relative).is_file():
            print(f"{args.mark_current}: not a translation (give a file under docs/<language>/, "
                  f"e.g. docs/ur/handbook/passwords.md)", file=sys.stderr)
            return 1
        lang, path = parts[0], "/".join(parts[1:])
        if not (docs / "en" / path).is_file():
            print(f"{args.mark_current}:1: page has no English source docs/en/{path}", file=sys.stderr)
            return 1
        changed = translations.stamp(docs, lang, path)
        print(f"{'recorded' if changed else 'already recorded'}: docs/{lang}/{path} matches the current English")
        return 0
    statuses = {lang: translations.scan(docs, lang) for lang in languages}
    summaries = {lang: translations.summarise(found) for lang, found in statuses.items()}
    print(translations.format_report(summaries, statuses, verbose=args.verbose), end="")
    problems = [m for found in statuses.values() for status in found for m in status.messages()]
    for message in problems:
        print(message, file=sys.stderr)
    failing = {"outdated": ("outdated", "untracked"), "missing": ("missing",)}
    fail = bool(problems)
    for state in args.fail_on or []:
        fail |= any(s.state in failing[state] for found in statuses.values() for s in found)
    return 1 if fail else 0


def _cmd_related(args: argparse.Namespace) -> int:
    from handbook import related_site, ui
    from handbook.vocabulary import load_vocabulary

    root = args.root
    docs = root / "docs"
    languages = args.lang or ["en"]
    vocabulary = load_vocabulary(root / "data" / "vocabulary.yml")
    for lang in languages:
        if not (docs / lang).is_dir():
            print(f"handbook related: no docs/{lang}/ folder", file=sys.stderr)
            return 1
        try:
            links, sources = related_site.rank_language(docs, lang, k=args.k)
        except related_site.RelatedError as error:
            print(str(error), file=sys.stderr)
            return 1
        strings = ui.strings(lang, root / "data" / "ui.yml")
        print(related_site.format_table(links, sources, why=args.why, lang=lang, vocabulary=vocabulary,
                                        strings=strings), end="")
    return 0


def _iso_day(text: str) -> str:
    """An argparse type: a real YYYY-MM-DD date (kept as text)."""
    import datetime as dt

    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write YYYY-MM-DD") from None
    return text


def _today(args: argparse.Namespace):
    """The day to judge review and checked dates by: --today (for tests and planning), else today."""
    import datetime as dt

    return dt.date.fromisoformat(args.today) if getattr(args, "today", None) else dt.date.today()


def _cmd_check(args: argparse.Namespace) -> int:
    from handbook.checks import check_tree

    root = args.root
    docs = root / "docs"
    paths = [Path(p).resolve() for p in args.paths] or None
    for path in paths or []:
        if not path.exists():
            print(f"{path}: no such file", file=sys.stderr)
            return 1
    if paths:  # a folder stands for every Markdown file in it
        paths = [f for p in paths for f in (sorted(p.rglob("*.md")) if p.is_dir() else [p])]
    findings = check_tree(docs, vocabulary=load_vocabulary(root / "data" / "vocabulary.yml"), paths=paths,
                          today=_today(args), in_two_processes=True)
    for finding in findings:
        print(finding.relative_to(root))
    checked = "the given files" if paths else "all content"
    if findings:
        files = len({f.path for f in findings})
        print(f"{len(findings)} problem(s) in {files} file(s); nothing is published until they are fixed",
              file=sys.stderr)
        return 1
    print(f"checked {checked}: no problems")
    return 0


def _cmd_review(args: argparse.Namespace) -> int:
    from handbook import facts, review

    root, today = args.root, _today(args)
    try:
        registry = facts.load_registry(root)
    except facts.RegistryError as error:
        print(f"handbook review: the registry of facts cannot be used:\n{error}", file=sys.stderr)
        return 1
    chapters = review.chapter_reviews(root / "docs", today)
    due = facts.due_facts(registry, today, within_days=review.SOON_DAYS)
    for line in review.report_lines(root, chapters, due, registry, today):
        print(line)
    expired = sum(c.state == "expired" for c in chapters) + sum(due_on < today for _, due_on in due)
    if "expired" in (args.fail_on or []) and expired:
        print(f"{expired} chapter(s) or registry entries past their date: review them, then update "
              "last_reviewed/review_by or checked", file=sys.stderr)
        return 1
    return 0


def _cmd_font(args: argparse.Namespace) -> int:
    from handbook import fonts

    root = args.root
    source, target = root / fonts.SOURCE_FONT, root / fonts.SUBSET_FONT
    if not source.is_file():
        print(f"{fonts.SOURCE_FONT}: the source font is missing (restore it with git checkout)", file=sys.stderr)
        return 1
    source_bytes = source.read_bytes()
    source_cmap = fonts.cmap_of(source_bytes)
    where: dict[str, str] = {}
    for text_source in fonts.urdu_sources(root):
        for char in fonts.characters([text_source.text]):
            where.setdefault(char, text_source.name)
    drawn = {char for char in where if ord(char) in source_cmap}
    for char in sorted(c for c in where if fonts.in_font_ranges(ord(c)) and ord(c) not in source_cmap):
        print(f"note: {fonts.describe_char(char)} (first in {where[char]}) has no glyph in Noto Nastaliq Urdu",
              file=sys.stderr)
    old = target.read_bytes() if target.is_file() else b""
    if args.check:
        cmap = fonts.cmap_of(old) if old else set()
        missing = sorted(c for c in drawn if ord(c) not in cmap)
        for char in missing:
            print(f"{fonts.SUBSET_FONT}: lacks {fonts.describe_char(char)}, used in {where[char]}", file=sys.stderr)
        if missing:
            print(f"{len(missing)} character(s) missing: run `handbook font` and commit {fonts.SUBSET_FONT}",
                  file=sys.stderr)
            return 1
        print(f"{fonts.SUBSET_FONT} draws all {len(drawn)} characters the Urdu content needs from it")
        return 0
    new = fonts.subset(source_bytes, drawn)
    if new != old:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(new)
    print(f"characters: {len(where)} in the Urdu content, {len(drawn)} drawn by Noto Nastaliq Urdu "
          f"(the rest by the reader's system fonts); the subset maps {len(fonts.cmap_of(new))}")
    print(f"bytes: source {fonts.SOURCE_FONT} {len(source_bytes):,} ({len(source_cmap)} characters); "
          f"subset before {format(len(old), ',') if old else 'none'}, after {len(new):,}")
    print(f"{'wrote' if new != old else 'unchanged:'} {fonts.SUBSET_FONT}")
    return 0


def _cmd_new(args: argparse.Namespace) -> int:
    from handbook import scaffold

    root = args.root
    vocabulary = load_vocabulary(root / "data" / "vocabulary.yml")
    tags = [t.strip() for t in (args.tags or "").split(",") if t.strip()]
    try:
        if args.kind == "chapter":
            path = scaffold.new_chapter(root, args.title, tags, vocabulary, level=args.level, duration=args.duration)
            hint = "added to the Handbook section of the nav in mkdocs.yml"
        elif args.kind == "post":
            path = scaffold.new_post(root, args.title, tags, vocabulary)
            hint = "posts are listed by the blog on their own"
        elif args.kind == "page":
            path = scaffold.new_page(root, args.title)
            hint = "add it to the nav in mkdocs.yml where readers should find it"
        else:
            path = scaffold.new_translation(root, Path(args.title), args.lang)
            hint = (f"translate each section, then record it: handbook translations --mark-current "
                    f"{path.relative_to(root)}")
    except scaffold.ScaffoldError as error:
        print(f"handbook new: {error}", file=sys.stderr)
        return 1
    print(f"created {path.relative_to(root)} ({hint})")
    print("next: write it, run `handbook check`, and preview it with `make serve`")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    parser = argparse.ArgumentParser(prog="handbook", description="Build and maintain the Mahfooz handbook.")
    parser.add_argument("--version", action="version", version=f"handbook {__version__}")
    parser.add_argument("--root", metavar="PATH", help="the project folder (default: $HANDBOOK_ROOT, else the "
                        "nearest folder with mkdocs.yml from here upward)")
    # Also accepted after the command (handbook check --root PATH); SUPPRESS keeps it from hiding the first.
    at_end = argparse.ArgumentParser(add_help=False)
    at_end.add_argument("--root", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser = functools.partial(commands.add_parser, parents=[at_end])

    imp = commands.add_parser(
        "import-archive",
        help="import posts from the old blog's plain-text archive into docs/en/blog/posts/",
        description="Import posts from the old blog's plain-text archive. Refuses malformed input, naming the line.",
    )
    imp.add_argument("file", help="the archive text file, e.g. ../shared/seed/blog-archive.txt")
    imp.add_argument("--author", default="drf", help="author id from docs/en/blog/.authors.yml (default: drf)")
    imp.add_argument("--overwrite", action="store_true", help="replace posts that already exist")
    imp.set_defaults(func=_cmd_import_archive)

    build = commands.add_parser(
        "build", help="build the whole site, both languages, with every check (strict)",
        description="Build the site into site/ (or --site-dir). With --offline, build the copy for USB sticks "
        "into site-offline/: it opens from file:// with no server and no internet, search included.",
    )
    build.add_argument("--offline", action="store_true", help="build the offline copy (file://) instead")
    build.add_argument("--site-dir", help="where to write the site")
    build.set_defaults(func=_cmd_build)

    pack = commands.add_parser(
        "workshop", help="make a workshop pack: offline site, chapter PDFs, handouts, agenda, checksums, in one zip",
        description="Make one zip for a workshop without internet: the offline site, each chapter's PDF, checklist "
        "and facilitator handouts in each language, an agenda with times from each chapter's duration, and a "
        "SHA256SUMS file. Example: handbook workshop passwords account-security online-harassment --lang ur "
        "--date 2026-12-05 --venue 'Lahore Press Club'",
    )
    pack.add_argument("chapters", nargs="*", help="chapter slugs, in order (file names in docs/en/handbook/)")
    pack.add_argument("--agenda", help="a YAML file with chapters (and optionally languages, date, venue, start)")
    pack.add_argument("--lang", action="append", help="a language of the pack (repeat for more; default en)")
    pack.add_argument("--date", help="the workshop date, YYYY-MM-DD")
    pack.add_argument("--venue", help="where it takes place, e.g. 'Lahore Press Club'")
    pack.add_argument("--start", help="start time, HH:MM (default 10:00)")
    pack.add_argument("-o", "--output", help="the zip to write (default: workshop-DATE-VENUE-LANGS.zip)")
    pack.set_defaults(func=_cmd_workshop)

    tr = commands.add_parser(
        "translations", help="translation status per language: up to date, outdated, missing; mark pages current",
        description="Report, per language, which translations are up to date, outdated (the English changed since, "
        "with the sections that changed), untracked (no record of what they translate) or missing, with progress "
        "per section. A page with no English source, or whose heading ids differ from it, is an error.",
    )
    tr.add_argument("--lang", action="append", help="only this language (repeatable; default: every docs/<lang>/)")
    tr.add_argument("--fail-on", action="append", choices=["outdated", "missing"],
                    help="exit 1 if any page is outdated (or untracked) / missing; for CI")
    tr.add_argument("--mark-current", metavar="PATH",
                    help="record that this translation (docs/<lang>/...) now matches the current English")
    tr.add_argument("-v", "--verbose", action="store_true", help="also list every missing page")
    tr.set_defaults(func=_cmd_translations)

    rel = commands.add_parser(
        "related", help="print the cross-link table (chapters -> posts, posts -> chapters) for editors to review",
        description="Print, for each chapter, the posts the site links from it, and for each post, the chapters. "
        "With --why, the score and the reason of each link. Pin a link with `related: [path]` in the page's "
        "front matter, or hide one with `unrelated: [path]` (paths inside docs/en/, e.g. handbook/devices.md).",
    )
    rel.add_argument("--lang", action="append", help="language of the table (repeatable; default en)")
    rel.add_argument("--why", action="store_true", help="show the score and reason of every link")
    rel.add_argument("-k", type=int, default=4, help="links per page (default 4, as on the site)")
    rel.set_defaults(func=_cmd_related)

    new = commands.add_parser(
        "new", help="start a chapter, post, page or translation with valid front matter",
        description="Create a file with valid front matter and the expected structure in the right folder. "
        "Examples: handbook new chapter 'Protecting your location' --tags privacy,devices ; "
        "handbook new post 'Training in Quetta' --tags training ; handbook new page 'Partners' ; "
        "handbook new translation docs/en/handbook/passwords.md --lang ur",
    )
    new.add_argument("kind", choices=["chapter", "post", "page", "translation"])
    new.add_argument("title", help="the title (for a translation: the English file to translate)")
    new.add_argument("--tags", help="comma-separated tag ids from data/vocabulary.yml (chapters and posts)")
    new.add_argument("--level", default="beginner", help="chapter level: beginner, intermediate or advanced")
    new.add_argument("--duration", type=int, default=60, help="chapter: minutes to teach it (default 60)")
    new.add_argument("--lang", default="ur", help="translation: the language (default ur)")
    new.set_defaults(func=_cmd_new)

    check = commands.add_parser(
        "check", help="check content for errors and anything unsafe; prints path:line:col: CODE message (hint)",
        description="Check every page (or the given files or folders): front matter, dates, tags, titles, links "
        "and anchors in every language, raw HTML that runs or loads anything, resources from other hosts, "
        "hidden direction and formatting characters, snippet includes. The build runs the same checks.",
    )
    check.add_argument("paths", nargs="*", help="files or folders to report on (default: everything)")
    check.add_argument("--today", type=_iso_day, help=argparse.SUPPRESS)
    check.set_defaults(func=_cmd_check)

    rev = commands.add_parser(
        "review", help="list chapters past review_by or due within 30 days, and registry entries due a check",
        description="List the chapters (every language) whose review_by date has passed or falls within 30 days, "
        "and the entries of data/facts.yml checked longer ago than its max_age_days (or about to be). "
        "With --fail-on expired, exit 1 if anything is already past its date (for CI).",
    )
    rev.add_argument("--fail-on", action="append", choices=["expired"], help="exit 1 if anything is past its date")
    rev.add_argument("--today", type=_iso_day, help="judge dates as on this day, YYYY-MM-DD (default: today)")
    rev.set_defaults(func=_cmd_review)

    font = commands.add_parser(
        "font", help="regenerate the Urdu font subset from the characters Urdu pages use; --check verifies it",
        description="Cut Noto Nastaliq Urdu (fonts/source/) down to every character Urdu pages can show: "
        "docs/ur, the Urdu strings of data/, mkdocs.yml and the glossary, Material's Urdu interface, digits and "
        "punctuation. Keeps every OpenType layout feature, drops hinting, writes WOFF2 to "
        "overrides/assets/fonts/. Prints the characters and bytes before and after. With --check, writes "
        "nothing and exits 1 if the committed subset lacks a character the content uses.",
    )
    font.add_argument("--check", action="store_true", help="only verify the committed subset (for CI)")
    font.set_defaults(func=_cmd_font)

    rel_ = commands.add_parser(
        "release", help="build the offline copy as a release zip with SHA256SUMS, signed with --key",
        description="Build the offline copy and zip it with RELEASE.txt, a SHA256SUMS of every file and, with "
        "--key, an OpenSSH signature of that list (ssh-keygen -Y sign -n file). Also writes SHA256SUMS of the zip "
        "and its signature beside it, then verifies the zip against snippets/release/allowed_signers. The key is "
        "a CI secret, never in the repository. Example: handbook release --version v1.2.0 --key KEYFILE -o dist",
    )
    rel_.add_argument("--version", required=True, help="the release's name, e.g. v1.2.0 (used in the file name)")
    rel_.add_argument("--key", help="the OpenSSH private key to sign with (omit for an unsigned trial zip)")
    rel_.add_argument("-o", "--output", default="dist", help="folder to write the zip and SHA256SUMS to (dist)")
    rel_.add_argument("--signers", help="allowed_signers to verify with (default snippets/release/allowed_signers)")
    rel_.set_defaults(func=_cmd_release)

    ver = commands.add_parser(
        "verify", help="check a release zip: its signature, and every file against SHA256SUMS",
        description="Check that a release zip is exactly what the Mahfooz release key signed: the signature of "
        "SHA256SUMS against allowed_signers, then every member against SHA256SUMS (none changed, missing or "
        "extra). Names each problem's member; exit 1 on any. Works outside a clone with --signers FILE.",
    )
    ver.add_argument("zip", help="the release zip, e.g. mahfooz-offline-v1.2.0.zip")
    ver.add_argument("--signers", help="allowed_signers file (default: the project's snippets/release/allowed_signers)")
    ver.set_defaults(func=_cmd_verify, root_optional=True)

    serve = commands.add_parser("serve", help="preview the site at http://127.0.0.1:8000, rebuilding on changes")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    serve.set_defaults(func=_cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        args.root = project_root(args.root)
    except ProjectNotFound as error:
        if args.root is not None or not getattr(args, "root_optional", False):
            print(f"handbook: {error}", file=sys.stderr)
            return 1
        args.root = None  # `handbook verify --signers FILE` works on a trainer's machine without a clone
    try:
        return int(args.func(args))
    except FileNotFoundError as error:
        print(f"handbook: {error.filename}: missing; is {args.root} a clone of the handbook?", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
