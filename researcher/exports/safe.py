"""Formula-injection neutralisation for every text cell written to CSV or XLSX.

A spreadsheet treats a cell that starts with `=`, `+`, `-` or `@` (or their full-width forms)
as a formula (and tab or
carriage return can smuggle one past a naive check), so a need description or a theme name
such as `=HYPERLINK(...)` could run when the gmina opens the file. Every CSV and XLSX writer
passes its text through `neutralise`, which prefixes such text with an apostrophe (OWASP "CSV
injection" advice): the value is shown as typed and never evaluated.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: First characters that make a spreadsheet read a cell as a formula; some spreadsheets also
#: read the full-width forms (＝ ＋ － ＠, as typed on East Asian keyboards) as the ASCII ones.
FORMULA_STARTS: tuple[str, ...] = (
    "=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20",
)


def neutralise(value: Any) -> Any:
    """Return `value` unchanged unless it is text starting like a formula; then quote it."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_row(values: Iterable[Any]) -> list[Any]:
    """`neutralise` applied to every cell of a row (numbers and None pass through)."""
    return [neutralise(value) for value in values]
