"""The record-level export as SPSS `.sav` files (optional: `pip install -e ".[spss]"`).

One `.sav` per table (visits, needs, codebook) in a ZIP, written by pyreadstat (ReadStat).
Each variable carries its label (question number and text); a coded answer becomes a number
with value labels "Polish label [code]", since SPSS labels numbers, not long strings; yes/no
answers become 1/0 labelled "tak"/"nie"; lists of codes stay text (see the codebook).
Without pyreadstat (and pandas) installed, `available()` is False and the page does not
offer the format.
"""

from __future__ import annotations

import importlib.util
import io
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from researcher.records.services import Column, RecordExport, Table

NUMBERS = {"liczba", "integer"}
YES_NO = {"tak/nie", "bool"}
YES_NO_LABELS = {1: "tak", 0: "nie"}
LABEL_LENGTH = 250  # SPSS keeps 256 bytes of a variable label; Polish letters take two


def available() -> bool:
    """True when the optional SPSS writer (pyreadstat, with pandas) is installed."""
    return all(importlib.util.find_spec(name) is not None for name in ("pyreadstat", "pandas"))


def variable_name(name: str) -> str:
    """A valid SPSS variable name: letters, digits and "_", starting with a letter."""
    clean = re.sub(r"[^A-Za-z0-9_]", "_", name)
    return clean if clean[:1].isalpha() else f"v_{clean}"


def _label(column: Column) -> str:
    text = f"{column.source} {column.text}" if column.source != "—" else str(column.text)
    while len(text.encode("utf-8")) > LABEL_LENGTH:
        text = text[:-1]
    return text


def _coded(column: Column, values: list[Any]) -> tuple[list[float | None], dict[int, str]]:
    """Codes → 1, 2, … in the codebook's order (codes outside it after them), with labels."""
    numbers = {code: i for i, code in enumerate(column.codes, start=1)}
    labels = {i: f"{label} [{code}]" for code, i in numbers.items() for label in
              [column.codes[code]]}  # fmt: skip
    out: list[float | None] = []
    for value in values:
        if value in ("", None):
            out.append(None)
            continue
        if value not in numbers:
            numbers[value] = len(numbers) + 1
            labels[numbers[value]] = f"{value} [{value}]"
        out.append(numbers[value])
    return out, labels


def _frame(table: Table) -> tuple[Any, dict[str, str], dict[str, dict[int, str]], dict]:
    import pandas as pd

    data: dict[str, Any] = {}
    labels: dict[str, str] = {}
    value_labels: dict[str, dict[int, str]] = {}
    measure: dict[str, str] = {}
    for index, column in enumerate(table.columns):
        name = variable_name(column.name)
        values = [row[index] for row in table.rows]
        if column.kind == "kod" and column.codes:
            data[name], value_labels[name] = _coded(column, values)
            data[name] = pd.Series(data[name], dtype="float64")
            measure[name] = "nominal"
        elif column.kind in YES_NO:
            data[name] = pd.Series(
                [None if v in ("", None) else float(v in ("tak", True)) for v in values],
                dtype="float64",
            )
            value_labels[name], measure[name] = YES_NO_LABELS, "nominal"
        elif column.kind in NUMBERS:
            data[name] = pd.to_numeric(pd.Series(values, dtype="object").replace("", None))
            measure[name] = "scale"
        else:
            data[name] = pd.Series(["" if v is None else str(v) for v in values], dtype="object")
            measure[name] = "nominal"
        labels[name] = _label(column)
    return pd.DataFrame(data), labels, value_labels, measure


def to_sav_zip(export: RecordExport) -> bytes:
    """A ZIP of `wizyty.sav`, `potrzeby.sav` and `slownik.sav` with variable/value labels."""
    import pyreadstat

    out = io.BytesIO()
    with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as archive:
        for table in export.tables:
            frame, labels, value_labels, measure = _frame(table)
            path = Path(folder) / f"{table.name}.sav"
            pyreadstat.write_sav(
                frame, str(path), file_label=f"{export.campaign} – {table.name}"[:64],
                column_labels=labels, variable_value_labels=value_labels,
                variable_measure=measure,
                note=f"Rekonesans: dane spseudonimizowane, nie do publikacji. "
                     f"Kwestionariusz {export.version}.",
            )  # fmt: skip
            archive.write(path, path.name)
    return out.getvalue()
