"""Streaming a large JSONL corpus to Parquet: throughput and peak memory.

    python benchmarks/stream.py [--size-mb 2000] [--batch-size 10000] [--threads N] [--dir DIR] [--keep]

Writes a JSON Lines corpus of about --size-mb megabytes (UTF-8 bytes of the texts) by
repeating the bundled sample articles and, when present, ../shared/eval/corpus, each
copy with its own doc_id and a marker line (so every document is distinct), then
streams it through `vnpov.stream.extract_corpus` to four Parquet files and prints the
MB/s and the peak RSS of the process (and of its children, if any). The corpus is
written line by line, so generating it takes little memory; the peak RSS is printed
after generation too, so the streaming's own share can be read off.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import vnpov
from vnpov.stream import extract_corpus

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval" / "corpus"


def base_texts() -> list[str]:
    base = [str(t) for t in vnpov.sample_corpus()["text"]]
    if SHARED.is_dir():
        base += [p.read_text(encoding="utf-8") for p in sorted(SHARED.glob("*.txt"))]
    return base


def write_corpus(file: Path, size_mb: float) -> tuple[int, int]:
    """Write the JSONL corpus; returns (documents, UTF-8 bytes of the texts)."""
    base = base_texts()
    target = size_mb * 1e6
    docs = nbytes = 0
    with file.open("w", encoding="utf-8") as f:
        k = 0
        while nbytes < target:
            for i, t in enumerate(base):
                text = f"{t}\n[{k}]"
                month = 1 + (k + i) % 12
                rec = {"doc_id": f"{k}-{i}", "text": text, "published": f"2024-{month:02d}"}
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                docs += 1
                nbytes += len(text.encode("utf-8"))
            k += 1
    return docs, nbytes


def peak_rss_mb(who: int) -> float:
    """ru_maxrss is in KiB on Linux (bytes on macOS)."""
    rss = resource.getrusage(who).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--size-mb", type=float, default=2000.0, help="corpus size in MB (default 2000)")
    ap.add_argument("--batch-size", type=int, default=10_000)
    ap.add_argument("--threads", type=int, default=None, help="n_threads (default: all cores)")
    ap.add_argument("--dir", type=Path, default=None, help="work folder (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the corpus and the Parquet files")
    a = ap.parse_args()

    work = a.dir or Path(tempfile.mkdtemp(prefix="vnpov-stream-"))
    work.mkdir(parents=True, exist_ok=True)
    src, out = work / "corpus.jsonl", work / "out"
    try:
        t0 = time.perf_counter()
        docs, nbytes = write_corpus(src, a.size_mb)
        gen = time.perf_counter() - t0
        file_mb = src.stat().st_size / 1e6
        print(
            f"corpus: {docs} documents, {nbytes / 1e6:.1f} MB of text ({file_mb:.1f} MB JSONL) "
            f"written in {gen:.1f} s; peak RSS so far {peak_rss_mb(resource.RUSAGE_SELF):.0f} MB"
        )
        t0 = time.perf_counter()
        counts = extract_corpus(src, out, batch_size=a.batch_size, n_threads=a.threads, progress=False)
        dt = time.perf_counter() - t0
        out_mb = sum(f.stat().st_size for f in out.glob("*.parquet")) / 1e6
        print(f"rows: {counts}; Parquet {out_mb:.1f} MB")
        print(
            f"extract_corpus: {dt:.1f} s, {nbytes / 1e6 / dt:.1f} MB/s of text "
            f"({file_mb / dt:.1f} MB/s of JSONL), {docs / dt:.0f} docs/s, "
            f"batch_size={a.batch_size}, threads={a.threads or 'all'}"
        )
        print(
            f"peak RSS: {peak_rss_mb(resource.RUSAGE_SELF):.0f} MB (process), "
            f"{peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB (children)"
        )
    finally:
        if not a.keep:
            if a.dir is None:
                shutil.rmtree(work, ignore_errors=True)
            else:
                src.unlink(missing_ok=True)
                shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
