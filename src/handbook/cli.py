"""The `handbook` command line."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from handbook import __version__
from handbook.archive import ArchiveError, import_archive
from handbook.paths import project_root
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
    root = Path(args.root) if args.root else project_root()
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


def _mkdocs(command: str, args: argparse.Namespace, extra: list[str]) -> int:
    root = project_root()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if getattr(args, "offline", False):
        env["HANDBOOK_OFFLINE"] = "true"
        env["SITE_DIR"] = str(Path(args.site_dir or root / "site-offline").resolve())
    elif getattr(args, "site_dir", None):
        env["SITE_DIR"] = str(Path(args.site_dir).resolve())
    cmd = [sys.executable, "-m", "mkdocs", command, "--config-file", str(root / "mkdocs.yml"), *extra]
    return subprocess.run(cmd, cwd=root, env=env).returncode


def _cmd_build(args: argparse.Namespace) -> int:
    code = _mkdocs("build", args, ["--strict"])
    if code == 0:
        where = args.site_dir or ("site-offline" if args.offline else "site")
        print(f"built {'the offline copy' if args.offline else 'the site'} into {where}/")
    return code


def _cmd_serve(args: argparse.Namespace) -> int:
    return _mkdocs("serve", args, ["--dev-addr", args.dev_addr])


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    parser = argparse.ArgumentParser(prog="handbook", description="Build and maintain the Mahfooz handbook.")
    parser.add_argument("--version", action="version", version=f"handbook {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    imp = commands.add_parser(
        "import-archive",
        help="import posts from the old blog's plain-text archive into docs/en/blog/posts/",
        description="Import posts from the old blog's plain-text archive. Refuses malformed input, naming the line.",
    )
    imp.add_argument("file", help="the archive text file, e.g. ../shared/seed/blog-archive.txt")
    imp.add_argument("--author", default="drf", help="author id from docs/en/blog/.authors.yml (default: drf)")
    imp.add_argument("--overwrite", action="store_true", help="replace posts that already exist")
    imp.add_argument("--root", help=argparse.SUPPRESS)
    imp.set_defaults(func=_cmd_import_archive)

    build = commands.add_parser(
        "build", help="build the whole site, both languages, with every check (strict)",
        description="Build the site into site/ (or --site-dir). With --offline, build the copy for USB sticks "
        "into site-offline/: it opens from file:// with no server and no internet, search included.",
    )
    build.add_argument("--offline", action="store_true", help="build the offline copy (file://) instead")
    build.add_argument("--site-dir", help="where to write the site")
    build.set_defaults(func=_cmd_build)

    serve = commands.add_parser("serve", help="preview the site at http://127.0.0.1:8000, rebuilding on changes")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    serve.set_defaults(func=_cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
