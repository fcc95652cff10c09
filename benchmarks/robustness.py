"""Big inputs (issue 9): one document of SIZE MB and a batch of BATCH MB, time and peak memory.

    python benchmarks/robustness.py [--size 50] [--batch 200] [--threads N]

Each run is a fresh subprocess so that its peak RSS (``ru_maxrss``) is its own; the report
gives seconds, MB/s and peak RSS over input size. The texts are synthetic (written for
vnpov): ordinary paragraphs with pathological stretches mixed in (repeated dates, a line
without spaces, long numbers, runs of spaces, run-on cue words).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

PARAGRAPHS = [
    "Đoàn công tác tỉnh Lai Châu thăm và làm việc tại huyện Mường Nhé\n",
    "Ngày 14/3/2024, đoàn công tác của UBND tỉnh Lai Châu do đồng chí Nguyễn Văn An, Phó Chủ tịch "
    "UBND tỉnh làm trưởng đoàn đã đến thăm, làm việc tại huyện Mường Nhé. Năm 2023, tỷ lệ hộ nghèo "
    "của huyện giảm từ 45,2% xuống còn 38,7%, còn 1.234 hộ nghèo.\n",
    "Đến cuối năm 2023, toàn huyện Tam Đường còn 2.145 hộ nghèo, chiếm 12,5%; tổng vốn thực hiện "
    "chương trình là 365.032 triệu đồng, thu nhập bình quân đạt 32,5 triệu đồng/người/năm.\n",
]
PATHOLOGICAL = [
    "ngày 1/1 " * 2000 + "\n",
    "x" * 20_000 + "\n",
    "9" * 20_000 + " tỷ đồng\n",
    " " * 20_000 + "1 hộ\n",
    "đoàn công tác thăm làm việc tại huyện tỷ lệ hộ nghèo " * 400 + "\n",
    "1.000.000.000.000.000 tỷ đồng; " * 200 + "\n",
]


def make_text(n_bytes: int, seed: int = 0) -> str:
    parts: list[str] = []
    size = 0
    k = seed
    while size < n_bytes:
        p = PATHOLOGICAL[k % len(PATHOLOGICAL)] if k % 50 == 49 else PARAGRAPHS[k % len(PARAGRAPHS)]
        parts.append(p)
        size += len(p.encode("utf-8"))
        k += 1
    return "".join(parts)


def child(kind: str, mb: float, threads: int | None) -> None:
    import resource

    import vnpov

    if kind == "single":
        texts = [make_text(int(mb * 1e6))]
    else:
        per_doc = 20_000
        texts = [make_text(per_doc, seed=i) for i in range(max(1, int(mb * 1e6) // per_doc))]
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t = time.perf_counter()
    r = vnpov.extract(texts, n_threads=threads, progress=False)
    secs = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert len(r.documents) == len(texts) and r.documents["error"].isna().all()
    print(
        json.dumps(
            {
                "kind": kind,
                "docs": len(texts),
                "input_mb": round(n_bytes / 1e6, 1),
                "seconds": round(secs, 2),
                "mb_per_s": round(n_bytes / 1e6 / secs, 2),
                "rss_before_mb": round(before),
                "peak_rss_mb": round(peak),
                "peak_over_input": round(peak / (n_bytes / 1e6), 1),
                "rows": {t: len(df) for t, df in r.tables().items()},
            }
        )
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=float, default=50, help="MB of the single document")
    ap.add_argument("--batch", type=float, default=200, help="MB of the batch (0: skip)")
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--child", choices=["single", "batch"], help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        child(a.child, a.size if a.child == "single" else a.batch, a.threads)
        return
    for kind, mb in (("single", a.size), ("batch", a.batch)):
        if mb <= 0:
            continue
        cmd = [sys.executable, __file__, "--child", kind, "--size", str(a.size), "--batch", str(a.batch)]
        if a.threads:
            cmd += ["--threads", str(a.threads)]
        subprocess.run(cmd, check=True)


if __name__ == "__main__":
    main()
