"""Render what an analyst sees, to look at it: evidence pages and plots as PNG.

    python benchmarks/render.py [--out benchmarks/out] [--width 1100]

Writes under ``benchmarks/out/`` (git-ignored):

* ``evidence/SEED.html`` and ``evidence/SEED.png``: the evidence page of every seed
  article (read from ../shared/seeds at run time), rendered by headless Chromium;
* ``poverty.png`` and ``visits.png``: the plots of the dev corpus (../shared/eval/corpus).

Steps whose input is absent (a clone without ../shared) or whose tool is missing
(chromium: ``apt-get install -y chromium``; matplotlib: ``pip install "vnpov[plot]"``)
are skipped with a message.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import vnpov
from vnpov.display import find_chromium, screenshot

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "eval" / "corpus"


def trim(png: Path, margin: int = 12) -> None:
    """Cut the white space below the page's content (needs Pillow; left as is without)."""
    try:
        from PIL import Image, ImageChops
    except ImportError:
        return
    with Image.open(png) as im:
        rgb = im.convert("RGB")
    bg = Image.new("RGB", rgb.size, (255, 255, 255))
    box = ImageChops.difference(rgb, bg).getbbox()
    if box is not None:
        rgb.crop((0, 0, rgb.width, min(rgb.height, box[3] + margin))).save(png)


def render_seeds(out: Path, width: int) -> int:
    if not SEEDS.is_dir():
        print(f"skip evidence pages: {SEEDS} is not here (a clone without ../shared)")
        return 0
    exe = find_chromium()
    files = sorted(SEEDS.glob("*.txt"))
    corpus = vnpov.read_corpus(files) if files else None
    if corpus is None:
        print(f"skip evidence pages: no .txt in {SEEDS}")
        return 0
    result = corpus.vnpov.extract(progress=False)
    folder = out / "evidence"
    n = 0
    for doc_id in corpus["doc_id"]:
        page = result.show(doc_id).save(folder / f"{doc_id}.html")
        if exe is None:
            continue
        t0 = time.perf_counter()
        # tall enough for the longest seed; trim() cuts the white below
        png = screenshot(page, folder / f"{doc_id}.png", width=width, height=4000, chromium=exe)
        trim(png)
        n += 1
        shown = png.relative_to(ROOT) if png.is_relative_to(ROOT) else png
        print(f"{shown}  ({time.perf_counter() - t0:.1f} s)")
    if exe is None:
        print(
            "skip PNGs of the evidence pages: no chromium on PATH (apt-get install -y chromium); HTML written"
        )
    return n


def render_plots(out: Path) -> int:
    if not CORPUS.is_dir():
        print(f"skip plots: {CORPUS} is not here (a clone without ../shared)")
        return 0
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print('skip plots: matplotlib is not installed (pip install "vnpov[plot]")')
        return 0
    result = vnpov.read_corpus(CORPUS).vnpov.extract(progress=False)
    ax = result.plot.poverty(max_units=10)
    ax.figure.savefig(out / "poverty.png", dpi=110)
    plt.close(ax.figure)
    ax = result.plot.visits()
    ax.figure.savefig(out / "visits.png", dpi=110)
    plt.close(ax.figure)
    print(f"{out / 'poverty.png'}\n{out / 'visits.png'}")
    return 2


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    ap.add_argument("--width", type=int, default=1100)
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    n = render_seeds(a.out, a.width) + render_plots(a.out)
    print(f"render: {n} PNG(s) under {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
