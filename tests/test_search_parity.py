"""The query side (search.js, under node) splits and normalises words exactly as the index side (Python)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

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
