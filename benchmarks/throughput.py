"""End-to-end throughput of vnpov: list of str -> four DataFrames.

    python benchmarks/throughput.py [--mb 100] [--threads 1 2]

Builds a corpus of at least --mb megabytes (UTF-8 bytes) by repeating the
bundled sample articles and, when present, ../shared/eval/corpus, each copy
with its own id, then times `vnpov.extract` for each thread count and prints
MB/s, docs/s, the share of time spent in the Rust core (`_core.extract`)
versus building the DataFrames, and the peak RSS of the process.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import vnpov
from vnpov import _core

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval" / "corpus"


def corpus(mb: float) -> list[str]:
    base = [t for t in vnpov.sample_corpus()["text"]]
    if SHARED.is_dir():
        base += [p.read_text(encoding="utf-8") for p in sorted(SHARED.glob("*.txt"))]
    size = sum(len(t.encode("utf-8")) for t in base)
    copies = max(1, int(mb * 1e6 / size) + 1)
    # a marker line keeps every copy a distinct document
    return [f"{t}\n[{k}]" for k in range(copies) for t in base]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=100.0)
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    texts = corpus(a.mb)
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    print(f"corpus: {len(texts)} documents, {nbytes / 1e6:.1f} MB")
    rates = {}
    for n in a.threads:
        best = core_best = float("inf")
        rows = 0
        for _ in range(a.repeat):
            t0 = time.perf_counter()
            r = vnpov.extract(texts, n_threads=n, progress=False)
            best = min(best, time.perf_counter() - t0)
            t0 = time.perf_counter()
            _core.extract(texts, [], n)
            core_best = min(core_best, time.perf_counter() - t0)
            rows = sum(len(df) for df in r.tables().values())
        rates[n] = nbytes / 1e6 / best
        print(
            f"threads={n}: {rates[n]:7.1f} MB/s end to end, {len(texts) / best:9.0f} docs/s, "
            f"{best:.2f} s ({core_best / best:.0%} in the Rust core incl. transfer, "
            f"{1 - core_best / best:.0%} building tables); {rows} rows"
        )
    if len(rates) > 1:
        lo, hi = min(rates), max(rates)
        print(f"speed-up {lo} -> {hi} threads: {rates[hi] / rates[lo]:.2f}x")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
