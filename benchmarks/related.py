"""Benchmark related-content ranking against the full build of the same synthetic site.

For each size N (default 500 and 5,000) this writes a real MkDocs project into a temporary folder: the
project's configuration, hooks, overrides and data, the 13 real chapters in English and Urdu, and N
synthetic posts in English, each with an Urdu translation. It then measures, in the same run:

- the time of the cross-link computation the build runs for each language (`related_site.rank_language`:
  reading the chapters and posts, then `handbook.related.rank()`; best of a few runs),
- the peak memory of one ranking (tracemalloc, in a separate run: tracing slows code down),
- the wall time of `mkdocs build --strict` of that project (one subprocess),

and prints the rank time as a share of the build, and how rank time grows from the smallest to the
largest size against the ideal (linear) ratio.

    .venv/bin/python benchmarks/related.py                # sizes 500 and 5000
    .venv/bin/python benchmarks/related.py --sizes 500    # quicker
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from handbook import frontmatter  # noqa: E402
from handbook.related_site import rank_language  # noqa: E402
from handbook.vocabulary import load_vocabulary  # noqa: E402

LANGS = ("en", "ur")
WORD = re.compile(r"[^\W\d_][\w\u200c\u0610-\u061a\u064b-\u065f\u0670]*")
SEED = 20140822
RANK_REPEATS = 5


@dataclass
class Language:
    """Word frequencies of one language's real chapters, to draw synthetic prose from."""

    full_stop: str
    words: list[str]
    cumulative: list[int]
    topics: dict[str, tuple[list[str], list[int]]]  # chapter file name -> its own words and weights


def word_model(lang: str) -> Language:
    """Unigram frequencies of the real chapters of a language, overall and per chapter."""
    overall: dict[str, int] = {}
    topics: dict[str, tuple[list[str], list[int]]] = {}
    for path in sorted((ROOT / "docs" / lang / "handbook").glob("*.md")):
        if path.name == "index.md":
            continue
        body = frontmatter.split(path.read_text(encoding="utf-8")).body
        body = re.sub(r"\]\([^)]*\)|`[^`]*`|\{[^}]*\}|https?://\S+", " ", body)
        counts: dict[str, int] = {}
        for word in WORD.findall(body):
            counts[word] = counts.get(word, 0) + 1
            overall[word] = overall.get(word, 0) + 1
        ordered = sorted(counts)
        topics[path.name] = (ordered, _cumulative([counts[w] for w in ordered]))
    ordered = sorted(overall)
    return Language("۔" if lang == "ur" else ".", ordered, _cumulative([overall[w] for w in ordered]), topics)


def _cumulative(weights: list[int]) -> list[int]:
    total, out = 0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


def prose(rng: random.Random, language: Language, topic: str, n: int) -> str:
    """n words of synthetic prose: a third from one chapter's vocabulary, the rest from the language."""
    own_words, own_cumulative = language.topics[topic]
    n_topic = n // 3
    words = rng.choices(own_words, cum_weights=own_cumulative, k=n_topic)
    words += rng.choices(language.words, cum_weights=language.cumulative, k=n - n_topic)
    rng.shuffle(words)
    sentences = [" ".join(words[i:i + 14]) for i in range(0, len(words), 14)]
    paragraphs = [" ".join(s + language.full_stop for s in sentences[i:i + 5]) for i in range(0, len(sentences), 5)]
    return "\n\n".join(paragraphs)


def chapter_tags() -> dict[str, list[str]]:
    """The real tags of every English chapter, by file name."""
    tags = {}
    for path in sorted((ROOT / "docs" / "en" / "handbook").glob("*.md")):
        if path.name != "index.md":
            tags[path.name] = list(frontmatter.split(path.read_text(encoding="utf-8")).meta["tags"])
    return tags


