"""What a reader downloads for search, and what indexing costs the build: ours against Material's.

For each size (today's 10 posts, and 1,000 posts by default) this copies the project into a temporary
folder, grows docs/en/blog/posts by cycling the real posts under new slugs and dates (with their Urdu
translations, where they exist), and builds it twice in this process:

- with this site's search (hooks/search.py), timing the hook's work (collecting pages, writing the index);
- with Material's search plugin put back as it was configured before (one index for both languages),
  timing that plugin's events and i18n's merging of the index.

It then simulates a first search from the written files, as search.js does it (manifest, the term shards
of the words typed, the document chunks of the 10 results shown), and prints the gzipped bytes of those
files against the gzipped bytes of Material's search_index.json, which every page fetched on load.

    .venv/bin/python benchmarks/search_size.py                 # today's size and 1,000 posts
    .venv/bin/python benchmarks/search_size.py --posts 10      # quicker
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from handbook.search_index import shard_of  # noqa: E402
from handbook.search_text import shard_file, tokens  # noqa: E402

QUERIES = {"en": ["password manager", "phone hacked", "harassment"],
           "ur": ["پاس ورڈ مینیجر", "ہراسانی", "فون ہیک"]}
RESULTS = 10
PREFIX_FACTOR = 0.7
# Material's search plugin as mkdocs.yml configured it before this site had its own search.
MATERIAL_SEARCH = """  - search:
      separator: '[\\s\\u200b\\-_,:!=\\[\\]()"`/،؛؟۔«»]+|\\.(?!\\d)|&[lg]t;|(?!\\b)(?=[A-Z][a-z])'
"""


def gz(data: bytes) -> int:
    """Bytes on the wire for a static server's usual gzip level."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def grow_posts(project: Path, total: int) -> None:
    """Cycle the real posts (and their Urdu translations) under new slugs and dates up to `total` posts."""
    posts = sorted((project / "docs/en/blog/posts").glob("*.md"))
    start = dt.date(2018, 1, 1)
    for n in range(total - len(posts)):
        source = posts[n % len(posts)]
        name = f"{source.stem}-{n}.md"
        text = source.read_text("utf-8")
        text = re.sub(r"^slug: .*$", f"slug: {source.stem}-{n}", text, count=1, flags=re.M)
        text = re.sub(r"^date: .*$", f"date: {start + dt.timedelta(days=n)}", text, count=1, flags=re.M)
        (project / "docs/en/blog/posts" / name).write_text(text, "utf-8")
        urdu = project / "docs/ur/blog/posts" / source.name
        if urdu.is_file():
            shutil.copy(urdu, project / "docs/ur/blog/posts" / name)


def copy_project(target: Path, posts: int) -> Path:
    """A copy of the project to build, with `posts` English posts."""
    for folder in ("hooks", "overrides", "data", "docs", "snippets"):
        shutil.copytree(ROOT / folder, target / folder)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    grow_posts(target, posts)
    return target


def with_material_search(project: Path) -> None:
    """Put Material's search plugin back in the copy's mkdocs.yml (i18n merges it per language by default)."""
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(text.replace("plugins:\n", "plugins:\n" + MATERIAL_SEARCH, 1), "utf-8")


def timed(owner: object, name: str, totals: dict[str, float]) -> None:
    """Wrap owner.name so that the seconds spent in it add up in totals[name]."""
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        began = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            totals[name] += time.process_time() - began

    setattr(owner, name, wrapper)


def build(project: Path, site: Path, material: bool) -> tuple[float, float]:
    """Build in this process; (seconds of search indexing, seconds of the whole build), CPU time."""
    from material.plugins.search.plugin import SearchPlugin
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs_static_i18n.plugin import I18n

    from handbook import search_pages

    os.environ.update({"HANDBOOK_ROOT": str(project), "SITE_DIR": str(site), "NO_MKDOCS_2_WARNING": "1"})
    totals: dict[str, float] = defaultdict(float)
    saved = {name: getattr(search_pages, name) for name in ("collect", "write")}
    saved_material = {name: getattr(SearchPlugin, name) for name in ("on_page_context", "on_post_build")}
    saved_i18n = I18n.reconfigure_search_index
    if material:
        for name in saved_material:
            timed(SearchPlugin, name, totals)
        timed(I18n, "reconfigure_search_index", totals)
    else:
        for name in saved:
            timed(search_pages, name, totals)
    cwd = os.getcwd()
    try:
        os.chdir(project)
        began = time.process_time()
        mkdocs_build(load_config(str(project / "mkdocs.yml")))
        whole = time.process_time() - began
    finally:
        os.chdir(cwd)
        for name, function in saved.items():
            setattr(search_pages, name, function)
        for name, function in saved_material.items():
            setattr(SearchPlugin, name, function)
        I18n.reconfigure_search_index = saved_i18n
    return sum(totals.values()), whole


