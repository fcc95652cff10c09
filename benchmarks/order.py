"""How much of the engine's time is the cost of reading text it has not just read.

    python benchmarks/order.py [--copies 100] [--repeat 3]

The same documents (the bundled sample and, when present, ../shared/eval/corpus), each
copied --copies times, are extracted on one thread in three orders:

- ``each document in a row``: a document's copies one after another, so the processor
  meets the same branches and the same table entries again and again (its branch
  predictor and caches learn the text);
- ``corpus repeated``: the whole corpus, then the whole corpus again (as
  ``benchmarks/throughput.py`` reads it);
- ``shuffled``: the copies in a random order (a real crawl).

The work is the same in all three: the same bytes, the same rows. The difference between
the first and the others is what mispredicted branches and cache misses on unseen text
cost, which an instruction count (callgrind) does not show. Prints ns of wall time per
byte, MB/s and the ratio to the first order; the best of --repeat runs each.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import vnpov
from vnpov import _core

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval" / "corpus"


def documents() -> list[str]:
    docs = list(vnpov.sample_corpus()["text"])
    if SHARED.is_dir():
        docs += [p.read_text(encoding="utf-8") for p in sorted(SHARED.glob("*.txt"))]
    return docs


def best_seconds(texts: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        fresh = [t + " " for t in texts]  # new str objects for every run
        start = time.perf_counter()
        _core.extract(fresh, [], 1, None)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    docs = documents()
    n = args.copies
    shuffled = [t for _ in range(n) for t in docs]
    random.Random(1).shuffle(shuffled)
    orders = {
        "each document in a row": [t for t in docs for _ in range(n)],
        "corpus repeated": [t for _ in range(n) for t in docs],
        "shuffled": shuffled,
    }
    size = sum(len(t.encode("utf-8")) + 1 for t in docs) * n
    print(f"{len(docs)} documents x {n} copies, {size / 1e6:.1f} MB, 1 thread")
    first = None
    for name, texts in orders.items():
        s = best_seconds(texts, args.repeat)
        first = first or s
        rate = f"{s / size * 1e9:5.1f} ns/B  {size / s / 1e6:6.1f} MB/s"
        print(f"{name:>24}: {rate}  ({s / first:.2f}x the time)")


if __name__ == "__main__":
    main()
