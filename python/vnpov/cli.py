"""The ``vnpov`` command.

    vnpov extract INPUT... --out DIR [--format parquet|csv|jsonl] [--threads N] [--no-progress]
    vnpov show FILE [--doc ID] > page.html
    vnpov demo

Exit codes: 0 done, 1 error (message on stderr naming the file), 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

FORMATS = ("parquet", "csv", "jsonl")


class _Failure(Exception):
    """An error reported on stderr with exit code 1."""


def _demo(args: argparse.Namespace) -> int:
    import vnpov

    corpus = vnpov.sample_corpus()
    result = vnpov.extract(corpus["text"], ids=corpus["doc_id"].tolist())
    with pd.option_context("display.max_columns", 12, "display.width", 200, "display.max_colwidth", 28):
        for name, df in result.tables().items():
            print(f"\n== {name} ({len(df)} rows) ==")
            print(df.drop(columns=[c for c in ("text",) if c in df.columns]).to_string(max_rows=args.rows))
    return 0


def _extract(args: argparse.Namespace) -> int:
    import vnpov

    corpus = vnpov.read_corpus(args.inputs, text=args.text, id=args.id, published=args.published)
    progress = False if args.no_progress else None
    result = vnpov.extract(
        corpus["text"],
        ids=corpus["doc_id"].tolist(),
        published=corpus["published"].tolist(),
        n_threads=args.threads,
        progress=progress,
    )
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise _Failure(f"{out}: exists and is not a folder")
    if args.format == "parquet":
        where = result.to_parquet(out)
        files = [where / f"{t}.parquet" for t in result.tables()]
    elif args.format == "csv":
        where = result.to_csv(out)
        files = [where / f"{t}.csv" for t in result.tables()]
    else:
        files = [result.to_jsonl(out / "result.jsonl")]
    failed = int(result.documents["error"].notna().sum())
    counts = ", ".join(f"{len(df)} {t}" for t, df in result.tables().items())
    print(f"vnpov: {counts} -> {', '.join(str(f) for f in files)}", file=sys.stderr)
    if failed:
        print(f"vnpov: {failed} document(s) have an error (see documents.error)", file=sys.stderr)
    return 0


def _show(args: argparse.Namespace) -> int:
    import vnpov

    corpus = vnpov.read_corpus(args.file, text=args.text, id=args.id, published=args.published)
    if args.doc is not None:
        rows = corpus[corpus["doc_id"] == args.doc]
        if rows.empty:
            some = ", ".join(corpus["doc_id"].head(5).tolist())
            raise _Failure(f"{args.file}: no document {args.doc!r} (ids: {some}…)")
        row = rows.iloc[0]
    elif len(corpus) == 1:
        row = corpus.iloc[0]
    else:
        raise _Failure(f"{args.file}: holds {len(corpus)} documents; choose one with --doc ID")
    text = row["text"]
    if not isinstance(text, str):
        raise _Failure(f"{row['source']}: no text")
    published = None if pd.isna(row["published"]) else str(row["published"])
    page = vnpov.show(text, doc_id=str(row["doc_id"]), published=published)
    data = page.html.encode("utf-8")
    if args.out:
        Path(args.out).write_bytes(data)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def _columns(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("columns of table inputs (JSONL, CSV, Parquet)")
    g.add_argument("--text", metavar="COL", help="column of article texts (default: text, content or body)")
    g.add_argument(
        "--id", metavar="COL", help="column of document ids (default: doc_id or id; else row numbers)"
    )
    g.add_argument(
        "--published", metavar="COL", help="column of publication dates (default: published or date)"
    )


def _threads(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``vnpov`` command."""
    parser = argparse.ArgumentParser(
        prog="vnpov",
        description="Study visits and poverty figures from Vietnamese local-government news, as tables.",
        epilog="Exit codes: 0 done, 1 error (on stderr, naming the file), 2 bad usage.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ex = sub.add_parser(
        "extract",
        help="extract the four tables from articles and write them to a folder",
        description=(
            "Extract documents, visits, people and figures from articles. INPUT is a folder of "
            ".txt/.html files, a .txt or .html file, or a table of articles (.jsonl, .json, .csv, "
            ".tsv, .parquet). HTML needs: pip install 'vnpov[html]'."
        ),
        epilog=(
            "Writes DIR/documents.parquet, visits, people, figures (or .csv), or DIR/result.jsonl "
            "(one JSON object per document). Read them back with pandas or vnpov.read_result(DIR)."
        ),
    )
    ex.add_argument("inputs", nargs="+", metavar="INPUT", help="folder or file of articles")
    ex.add_argument(
        "--out", "-o", required=True, metavar="DIR", help="folder to write (created when missing)"
    )
    ex.add_argument(
        "--format", "-f", choices=FORMATS, default="parquet", help="output format (default: parquet)"
    )
    ex.add_argument(
        "--threads",
        type=_threads,
        metavar="N",
        help="worker threads (default: $VNPOV_NUM_THREADS, else all cores)",
    )
    ex.add_argument(
        "--no-progress", action="store_true", help="no progress bar (default: one from 1,000 documents)"
    )
    _columns(ex)
    ex.set_defaults(func=_extract)

    sh = sub.add_parser(
        "show",
        help="write an article's evidence page (HTML) to stdout",
        description=(
            "Extract one article and write a standalone HTML page with its visits, people and figures "
            "highlighted: vnpov show article.txt > page.html"
        ),
    )
    sh.add_argument("file", metavar="FILE", help="a .txt or .html article, or a table/folder with --doc")
    sh.add_argument("--doc", metavar="ID", help="the document to show when FILE holds several")
    sh.add_argument("--out", "-o", metavar="PAGE", help="write the page here instead of stdout")
    _columns(sh)
    sh.set_defaults(func=_show)

    demo = sub.add_parser(
        "demo",
        help="extract the bundled sample corpus and print the four tables",
        description="Extract the bundled sample corpus (fictional articles) and print the four tables.",
    )
    demo.add_argument("--rows", type=int, default=40, help="rows to print per table")
    demo.set_defaults(func=_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns the exit code (argparse exits with 2 on bad usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except (_Failure, FileNotFoundError, ValueError, ImportError, OSError, KeyError) as e:
        msg = e.args[0] if isinstance(e, KeyError) and e.args else e
        print(f"vnpov: error: {msg}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("vnpov: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
