"""Command line for analysts: cluster the texts of a CSV file, or score a clustering against labels.

    python -m analysis cluster INPUT.csv --text-column NAME [--k K] [--seed S] --output OUT.csv
    python -m analysis evaluate INPUT.csv --text-column NAME --label-column NAME [--k K]

Bad input files end with a message on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from analysis.csvfile import CsvInputError, read_table, write_table
from analysis.evaluate import Evaluation, evaluate_floor, evaluate_pipeline
from analysis.themes import ThemeParams, cluster_needs

EXIT_BAD_INPUT = 2


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("musi być ≥ 1 / must be ≥ 1")
    return number


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `python -m analysis`."""
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    cluster = commands.add_parser("cluster", help="add columns theme and theme_label to a CSV")
    cluster.add_argument("input", help="CSV in UTF-8, ',' or ';'")
    cluster.add_argument("--text-column", required=True)
    cluster.add_argument("--k", type=_positive, default=None, help="number of themes (default: "
                         "chosen by silhouette)")
    cluster.add_argument("--seed", type=int, default=0)
    cluster.add_argument("--min-similarity", type=float, default=ThemeParams.min_similarity,
                         help="cosine to the theme centre below which a text is unassigned (-1)")
    cluster.add_argument("--output", required=True)

    evaluate = commands.add_parser("evaluate", help="NMI, ARI and accuracy over 5 seeds")
    evaluate.add_argument("input")
    evaluate.add_argument("--text-column", required=True)
    evaluate.add_argument("--label-column", required=True)
    evaluate.add_argument("--k", type=_positive, default=None,
                          help="number of clusters (default: number of labels)")
    return parser


def run_cluster(args: argparse.Namespace) -> int:
    """Cluster the text column and write every row with `theme` and `theme_label` added."""
    table = read_table(args.input)
    texts = table.column(args.text_column)
    params = ThemeParams(k=args.k, seed=args.seed, min_similarity=args.min_similarity)
    run = cluster_needs(list(enumerate(texts)), params)
    labels = {t.id: t.label for t in run.themes}
    header = [h for h in table.header if h not in ("theme", "theme_label")]
    keep = [table.header.index(h) for h in header]
    rows = [[row[i] for i in keep] + [theme, labels[theme]]
            for row, theme in zip(table.rows, run.assignments, strict=True)]
    try:
        write_table(args.output, [*header, "theme", "theme_label"], rows, table.delimiter,
                    table.bom)
    except OSError as exc:
        raise CsvInputError(f"nie można zapisać {args.output} / cannot write: {exc}") from None
    stability = "–" if run.stability is None else f"{run.stability:.2f}"
    print(f"{len(texts)} texts, k={run.k} ({run.k_method}), seed={run.seed}, "
          f"stability (ARI)={stability}, unassigned={run.n_unassigned}, "
          f"{run.timings['total']:.1f} s")
    for theme in run.themes:
        print(f"  {theme.id:>3}  {theme.size:>6}  {theme.label}")
    return 0


def _row(name: str, result: Evaluation) -> str:
    m, s = result.mean, result.sd
    return (f"{name:<28} {m.nmi:.3f} ± {s.nmi:.3f}   {m.ari:.3f} ± {s.ari:.3f}   "
            f"{m.accuracy:.3f} ± {s.accuracy:.3f}")


def run_evaluate(args: argparse.Namespace) -> int:
    """Print NMI, ARI and matched accuracy (mean ± sd over 5 seeds) for ours and the floor."""
    table = read_table(args.input)
    pairs = [(t, lab) for t, lab in zip(table.column(args.text_column),
                                       table.column(args.label_column), strict=True) if lab]
    if len({lab for _, lab in pairs}) < 2:
        raise CsvInputError("potrzeba co najmniej 2 etykiet / at least 2 distinct labels needed")
    texts, labels = [t for t, _ in pairs], [lab for _, lab in pairs]
    ours = evaluate_pipeline(texts, labels, k=args.k)
    floor = evaluate_floor(texts, labels, k=args.k)
    print(f"n={ours.n}  k={ours.k}  seeds=0-4")
    print(f"{'method':<28} {'NMI':<15} {'ARI':<15} {'accuracy':<15}")
    print(_row("lemmas+TF-IDF+LSA+KMeans", ours))
    print(_row("floor: raw TF-IDF+KMeans", floor))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    args = build_parser().parse_args(argv)
    command = run_cluster if args.command == "cluster" else run_evaluate
    try:
        return command(args)
    except CsvInputError as exc:
        print(f"błąd / error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
