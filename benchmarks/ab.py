"""A/B speed of the Rust engine at two git revisions, in alternated rounds.

    python benchmarks/ab.py BASE [OTHER] [--rounds 8] [--repeat 40] [--mode whole]
                            [--instructions] [--rustflags FLAGS]

BASE and OTHER are git revisions; OTHER defaults to the working tree as it is (committed
or not). Each is built (`examples/stage_timing`, release profile) in a directory of its
own under `$TMPDIR/vnpov-ab/`: a `git worktree` of the revision and its own cargo target
directory. Cargo decides what to rebuild by file times, so two builds in one tree, a
stash, build, pop and build within a second, can leave the same binary twice; separate
trees cannot.

The two binaries then run in turn, `--rounds` times each, on the bundled sample corpus
and `../shared/eval/corpus` when present (each text `--repeat` times). The wall clock
of a shared 2-core machine varies by tens of percent from one run to the next; runs
taken in turn meet the same conditions on average, so the script prints every round,
then the median and best MB/s of each revision, their ratios, and how many rounds each
won. `--mode` is the mode of `stage_timing`: `whole` (document by document, one thread),
`batch` (one batch on one thread, the path of a user's call), `threads` (one batch on 1
and on 2 threads), `words` (only the word index).

`--instructions` also counts the instructions each revision executes per byte of text
with valgrind's callgrind (two runs, with 1 and with 4 passes over the corpus, so that
start-up cancels out). The count does not depend on the machine's load, but not on the
memory's latency or branch mispredictions either: a change can run fewer instructions
and still be slower.

`--rustflags FLAGS` builds OTHER with `RUSTFLAGS=FLAGS` (BASE as the environment has it),
so that one revision can be compared with itself under other code generation, e.g.
`python benchmarks/ab.py HEAD HEAD --rustflags "-C target-cpu=x86-64-v3"`. (valgrind
does not run AVX-512 code: `--instructions` fails for a build that uses it, such as
`-C target-cpu=native` on a CPU that has it.)

The builds stay for the next comparison; `rm -rf $TMPDIR/vnpov-ab && git worktree prune`
removes them.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "python" / "vnpov" / "data" / "sample"
SHARED = ROOT.parent / "shared" / "eval" / "corpus"
WORK = Path(tempfile.gettempdir()) / "vnpov-ab"
WORKING_TREE = "working tree"


def git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def build(rev: str | None, rustflags: str | None = None) -> Path:
    """The `stage_timing` binary of `rev` (None: the working tree), built apart (with
    `RUSTFLAGS=rustflags` when given: in a target directory of their own)."""
    if rev is None:
        src, name = ROOT, "worktree"
    else:
        sha = git("rev-parse", "--verify", f"{rev}^{{commit}}")
        src, name = WORK / sha[:12], sha[:12]
        if not src.is_dir():
            WORK.mkdir(parents=True, exist_ok=True)
            git("worktree", "add", "--detach", str(src), sha)
    env = dict(os.environ)
    if rustflags is not None:
        name += "-flags-" + hashlib.sha1(rustflags.encode()).hexdigest()[:8]
        env["RUSTFLAGS"] = rustflags
    target = WORK / f"target-{name}"
    env["CARGO_TARGET_DIR"] = str(target)
    flags = f" with RUSTFLAGS={rustflags!r}" if rustflags is not None else ""
    print(f"building {rev or WORKING_TREE}{flags} in {src} ...", file=sys.stderr, flush=True)
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--example", "stage_timing"],
        cwd=src,
        check=True,
        env=env,
    )
    # a copy, so that a later build of the working tree cannot replace it mid-comparison
    binary = WORK / f"stage_timing-{name}"
    shutil.copy2(target / "release" / "examples" / "stage_timing", binary)
    return binary


def corpus_dir() -> tuple[Path, int]:
    """A folder of links to the corpus's .txt files, and their size in bytes."""
    out = WORK / "corpus"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    size = 0
    for k, folder in enumerate(d for d in (SAMPLE, SHARED) if d.is_dir()):
        for p in sorted(folder.glob("*.txt")):
            (out / f"{k}_{p.name}").symlink_to(p)
            size += p.stat().st_size
    return out, size


