"""needs stored once: visits.data keeps no copy of the needs; needs.target_groups_other

A visit's needs were stored twice: as rows of `needs` and as the list `needs` inside
`visits.data` (~540 B of the ~1.3 kB JSON of an interview). The rows become the one copy:
`researcher.interviews.answers` rebuilds the list from them for every reader. D5.inna (the
"other" target group, free text) had no column; it gets one, filled here from `data`.

Upgrade, per visit: every need of `data["needs"]` must exist as its row (same position) and
come back identical from it; only then is the list removed from `data`. A visit whose list
the rows cannot give back exactly keeps it (nothing is lost; the app reads it as before).
Downgrade puts the rebuilt list back into `data` and drops the column.

Revision ID: cf36fa8fd7ef
Revises: fed8e4f421c9
Create Date: 2026-12-06 23:40:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'cf36fa8fd7ef'
down_revision = 'fed8e4f421c9'
branch_labels = None
depends_on = None

CHUNK = 2000
# Frozen copy of researcher.interviews.answers (migrations are history: no app imports).
ANSWER_KEYS = (
    "description", "area", "service_type", "beneficiary", "target_groups",
    "target_groups_other", "urgency", "met_status", "met_by", "barriers", "preferred_forms",
    "frequency", "access_view",
)
LISTS = {"target_groups", "met_by", "barriers", "preferred_forms"}

visits = sa.table('visits', sa.column('id', sa.Integer), sa.column('data', sa.JSON))
needs = sa.table(
    'needs', sa.column('id', sa.Integer), sa.column('visit_id', sa.Integer),
    sa.column('position', sa.Integer),
    *(sa.column(k, sa.JSON if k in LISTS else sa.Text) for k in ANSWER_KEYS),
)


def _empty(value):
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return not value
    return False


def _answers(row):
    """A need's answers from its row, unanswered ones left out (as a phone sends them)."""
    return {k: (list(row[k]) if k in LISTS else row[k]) for k in ANSWER_KEYS
            if not _empty(row[k])}


def _chunks(connection):
    """(visit id → data, visit id → its need rows by position), CHUNK visits at a time."""
    last = 0
    while True:
        rows = connection.execute(
            sa.select(visits.c.id, visits.c.data).where(visits.c.id > last)
            .order_by(visits.c.id).limit(CHUNK)
        ).all()
        if not rows:
            return
        last = rows[-1].id
        rows_of = {}
        for need in connection.execute(
            sa.select(needs).where(needs.c.visit_id.in_([r.id for r in rows]))
            .order_by(needs.c.visit_id, needs.c.position)
        ).mappings():
            rows_of.setdefault(need["visit_id"], {})[need["position"]] = dict(need)
        yield {r.id: r.data for r in rows}, rows_of


def upgrade():
    with op.batch_alter_table('needs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('target_groups_other', sa.String(length=100), nullable=True))

    connection = op.get_bind()
    kept = 0
    for data_of, rows_of in _chunks(connection):
        others, stripped = [], []
        for visit_id, data in data_of.items():
            listed = data.get("needs") if isinstance(data, dict) else None
            if not isinstance(listed, list) or not listed:
                continue
            rows = rows_of.get(visit_id, {})
            for position, answers in enumerate(listed, start=1):
                other = answers.get("target_groups_other") if isinstance(answers, dict) else None
                if position in rows and isinstance(other, str):
                    rows[position]["target_groups_other"] = other
                    others.append({"need_id": rows[position]["id"], "other": other})
            same = sorted(rows) == list(range(1, len(listed) + 1)) and all(
                _answers(rows[p]) == answers for p, answers in enumerate(listed, start=1)
            )
            if same:
                stripped.append({"visit_id": visit_id,
                                 "stored": {k: v for k, v in data.items() if k != "needs"}})
            else:
                kept += 1
        if others:
            connection.execute(
                needs.update().where(needs.c.id == sa.bindparam("need_id"))
                .values(target_groups_other=sa.bindparam("other")), others)
        if stripped:
            connection.execute(
                visits.update().where(visits.c.id == sa.bindparam("visit_id"))
                .values(data=sa.bindparam("stored", type_=sa.JSON)), stripped)
    if kept:
        print(f"needs stored once: {kept} visits keep their list in data (rows differ)")


def downgrade():
    connection = op.get_bind()
    for data_of, rows_of in _chunks(connection):
        restored = [
            {"visit_id": visit_id,
             "whole": {**data, "needs": [_answers(r) for _, r in sorted(rows_of[visit_id].items())]}}
            for visit_id, data in data_of.items()
            if isinstance(data, dict) and "needs" not in data and rows_of.get(visit_id)
        ]
        if restored:
            connection.execute(
                visits.update().where(visits.c.id == sa.bindparam("visit_id"))
                .values(data=sa.bindparam("whole", type_=sa.JSON)), restored)

    with op.batch_alter_table('needs', schema=None) as batch_op:
        batch_op.drop_column('target_groups_other')
