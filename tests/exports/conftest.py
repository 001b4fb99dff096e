"""Fixtures for the export writers: published tables and documents built by hand.

The writers read only `PublishedTable`s, so they are tested on tables made here, where it is
plain which cells are hidden; the end-to-end tests run the real aggregation and disclosure.
"""

from __future__ import annotations

from datetime import date

import pytest

from researcher.exports.document import CardDocument, CardLine, DiagnosisReport, Section
from researcher.reports.tables import Cell, PublishedTable
from tests.exports.data import Crafted, craft_campaign

K = 5
HIDDEN = f"<{K}"


def shown(value: int, percent: float | None = None) -> Cell:
    return Cell(value, str(value), None, percent)


def hidden(kind: str = "primary") -> Cell:
    return Cell(None, HIDDEN, kind)


def published(
    key: str,
    title: str,
    rows: list[tuple[str, str]],
    columns: list[tuple[str, str]],
    cells: list[list[Cell]],
    row_totals: list[Cell] | None = None,
    column_totals: list[Cell] | None = None,
    total: Cell | None = None,
    unit: str = "potrzeby",
    row_header: str = "Obszar",
) -> PublishedTable:
    """A PublishedTable with the given cells; totals default to sums of the visible cells."""

    def add(values: list[Cell]) -> Cell:
        return shown(sum(c.value or 0 for c in values))

    return PublishedTable(
        key=key,
        title=title,
        unit=unit,
        row_header=row_header,
        rows=[k for k, _ in rows],
        row_labels=[label for _, label in rows],
        columns=[k for k, _ in columns],
        column_labels=[label for _, label in columns],
        cells=cells,
        row_totals=row_totals if row_totals is not None else [add(row) for row in cells],
        column_totals=column_totals
        if column_totals is not None
        else [add([row[c] for row in cells]) for c in range(len(columns))],
        total=total or add([c for row in cells for c in row]),
        k=K,
        note=f"{HIDDEN} – liczba ukryta (tajemnica statystyczna)",
    )


@pytest.fixture(autouse=True)
def exports_dir(app, tmp_path):
    """Export files go to the test's temporary folder, never to the repository's instance/."""
    app.config["EXPORTS_DIR"] = str(tmp_path / "exports")
    yield
    app.config.pop("EXPORTS_DIR", None)


@pytest.fixture
def urgency_table() -> PublishedTable:
    """Needs by area × urgency: a 2 is hidden ("<5") and a neighbour 7 hidden with it."""
    return published(
        "needs_by_area_urgency",
        "Potrzeby według obszaru i pilności",
        [("pomoc_spoleczna", "Pomoc społeczna"), ("zdrowie", "Promocja i ochrona zdrowia"),
         ("niepelnosprawnosc", "Wspieranie osób niepełnosprawnych")],
        [("pilna", "Pilna"), ("3m", "W ciągu 3 miesięcy"), ("12m", "W ciągu roku")],
        [
            [shown(12), hidden("primary"), shown(30)],
            [shown(8), hidden("secondary"), shown(21)],
            [shown(15), shown(16), shown(17)],
        ],
        row_totals=[shown(44), shown(36), shown(48)],
        column_totals=[shown(35), shown(25), shown(68)],
        total=shown(128),
    )  # fmt: skip


@pytest.fixture
def outcome_table() -> PublishedTable:
    """Visits by outcome: one column, with percentages."""
    return published(
        "visits_by_outcome",
        "Wizyty według wyniku",
        [("zrealizowany", "Wywiad zrealizowany"), ("odmowa", "Odmowa"), ("przerwany", "Przerwany")],
        [("n", "Liczba wizyt")],
        [[shown(60, 60.0)], [shown(38, 38.0)], [hidden()]],
        total=shown(100),
        unit="wizyty",
        row_header="Wynik wizyty",
    )


@pytest.fixture
def card_document() -> CardDocument:
    """A card with the seed's two first rows and a formula-like name to neutralise."""
    line = CardLine(
        position=1,
        name="Usługa opieki pozaszkolnej i zajęć pozalekcyjnych",
        offered="tak",
        new="nie",
        criterion="Selekcyjne z gotowością do zmiany na powszechność – dzieci z rodzin w kryzysie",
        area="Edukacja publiczna",
        target_groups="Dzieci (4–12 lat); Rodziny z dziećmi",
        provider="Organizacja pozarządowa / PES",
        justification="Brak świetlicy w trzech sołectwach.",
        evidence="23",
        urgency_mix="Pilna: <5; W ciągu 3 miesięcy: 11",
    )
    second = CardLine(
        2, "Usługa pomocy domowej i opieki domowej", "nie", "tak", "Powszechność",
        "Wspieranie osób niepełnosprawnych", "Seniorzy 75+", "CUS / OPS",
        "=HYPERLINK(\"http://zly.example\")", HIDDEN, "Pilna: <5",
    )  # fmt: skip
    return CardDocument(
        title="Karta usług i kryteriów dostępu",
        subtitle="Stowarzyszenie Żółty Dąb – gmina Łącko",
        prepared_on=date(2026, 3, 12),
        prepared_by_name="Zofia Żak",
        lines=[line, second],
        k=K,
    )


@pytest.fixture
def report(urgency_table, outcome_table, card_document) -> DiagnosisReport:
    """A CUS report: summary, two sections, the card."""
    return DiagnosisReport(
        title="Diagnoza potrzeb mieszkańców – wkład organizacji",
        campaign="Rekonesans jesień 2026",
        gmina="gmina Łącko (powiat nowosądecki, woj. małopolskie)",
        period="01.10.2026–30.11.2026",
        variant="cus",
        recipient="Centrum Usług Społecznych",
        method="Wywiady bezpośrednie w gospodarstwach domowych (metoda poszukiwań bezpośrednich).",
        summary=[("Wizyty", "100"), ("Wywiady", "60"), ("Odsetek realizacji", "60,0%")],
        sections=[
            Section("Realizacja badania", "Wyniki wizyt.", [outcome_table]),
            Section("Potrzeby według obszaru i pilności", "Zgłoszone potrzeby.", [urgency_table]),
        ],
        k=K,
        disclosure_note=f"Liczby od 1 do {K - 1} pokazano jako „{HIDDEN}”.",
        card=card_document,
        generated_on=date(2026, 12, 1),
    )


@pytest.fixture
def crafted(demo, add_visit) -> Crafted:
    """The demo campaign with crafted needs, themes and a card (tests/exports/data.py)."""
    return craft_campaign(demo, add_visit)