def run(binary: Path, corpus: Path, repeat: int, mode: str) -> dict[str, float]:
    """MB/s by line label (`whole`, `1 thread(s)`, ...) of one run."""
    out = subprocess.run(
        [str(binary), str(corpus), str(repeat), mode],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {
        m.group(1).strip(): float(m.group(2))
        for m in re.finditer(r"^\s*([^:\n]+):\s+([\d.]+) MB/s", out, re.M)
    }


def instructions(binary: Path, corpus: Path, size: int, mode: str) -> float:
    """Instructions per byte of text, start-up excluded (callgrind, 1 and 4 passes)."""
    counts = []
    for passes in (1, 4):
        with tempfile.NamedTemporaryFile(suffix=".cg") as f:
            r = subprocess.run(
                [
                    "valgrind",
                    "--tool=callgrind",
                    f"--callgrind-out-file={f.name}",
                    str(binary),
                    str(corpus),
                    str(passes),
                    mode,
                ],
                check=True,
                capture_output=True,
                text=True,
            )
        m = re.search(r"Collected : (\d+)", r.stderr)
        if not m:
            raise RuntimeError(f"no instruction count in callgrind's output:\n{r.stderr}")
        counts.append(int(m.group(1)))
    return (counts[1] - counts[0]) / (3 * size)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base", help="git revision to compare against")
    ap.add_argument("other", nargs="?", help="git revision (default: the working tree)")
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--repeat", type=int, default=40, help="passes over the corpus per run")
    ap.add_argument("--mode", default="whole", choices=["whole", "batch", "threads", "words"])
    ap.add_argument("--instructions", action="store_true", help="also count instructions")
    ap.add_argument("--rustflags", help='RUSTFLAGS for building OTHER (e.g. "-C target-cpu=x86-64-v3")')
    a = ap.parse_args()
    names = [a.base, a.other or WORKING_TREE]
    if a.rustflags is not None:
        names[1] += f" (RUSTFLAGS={a.rustflags!r})"
    binaries = [build(a.base), build(a.other, a.rustflags)]
    corpus, size = corpus_dir()
    print(f"corpus: {size / 1e3:.0f} KB x {a.repeat}; mode {a.mode}; {a.rounds} rounds")
    results: list[list[dict[str, float]]] = [[], []]
    for r in range(a.rounds):
        # the order within a round alternates too
        order = (0, 1) if r % 2 == 0 else (1, 0)
        for i in order:
            results[i].append(run(binaries[i], corpus, a.repeat, a.mode))
        print(
            f"round {r + 1}: "
            + "  |  ".join(
                f"{names[i]}: " + ", ".join(f"{k} {v:.1f}" for k, v in results[i][-1].items()) for i in (0, 1)
            ),
            flush=True,
        )
    for label in results[0][0]:
        a_runs = [x[label] for x in results[0]]
        b_runs = [x[label] for x in results[1]]
        wins = sum(b > a for a, b in zip(a_runs, b_runs, strict=True))
        ma, mb = statistics.median(a_runs), statistics.median(b_runs)
        print(
            f"{label}: median {ma:.1f} -> {mb:.1f} MB/s ({mb / ma:.3f}x), "
            f"best {max(a_runs):.1f} -> {max(b_runs):.1f} ({max(b_runs) / max(a_runs):.3f}x); "
            f"{names[1]} faster in {wins} of {len(a_runs)} rounds"
        )
    if a.instructions:
        if shutil.which("valgrind") is None:
            sys.exit("--instructions needs valgrind (apt-get install valgrind)")
        ir = [instructions(b, corpus, size, a.mode) for b in binaries]
        print(f"instructions per byte: {ir[0]:.1f} -> {ir[1]:.1f} ({ir[1] / ir[0]:.3f}x)")


if __name__ == "__main__":
    main()
