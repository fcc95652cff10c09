"""The ``vnpov`` command: ``vnpov demo`` runs the extraction on the bundled sample."""

from __future__ import annotations

import argparse
import sys

import pandas as pd


def _demo(args: argparse.Namespace) -> int:
    import vnpov

    corpus = vnpov.sample_corpus()
    result = vnpov.extract(corpus["text"], ids=corpus["doc_id"].tolist())
    with pd.option_context("display.max_columns", 12, "display.width", 200, "display.max_colwidth", 28):
        for name, df in result.tables().items():
            print(f"\n== {name} ({len(df)} rows) ==")
            print(df.drop(columns=[c for c in ("text",) if c in df.columns]).to_string(max_rows=args.rows))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="vnpov", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="extract the bundled sample corpus and print the four tables")
    demo.add_argument("--rows", type=int, default=40, help="rows to print per table")
    demo.set_defaults(func=_demo)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