def _registered(path: Path) -> object:
    text = path.read_text("utf-8")
    return json.loads(text[text.index(",") + 1:text.rindex(");")])


def first_search(index: Path, query: str) -> tuple[int, int, list[str]]:
    """(files, gzipped bytes) a first search for `query` fetches, and the titles it shows, as search.js does."""
    fetched = [index / "manifest.js"]
    manifest = _registered(fetched[0])
    keys = set(manifest["shards"])
    terms = list(dict.fromkeys(t for t in tokens(query) if len(t) >= 2))
    per_term = []
    for term in terms:
        key = shard_of(term, keys)
        hits: dict[tuple[int, int], float] = {}
        if key is not None:
            fetched.append(index / f"{shard_file(key)}.js")
            for word, plist in _registered(fetched[-1]).items():
                factor = 1 if word == term else PREFIX_FACTOR if word.startswith(term) else 0
                for i in range(0, len(plist) * bool(factor), 3):
                    where = (plist[i], plist[i + 1])
                    hits[where] = max(hits.get(where, 0), plist[i + 2] * factor)
        per_term.append(hits)
    sections: dict[tuple[int, int], list[float]] = defaultdict(lambda: [0, 0.0])
    for hits in per_term:
        for where, weight in hits.items():
            sections[where][0] += 1
            sections[where][1] += weight
    pages: dict[int, tuple[int, float]] = {}
    for (page, _), (words, score) in sections.items():
        pages[page] = max(pages.get(page, (0, 0.0)), (words, score))
    shown = sorted(pages, key=lambda p: (-pages[p][0], -pages[p][1], p))[:RESULTS]
    starts = manifest["chunks"]
    chunks = sorted({max(n for n, s in enumerate(starts) if s <= page) for page in shown})
    records = {}
    for n in chunks:
        fetched.append(index / f"d-{n}.js")
        for offset, record in enumerate(_registered(fetched[-1])):
            records[starts[n] + offset] = record
    titles = [records[p][0] for p in shown]
    return len(fetched), sum(gz(p.read_bytes()) for p in fetched), titles


def measure(posts: int, material: bool = True) -> None:
    """Build one size both ways (or ours only) and print the figures."""
    with tempfile.TemporaryDirectory(prefix="search-size-") as tmp:
        project = copy_project(Path(tmp) / "project", posts)
        ours, ours_build = build(project, Path(tmp) / "ours", material=False)
        theirs = theirs_build = 0.0
        material_index = b""
        if material:
            with_material_search(project)
            theirs, theirs_build = build(project, Path(tmp) / "material", material=True)
            material_index = (Path(tmp) / "material" / "search" / "search_index.json").read_bytes()
        script = (ROOT / "overrides/assets/javascripts/search.js").read_bytes()
        print(f"\n## {posts} English posts")
        if material:
            print(f"Material: search_index.json {len(material_index) / 1024:,.0f} KB, {gz(material_index) / 1024:,.1f} KB gzipped,"
                  " fetched on every page load, both languages")
        print(f"Ours: 0 bytes on page load; search.js {gz(script) / 1024:.1f} KB gzipped (deferred, cached, every page)")
        for lang, folder in (("en", "search"), ("ur", "ur/search")):
            index = Path(tmp) / "ours" / folder
            files = list(index.glob("*.js"))
            print(f"  {lang} index: {len(files)} files, {sum(f.stat().st_size for f in files) / 1024:,.0f} KB on disk")
            for query in QUERIES[lang]:
                count, size, titles = first_search(index, query)
                share = f" ({100 * size / gz(material_index):.1f} % of Material's)" if material else ""
                print(f"  first search {query!r}: {count} files, {size / 1024:.1f} KB gzipped{share}; "
                      f"top: {titles[0] if titles else '-'}")
        print(f"Indexing CPU time: ours {ours:.2f} s of a {ours_build:.1f} s build"
              + (f"; Material's (plugin + i18n merge) {theirs:.2f} s of a {theirs_build:.1f} s build" if material else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, nargs="+", default=[10, 1000], help="English posts per build")
    parser.add_argument("--no-material", action="store_true", help="build ours only (Material's build doubles the time)")
    args = parser.parse_args()
    for posts in args.posts:
        measure(posts, material=not args.no_material)


if __name__ == "__main__":
    main()
