"""End-to-end throughput of vnpov: list of str -> four DataFrames.

    python benchmarks/throughput.py [--mb 100] [--threads 1 2]

Builds a corpus of at least --mb megabytes (UTF-8 bytes) by repeating the
bundled sample articles and, when present, ../shared/eval/corpus, each copy
with its own id, then times `vnpov.extract` for each thread count and prints
MB/s, docs/s, the share of the time spent in the Rust core (`_core.extract`:
reading the texts, extraction and building the Arrow tables) versus on the
Python side (ids, pandas DataFrames), measured on a second run split in those
two parts, and the peak RSS of the process. Every call gets new str objects (as
a real first call does). A second line per thread count gives the Rust core's
own measures: the time spent reading the texts (holding the GIL, while the
first chunks are extracted) and the CPU time of building the Arrow tables
(done by the workers, chunk by chunk, after extracting them). The CPU time of
the process during the best call (user and system, all threads) tells how many
cores were busy (the calling thread reads the texts while the workers extract,
so one worker keeps a little more than one core busy) and how much CPU each
byte took.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import vnpov
from vnpov import _core
from vnpov._schema import TABLES
from vnpov.result import build_table, categories

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval" / "corpus"
_CATEGORIES = categories()


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


def cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


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
        best = split_best = float("inf")
        best_cpu = 0.0
        split: tuple[float, float, dict[str, float]] = (0.0, 0.0, {})
        rows = 0
        for _ in range(a.repeat):
            # new str objects for every call: CPython keeps a str's UTF-8 once asked for it, so
            # a second call on the same objects would not pay for reading them
            texts = corpus(a.mb)
            t0, c0 = time.perf_counter(), cpu_seconds()
            r = vnpov.extract(texts, n_threads=n, progress=False)
            wall, cpu = time.perf_counter() - t0, cpu_seconds() - c0
            if wall < best:
                best, best_cpu = wall, cpu
            rows = sum(len(df) for df in r.tables().values())
            del r
            # the same work in its two parts: the Rust core, then the Python side (ids, pandas)
            texts = corpus(a.mb)
            ids = [str(i) for i in range(len(texts))]
            timings: dict[str, float] = {}
            t0 = time.perf_counter()
            out = _core.extract(texts, [], n, _CATEGORIES, timings)
            t1 = time.perf_counter()
            tables = vnpov._with_ids(vnpov._tables(out), ids, {})
            frames = [build_table(t, tables[t]) for t in TABLES]
            t2 = time.perf_counter()
            del out, tables, frames
            if t2 - t0 < split_best:
                split_best, split = t2 - t0, (t1 - t0, t2 - t1, timings)
        rates[n] = nbytes / 1e6 / best
        core, python, timings = split
        print(
            f"threads={n}: {rates[n]:7.1f} MB/s end to end, {len(texts) / best:9.0f} docs/s, "
            f"{best:.2f} s ({core / split_best:.0%} in the Rust core incl. transfer, "
            f"{python / split_best:.0%} building tables); {rows} rows"
        )
        print(
            f"           CPU {best_cpu:.2f} s ({best_cpu / best:.2f} cores busy, "
            f"{best_cpu * 1e9 / nbytes:.1f} ns of CPU per byte)"
        )
        print(
            f"           Rust core {core:.2f} s ({nbytes / 1e6 / core:.1f} MB/s): reading the texts "
            f"{timings['read']:.2f} s (overlapping extraction), Arrow tables {timings['tables']:.3f} s "
            f"(CPU summed over the workers); pandas side {python:.3f} s"
        )
    if len(rates) > 1:
        lo, hi = min(rates), max(rates)
        print(f"speed-up {lo} -> {hi} threads: {rates[hi] / rates[lo]:.2f}x")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
