"""Benchmark related-content ranking against the full build of the same synthetic site.

For each size N (default 500 and 5,000) this writes a real MkDocs project into a temporary folder: the
project's configuration, hooks, overrides and data, the 13 real chapters in English and Urdu, and N
synthetic posts in English, each with an Urdu translation. It then measures, in the same run:

- the time of `handbook.related.rank()` over each language's chapters and posts (best of a few runs),
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
from handbook.related import Doc, rank  # noqa: E402
from handbook.vocabulary import load_vocabulary  # noqa: E402

LANGS = ("en", "ur")
WORD = re.compile(r"[^\W\d_][\w\u200c\u0610-\u061a\u064b-\u065f\u0670]*")
SEED = 20140822
RANK_REPEATS = 3


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
    "en/blog/.authors.yml": "authors:\n  drf:\n    name: DRF\n    description: Org\n    avatar: assets/images/logo.svg\n",
    "ur/blog/.authors.yml": "authors:\n  drf:\n    name: ڈی آر ایف\n    description: تنظیم\n    avatar: assets/images/logo.svg\n",
}


def write_project(folder: Path, posts: dict[str, str]) -> Path:
    """A copy of the project's configuration, hooks, overrides and data, the real chapters and the posts."""
    project = folder / "project"
    project.mkdir()
    for name in ("hooks", "overrides", "data"):
        shutil.copytree(ROOT / name, project / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^nav:\n(?:[ \t]+.*\n|\n)*", "nav:\n  - index.md\n", config, count=1, flags=re.M)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    for lang in LANGS:  # the real chapters, and the help page they link to
        for sub in ("handbook", "help"):
            shutil.copytree(ROOT / "docs" / lang / sub, project / "docs" / lang / sub)
    for path, text in {**FIXED_PAGES, **posts}.items():
        target = project / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return project


def load_docs(project: Path, lang: str) -> list[Doc]:
    """Chapters and posts of one language as the hooks would pass them (posts take the English tags)."""
    docs_dir = project / "docs"
    english_tags = {}
    for path in (docs_dir / "en" / "blog" / "posts").glob("*.md"):
        english_tags[path.name] = tuple(frontmatter.split(path.read_text(encoding="utf-8")).meta.get("tags") or ())
    docs = []
    for kind, folder, prefix in (("chapter", "handbook", "handbook/"), ("post", "blog/posts", "blog/posts/")):
        for path in sorted((docs_dir / lang / folder).glob("*.md")):
            if path.name == "index.md":
                continue
            page = frontmatter.split(path.read_text(encoding="utf-8"))
            tags = tuple(page.meta.get("tags") or ()) if kind == "chapter" else english_tags[path.name]
            docs.append(Doc(prefix + path.name, kind, str(page.meta.get("title", "")), tags, page.body))
    return docs


def time_rank(docs: list[Doc]) -> float:
    """Best wall time of a few rankings (the least disturbed by the rest of the machine)."""
    best = float("inf")
    for _ in range(RANK_REPEATS):
        start = time.perf_counter()
        rank(docs)
        best = min(best, time.perf_counter() - start)
    return best


def peak_memory(docs: list[Doc]) -> int:
    """Peak bytes allocated while ranking (tracemalloc)."""
    tracemalloc.start()
    try:
        rank(docs)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def build(project: Path, site: Path) -> float:
    """Wall time of the real strict build, in a subprocess; exits if the build fails."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_ROOT": str(project), "SITE_DIR": str(site)}
    env.pop("HANDBOOK_OFFLINE", None)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(project / "mkdocs.yml")],
        cwd=project, env=env, capture_output=True, text=True,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"the build of the synthetic site failed:\n{(proc.stdout + proc.stderr)[-4000:]}")
    return elapsed


@dataclass
class Row:
    n: int
    rank_seconds: dict[str, float]
    build_seconds: float
    peak_bytes: int
    links: int

    @property
    def rank_total(self) -> float:
        return sum(self.rank_seconds.values())


def measure(n: int, *, skip_build: bool) -> Row:
    with tempfile.TemporaryDirectory(prefix="related-bench-") as tmp:
        project = write_project(Path(tmp), synthetic_posts(n))
        corpora = {lang: load_docs(project, lang) for lang in LANGS}
        seconds = {lang: time_rank(docs) for lang, docs in corpora.items()}
        peak = max(peak_memory(docs) for docs in corpora.values())
        links = sum(len(v) for docs in corpora.values() for v in rank(docs).values())
        build_seconds = float("nan") if skip_build else build(project, Path(tmp) / "site")
    return Row(n, seconds, build_seconds, peak, links)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000], help="numbers of posts per language")
    parser.add_argument("--no-build", action="store_true", help="time the ranking only")
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes))

    print(f"{'posts':>6} {'rank en s':>10} {'rank ur s':>10} {'rank s':>8} {'build s':>8} "
          f"{'rank/build':>10} {'peak MB':>8} {'links':>7}", flush=True)
    rows = []
    for n in sizes:
        row = measure(n, skip_build=args.no_build)
        rows.append(row)
        share = 100 * row.rank_total / row.build_seconds
        print(f"{row.n:>6} {row.rank_seconds['en']:>10.3f} {row.rank_seconds['ur']:>10.3f} {row.rank_total:>8.3f} "
              f"{row.build_seconds:>8.1f} {share:>9.2f}% {row.peak_bytes / 2**20:>8.1f} {row.links:>7}", flush=True)
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(f"rank time grows {last.rank_total / first.rank_total:.1f}x from {first.n} to {last.n} posts "
              f"(ideal, linear: {last.n / first.n:.1f}x)")
    target = rows[-1]
    verdict = "met" if target.rank_total <= 0.05 * target.build_seconds else "NOT met"
    if not args.no_build:
        print(f"target rank <= 5% of build at {target.n} posts: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
