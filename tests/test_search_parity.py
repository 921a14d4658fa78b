"""The query side (search.js, under node) splits and normalises words exactly as the index side (Python)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from handbook import search_index
from handbook.search_text import normalise, shard_file, tokens
from test_search_text import TOKEN_CASES

SEARCH_JS = Path(__file__).resolve().parents[1] / "overrides" / "assets" / "javascripts" / "search.js"
# Beyond the token table: case folding, presentation forms, ligatures, other scripts, emoji.
EXTRA = ["İstanbul ÉCOLE Straße", "ﻻ ﷲ ﻙ", "ﺑﺴﻢ", "क़ानून", "😀 pass😀word", "Ⅻ ½ ²", "x\u0301y", "ﻫﺮاﺳﺎﻧﯽ"]


def _node(texts: list[str]) -> list[dict]:
    program = (
        "const s = require(process.argv[1]);"
        "const texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(texts.map(t => ({normalised: s.normalise(t), tokens: s.tokens(t),"
        " shards: s.tokens(t).map(w => s.shardFile(Array.from(w).slice(0, 2).join('')))}))));"
    )
    proc = subprocess.run(["node", "-e", program, str(SEARCH_JS)], input=json.dumps(texts), capture_output=True,
                          text=True, timeout=60, check=False)
    assert proc.returncode == 0, f"search.js does not run under node: {proc.stderr}"
    return json.loads(proc.stdout)


def test_javascript_and_python_agree_on_every_case() -> None:
    texts = [text for text, _ in TOKEN_CASES] + EXTRA
    differ = []
    for text, js in zip(texts, _node(texts), strict=True):
        python = {"normalised": normalise(text), "tokens": tokens(text),
                  "shards": [shard_file(w[:2]) for w in tokens(text)]}
        if js != python:
            differ.append(f"{text!r}: a reader typing this finds other words than the index holds: "
                          f"JavaScript {js}, Python {python}")
    assert not differ, "\n".join(differ)


def test_the_search_script_looks_up_every_indexed_word_in_the_shard_that_holds_it() -> None:
    # Shards by 1, 2 or 3 characters (handbook.search_index.shard): the script must pick, for each word, the
    # very shard the index put it in, or a reader's search finds nothing for a word the pages contain.
    big = {f"pa{chr(0x61 + n % 20)}{n}": [n, 0, 9] * 200 for n in range(40)}
    terms = {**big, "pa": [1, 0, 4], "pe": [2, 0, 4], "qu": [3, 0, 4], "پاس": [4, 0, 4], "پاسورڈ": [5, 0, 4],
             **{f"ر{chr(0x627 + n % 30)}{n}": [n, 1, 9] * 150 for n in range(60)}}
    shards = search_index.shard(terms)
    assert {len(key) for key in shards} == {1, 2, 3}, f"the case should reach every key length: {sorted(shards)}"
    holder = {term: key for key, group in shards.items() for term in group}
    program = (
        "const s = require(process.argv[1]);"
        "const data = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const keys = new Set(data.keys);"
        "process.stdout.write(JSON.stringify(data.terms.map(t => s.shardKey(t, keys))));"
    )
    proc = subprocess.run(["node", "-e", program, str(SEARCH_JS)], capture_output=True, text=True, timeout=60,
                          input=json.dumps({"keys": list(shards), "terms": list(holder)}), check=False)
    assert proc.returncode == 0, proc.stderr
    looked_up = dict(zip(holder, json.loads(proc.stdout), strict=True))
    wrong = {term: (looked_up[term], key) for term, key in holder.items() if looked_up[term] != key}
    assert not wrong, f"the script looks in the wrong shard (looked, holds) for: {wrong}"
    # The Python twin (the benchmarks' simulated searches) picks the same shard.
    assert {term: search_index.shard_of(term, set(shards)) for term in holder} == holder