def synthetic_posts(n: int) -> dict[str, str]:
    """n English posts and their Urdu translations, as {path under docs/: text}."""
    rng = random.Random(SEED + n)
    models = {lang: word_model(lang) for lang in LANGS}
    by_chapter = chapter_tags()
    vocabulary_tags = list(load_vocabulary().tags)
    chapters = sorted(by_chapter)
    first = date(2010, 1, 1)
    files: dict[str, str] = {}
    for number in range(n):
        name = f"post-{number:05d}"
        topic = rng.choice(chapters)
        tags = rng.sample(by_chapter[topic], rng.randint(1, min(3, len(by_chapter[topic]))))
        tags += [t for t in rng.sample(vocabulary_tags, rng.randint(0, 2)) if t not in tags]
        day = first + timedelta(days=rng.randrange(5000))
        length = rng.randint(150, 700)
        for lang in LANGS:
            model = models[lang]
            title = prose(rng, model, topic, rng.randint(5, 9)).rstrip(model.full_stop).replace("\n", " ")
            description = prose(rng, model, topic, 18).replace("\n", " ")
            first_paragraph = prose(rng, model, topic, 40)
            body = prose(rng, model, topic, length)
            if lang == "en":
                meta = (f"date: {day.isoformat()}\ntitle: \"{title}\"\ndescription: \"{description}\"\n"
                        f"slug: {name}\nauthors: [drf]\ncategories: [Human Rights & Technology]\n"
                        f"tags: [{', '.join(tags)}]\n")
            else:  # a translation: everything but title and description comes from the English post
                meta = f"title: \"{title}\"\ndescription: \"{description}\"\n"
            files[f"{lang}/blog/posts/{name}.md"] = (
                f"---\n{meta}---\n\n# {title}\n\n{first_paragraph}\n\n<!-- more -->\n\n{body}\n"
            )
    return files


FIXED_PAGES = {
    "en/index.md": "---\ntitle: Home\n---\n\n# Home {#home}\n\nHello.\n",
    "ur/index.md": "---\ntitle: سرورق\n---\n\n# سرورق {#home}\n\nخوش آمدید۔\n",
    "en/about/index.md": "---\ntitle: About\n---\n\n# About {#about}\n\n## Help translate {#help-translate}\n\nText.\n",
    "en/blog/index.md": "---\ntitle: Blog\n---\n\n# Blog {#blog}\n",
    "ur/blog/index.md": "---\ntitle: بلاگ\n---\n\n# بلاگ {#blog}\n",
    "en/blog/.authors.yml": "authors:\n  drf:\n    name: DRF\n    description: Org\n"
                            "    avatar: assets/images/logo.svg\n",
    "ur/blog/.authors.yml": "authors:\n  drf:\n    name: ڈی آر ایف\n    description: تنظیم\n"
                            "    avatar: assets/images/logo.svg\n",
}


