"""A run's bulk reads and writes: a campaign's needs as plain rows in, every assignment out.

At 100,000 needs the ORM's object per row cost most of a run's time and memory; here a need
is three columns and an assignment one tuple handed to the driver.
"""

from __future__ import annotations

from itertools import islice
from typing import NamedTuple

from sqlalchemy import func

from analysis.themes import ThemeRun
from researcher.extensions import db
from researcher.interviews.models import Need, NeedStatus, need_not_restricted
from researcher.themes.models import AnalysisRun, Theme, ThemeAssignment

ASSIGNMENT_CHUNK = 5_000


class NeedText(NamedTuple):
    """What a run reads of a need: no ORM object, three columns."""

    id: int
    description: str
    area: str  # effective: the manager's correction, else the researcher's


def campaign_needs(campaign_id: int) -> list[NeedText]:
    """The campaign's needs (not rejected) as plain tuples, by id.

    A 100k-need campaign as ORM objects cost ~1 GB and most of a run's time; three columns
    streamed in batches (a server-side cursor on PostgreSQL) cost a tenth. The rows are sorted
    here rather than in SQL: the database would sort every row of the campaign on disk.
    """
    stmt = (
        db.select(Need.id, Need.description, func.coalesce(Need.reviewed_area, Need.area))
        .where(Need.campaign_id == campaign_id, Need.status != NeedStatus.REJECTED,
               need_not_restricted())
        .execution_options(yield_per=ASSIGNMENT_CHUNK)
    )
    rows = [NeedText(*row) for row in db.session.execute(stmt)]
    rows.sort()
    return rows


def store_assignments(run: AnalysisRun, result: ThemeRun, themes: dict[int, Theme]) -> None:
    """Every need's assignment at once: COPY on PostgreSQL, the driver's executemany on SQLite.

    Not one ORM object per need. At 100,000 needs the INSERTs (statements of 1,000 rows,
    parsed and planned each) took most of the storing; COPY streams the rows in one command.
    """
    rows = (
        (run.id, int(need_id), themes[number].id if number in themes else None,
         None if score is None else float(score), False, False)
        for need_id, number, score in zip(
            result.ids, result.assignments, result.similarities, strict=True
        )
    )  # fmt: skip
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        with connection.connection.driver_connection.cursor() as cursor:  # the session's own
            with cursor.copy(f"COPY theme_assignments ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    if connection.dialect.name == "sqlite":
        # The driver's executemany of plain tuples: Core's multi-row INSERT builds a dict and
        # binds every value through SQLAlchemy first, 3 s of a 100k run against 0.3 s.
        marks = ", ".join("?" * len(COLUMNS))
        connection.exec_driver_sql(
            f"INSERT INTO theme_assignments ({', '.join(COLUMNS)}) VALUES ({marks})", list(rows)
        )
        return
    table = ThemeAssignment.__table__
    while chunk := list(islice(rows, ASSIGNMENT_CHUNK)):
        db.session.execute(table.insert(), [dict(zip(COLUMNS, row, strict=True)) for row in chunk])


COLUMNS = ("run_id", "need_id", "theme_id", "score", "manual", "late")
