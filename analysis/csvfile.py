"""Read and write the CSV files of the command line: UTF-8 with or without BOM, "," or ";".

Every problem with an input file becomes a `CsvInputError` with a message in Polish and English,
so the command line can print it and exit 2 instead of showing a traceback.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

DELIMITERS = (",", ";")


class CsvInputError(Exception):
    """An input file that cannot be used; the message is meant for the person running the tool."""


@dataclass(frozen=True)
class Table:
    """A CSV file read into memory, remembering how it was written so the output can match."""

    header: list[str]
    rows: list[list[str]]
    delimiter: str
    bom: bool

    def column(self, name: str) -> list[str]:
        """The values of one column; a clear error naming the columns there are if it is absent."""
        if name not in self.header:
            there = ", ".join(self.header)
            raise CsvInputError(
                f"brak kolumny „{name}” (są: {there}) / no column '{name}' (columns: {there})"
            )
        index = self.header.index(name)
        return [row[index] for row in self.rows]


def _delimiter(first_line: str) -> str:
    # The header row decides: it names the columns and rarely holds free text with commas,
    # unlike the need descriptions below it, which confuse csv.Sniffer.
    counts = {d: len(next(csv.reader([first_line], delimiter=d), [])) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: (counts[d], d == ","))


def _decode(path: Path) -> tuple[str, bool]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CsvInputError(f"nie ma pliku {path} / file not found: {path}") from None
    except IsADirectoryError:
        raise CsvInputError(f"{path} to katalog, nie plik / {path} is a directory") from None
    except OSError as exc:
        raise CsvInputError(f"nie można odczytać {path} / cannot read {path}: {exc}") from None
    bom = raw.startswith(codecs.BOM_UTF8)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvInputError(
            f"{path} nie jest w UTF-8 (zapisz jako „CSV UTF-8”) / {path} is not UTF-8 text"
        ) from None
    if "\x00" in text:
        raise CsvInputError(f"{path} nie jest plikiem CSV / {path} is not a CSV file")
    if not text.strip():
        raise CsvInputError(f"plik {path} jest pusty / file {path} is empty")
    return text, bom


def read_table(path: str | Path) -> Table:
    """Read a CSV file; raise `CsvInputError` for anything that is not a usable table."""
    path = Path(path)
    text, bom = _decode(path)
    delimiter = _delimiter(text.lstrip("\r\n").splitlines()[0])
    try:
        records = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
                   if any(cell.strip() for cell in r)]
    except csv.Error as exc:
        raise CsvInputError(
            f"{path} nie jest poprawnym CSV / {path} is not valid CSV: {exc}"
        ) from None
    header = [name.strip() for name in records[0]]
    if len(set(header)) != len(header) or not all(header):
        raise CsvInputError(
            f"nagłówek {path} ma puste lub powtórzone nazwy / the header of {path} has empty or "
            f"repeated column names"
        )
    rows = []
    for number, record in enumerate(records[1:], start=2):
        if len(record) > len(header):
            raise CsvInputError(
                f"{path}, wiersz {number}: {len(record)} pól, nagłówek ma {len(header)} / "
                f"row {number} has {len(record)} fields, the header has {len(header)}"
            )
        rows.append(record + [""] * (len(header) - len(record)))
    if not rows:
        raise CsvInputError(f"{path} nie ma wierszy danych / {path} has no data rows")
    return Table(header, rows, delimiter, bom)


def write_table(
    path: str | Path,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    delimiter: str = ",",
    bom: bool = False,
) -> None:
    """Write a CSV file in UTF-8 (with a BOM when asked: Excel needs it to read Polish letters)."""
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