def write_project(folder: Path, posts: dict[str, str]) -> Path:
    """A copy of the project's configuration, hooks, overrides and data, the real chapters and the posts."""
    project = folder / "project"
    project.mkdir()
    for name in ("hooks", "overrides", "data", "snippets"):
        shutil.copytree(ROOT / name, project / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    # The nav holds index.md and the pages copied here: with `validation.omitted_files: warn`, a strict
    # build fails on any page left out of the nav (posts are the blog plugin's, not the nav's).
    chapters = sorted(p.name for p in (ROOT / "docs" / "en" / "handbook").glob("*.md") if p.name != "index.md")
    nav = ("nav:\n  - index.md\n  - Handbook:\n      - handbook/index.md\n"
           + "".join(f"      - handbook/{name}\n" for name in chapters)
           + "  - Help now: help/index.md\n  - Blog:\n      - blog/index.md\n  - About:\n      - about/index.md\n")
    config = re.sub(r"^nav:\n(?:[ \t]+.*\n|\n)*", nav, config, count=1, flags=re.M)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    for lang in LANGS:  # the real chapters, and the help page they link to
        for sub in ("handbook", "help"):
            shutil.copytree(ROOT / "docs" / lang / sub, project / "docs" / lang / sub)
    for path, text in {**FIXED_PAGES, **posts}.items():
        target = project / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return project


@dataclass
class Timing:
    """Wall-clock and CPU seconds of one piece of work."""

    wall: float
    cpu: float


def time_rank(project: Path, lang: str) -> Timing:
    """The best of a few computations, wall and CPU (the runs least disturbed by the rest of the machine)."""
    wall = cpu = float("inf")
    for _ in range(RANK_REPEATS):
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        rank_language(project / "docs", lang)
        cpu = min(cpu, time.process_time() - start_cpu)
        wall = min(wall, time.perf_counter() - start_wall)
    return Timing(wall, cpu)


def peak_memory(project: Path, lang: str) -> int:
    """Peak bytes allocated while computing one language's cross-links (tracemalloc)."""
    tracemalloc.start()
    try:
        rank_language(project / "docs", lang)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def build(project: Path, site: Path) -> Timing:
    """The real strict build, in a subprocess: wall time and the CPU time it used; exits if it fails."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_ROOT": str(project), "SITE_DIR": str(site)}
    env.pop("HANDBOOK_OFFLINE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(project / "mkdocs.yml")],
        cwd=project, env=env, capture_output=True, text=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"the build of the synthetic site failed:\n{(proc.stdout + proc.stderr)[-4000:]}")
    return Timing(wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)


@dataclass
class Row:
    """The figures of one size."""

    n: int
    ranks: dict[str, Timing]
    build: Timing | None
    peak_bytes: int
    links: int

    @property
    def rank(self) -> Timing:
        return Timing(sum(t.wall for t in self.ranks.values()), sum(t.cpu for t in self.ranks.values()))


def measure(n: int, *, skip_build: bool) -> Row:
    """Write the site of n posts per language, rank each language, build it."""
    with tempfile.TemporaryDirectory(prefix="related-bench-") as tmp:
        project = write_project(Path(tmp), synthetic_posts(n))
        ranks = {lang: time_rank(project, lang) for lang in LANGS}
        peak = max(peak_memory(project, lang) for lang in LANGS)
        links = sum(len(v) for lang in LANGS for v in rank_language(project / "docs", lang)[0].values())
        built = None if skip_build else build(project, Path(tmp) / "site")
    return Row(n, ranks, built, peak, links)


def percent(part: float, whole: float | None) -> str:
    return f"{100 * part / whole:.2f}%" if whole else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000], help="numbers of posts per language")
    parser.add_argument("--no-build", action="store_true", help="time the ranking only")
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes))

    print("rank: best of %d runs per language; cpu = CPU seconds of this process (or of the build's)" % RANK_REPEATS)
    print(f"{'posts':>6} {'rank en':>8} {'rank ur':>8} {'rank':>7} {'rank cpu':>8} {'build':>8} {'build cpu':>9} "
          f"{'share':>7} {'share cpu':>9} {'peak MB':>8} {'links':>7}", flush=True)
    rows = []
    for n in sizes:
        row = measure(n, skip_build=args.no_build)
        rows.append(row)
        total, built = row.rank, row.build
        print(f"{row.n:>6} {row.ranks['en'].wall:>7.3f}s {row.ranks['ur'].wall:>7.3f}s {total.wall:>6.3f}s "
              f"{total.cpu:>7.3f}s {built.wall if built else float('nan'):>7.1f}s "
              f"{built.cpu if built else float('nan'):>8.1f}s {percent(total.wall, built and built.wall):>7} "
              f"{percent(total.cpu, built and built.cpu):>9} {row.peak_bytes / 2**20:>8.1f} {row.links:>7}", flush=True)
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(f"rank time grows {last.rank.wall / first.rank.wall:.1f}x (cpu {last.rank.cpu / first.rank.cpu:.1f}x) "
              f"from {first.n} to {last.n} posts; ideal, linear: {last.n / first.n:.1f}x")
    last = rows[-1]
    if last.build:
        met = last.rank.wall <= 0.05 * last.build.wall
        print(f"target, rank <= 5% of the build at {last.n} posts: {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
