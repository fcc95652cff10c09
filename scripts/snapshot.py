"""Write or check a snapshot of every table vnpov extracts from a set of corpora.

    python scripts/snapshot.py write SNAP.jsonl   # before a change
    python scripts/snapshot.py check SNAP.jsonl   # after it: exit 1 and a diff if any row changed

The corpora: the bundled sample, and when ``../shared`` is present the seeds
and the dev corpus (read from there at run time, never copied). A speed change
must leave this snapshot byte for byte the same; a rule change shows here
exactly which rows it moved.
"""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path

import pandas as pd
import vnpov

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def corpora() -> list[tuple[str, str, str | None]]:
    """(doc_id, text, published hint) for every document read."""
    docs: list[tuple[str, str, str | None]] = []
    sample = vnpov.sample_corpus()
    for i, row in sample.iterrows():
        docs.append((f"sample/{row.get('doc_id', i)}", row["text"], None))
    if SHARED.is_dir():
        for p in sorted((SHARED / "seeds").glob("*")):
            if p.is_file() and p.suffix in {".txt", ".md"}:
                docs.append((f"seeds/{p.name}", p.read_text(encoding="utf-8"), None))
        corpus = SHARED / "eval" / "corpus"
        for p in sorted(corpus.glob("*.txt")):
            text = p.read_text(encoding="utf-8")
            docs.append((f"dev/{p.name}", text, None))
            # the same text with a scraper's date hint exercises the hint path
            docs.append((f"dev-hint/{p.name}", text, "2024-06"))
    return docs


def lines() -> list[str]:
    docs = corpora()
    r = vnpov.extract(
        [t for _, t, _ in docs],
        ids=[d for d, _, _ in docs],
        published=[h for _, _, h in docs],
        progress=False,
    )
    out = []
    for name, df in r.tables().items():
        for rec in df.astype(object).where(pd.notna(df), None).to_dict(orient="records"):
            out.append(json.dumps({"table": name, **rec}, ensure_ascii=False, default=str, sort_keys=True))
    return out


def main() -> int:
    if len(sys.argv) != 3 or sys.argv[1] not in {"write", "check"}:
        print(__doc__)
        return 2
    path = Path(sys.argv[2])
    now = lines()
    if sys.argv[1] == "write":
        path.write_text("\n".join(now) + "\n", encoding="utf-8")
        print(f"snapshot: {len(now)} rows -> {path}")
        return 0
    before = path.read_text(encoding="utf-8").splitlines()
    if before == now:
        print(f"snapshot: {len(now)} rows, unchanged")
        return 0
    diff = list(difflib.unified_diff(before, now, "before", "now", lineterm="", n=0))
    print("\n".join(diff[:200]))
    print(f"snapshot: CHANGED ({len(before)} rows before, {len(now)} now)")
    return 1


if __name__ == "__main__":
    sys.exit(main())
