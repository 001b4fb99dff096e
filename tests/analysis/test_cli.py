"""`python -m analysis` on good and bad CSV files, run as its own process as an analyst would."""

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from .corpora import labelled_items

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "analysis", *map(str, args)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )


def write_needs(path, delimiter=",", bom=False):
    items, truth = labelled_items()
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(["id", "opis", "grupa"])
        writer.writerows([i, text, truth[i]] for i, text in items)
    return items, truth


def test_cluster_adds_theme_columns_to_every_row_of_a_comma_file(tmp_path):
    items, truth = write_needs(tmp_path / "needs.csv")
    result = run_cli("cluster", tmp_path / "needs.csv", "--text-column", "opis", "--k", "4",
                     "--output", tmp_path / "out.csv")
    assert result.returncode == 0, result.stderr
    with open(tmp_path / "out.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == [i for i, _ in items]
    assert set(rows[0]) == {"id", "opis", "grupa", "theme", "theme_label"}
    themes = {}
    for row in rows:
        themes.setdefault(row["grupa"], set()).add(row["theme"])
    assert all(len(t) == 1 for t in themes.values()) and len(set.union(*themes.values())) == 4


def test_cluster_reads_a_semicolon_file_with_bom_and_writes_it_back_alike(tmp_path):
    write_needs(tmp_path / "needs.csv", delimiter=";", bom=True)
    result = run_cli("cluster", tmp_path / "needs.csv", "--text-column", "opis", "--seed", "1",
                     "--output", tmp_path / "out.csv")
    assert result.returncode == 0, result.stderr
    raw = (tmp_path / "out.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines()[0] == "id;opis;grupa;theme;theme_label"


def test_evaluate_prints_nmi_ari_and_accuracy(tmp_path):
    write_needs(tmp_path / "needs.csv")
    result = run_cli("evaluate", tmp_path / "needs.csv", "--text-column", "opis",
                     "--label-column", "grupa")
    assert result.returncode == 0, result.stderr
    assert "NMI" in result.stdout and "ARI" in result.stdout and "accuracy" in result.stdout
    assert "1.000 ± 0.000" in result.stdout


BAD_FILES = {
    "missing": None,
    "empty": b"",
    "not_utf8": "opis\nPotrzebna opieka dla starszej sąsiadki\n".encode("cp1250"),
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "ragged": b"opis,grupa\nopieka,a\nremont,b,c,d\n",
    "header_only": b"opis,grupa\n",
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_a_bad_file_gets_a_message_and_exit_code_2(tmp_path, kind):
    path = tmp_path / "bad.csv"
    if BAD_FILES[kind] is not None:
        path.write_bytes(BAD_FILES[kind])
    result = run_cli("cluster", path, "--text-column", "opis", "--output", tmp_path / "out.csv")
    assert result.returncode == 2
    assert result.stderr.startswith("błąd / error:")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.csv").exists()


def test_a_missing_column_is_named_with_the_columns_there_are(tmp_path):
    write_needs(tmp_path / "needs.csv")
    result = run_cli("evaluate", tmp_path / "needs.csv", "--text-column", "tekst",
                     "--label-column", "grupa")
    assert result.returncode == 2
    assert "tekst" in result.stderr and "opis" in result.stderr
    assert "Traceback" not in result.stderr


def test_analysis_imports_neither_flask_nor_a_database():
    code = ("import sys, analysis.themes, analysis.areas, analysis.evaluate, analysis.__main__; "
            "bad = {'flask', 'sqlalchemy', 'flask_sqlalchemy'} & set(sys.modules); "
            "sys.exit(sorted(bad) or 0)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
