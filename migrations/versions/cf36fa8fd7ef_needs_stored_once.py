"""answers stored once: visits.data keeps no copy of the needs or of the answers copied to
visits columns; needs.target_groups_other; smaller indexes on PostgreSQL

A visit's needs were stored twice: as rows of `needs` and as the list `needs` inside
`visits.data` (~540 B of the ~1.3 kB JSON of an interview). The rows become the one copy:
`researcher.interviews.answers` rebuilds the list from them for every reader. D5.inna (the
"other" target group, free text) had no column; it gets one, filled here from `data`.

The answers copied to columns of `visits` (campaign, locality, outcome, respondent code, E1,
E2, E3) leave `data` too when equal to their column (each ~20-40 B of JSON a visit).

Indexes: `ix_needs_meeting_id` indexed the NULL of every visit's need; it becomes partial
(`WHERE meeting_id IS NOT NULL`). On PostgreSQL the trigram index of the needs search keeps
a pending list of 256 kB instead of 4 MB (`gin_pending_list_limit`): built through the sync
it was 1.6 times its compact size (1.1 kB an interview at 10k interviews, 0.7 kB with the
small list); without a pending list at all (`fastupdate = off`) inserts were 5 times slower.

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

COPIED = ("campaign_id", "locality_id", "visit_outcome", "respondent_code", "services_rating",
          "volunteering", "community_gaps")
visits = sa.table(
    'visits', sa.column('id', sa.Integer), sa.column('data', sa.JSON),
    sa.column('campaign_id', sa.Integer), sa.column('locality_id', sa.Integer),
    *(sa.column(k, sa.JSON if k == "community_gaps" else sa.Text) for k in COPIED[2:]),
)
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
    """(visit id → (data, columns), visit id → its need rows by position), CHUNK at a time."""
    last = 0
    while True:
        rows = connection.execute(
            sa.select(visits).where(visits.c.id > last).order_by(visits.c.id).limit(CHUNK)
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
        yield {r.id: (r.data, {k: getattr(r, k) for k in COPIED}) for r in rows}, rows_of


def upgrade():
    with op.batch_alter_table('needs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('target_groups_other', sa.String(length=100), nullable=True))

    connection = op.get_bind()
    if connection.dialect.name == 'postgresql':
        op.execute("ALTER INDEX ix_needs_search_trgm SET (gin_pending_list_limit = 256)")
        op.execute("SELECT gin_clean_pending_list('ix_needs_search_trgm'::regclass)")
    op.drop_index('ix_needs_meeting_id', table_name='needs')
    op.create_index('ix_needs_meeting_id', 'needs', ['meeting_id'], unique=False,
                    postgresql_where=sa.text('meeting_id IS NOT NULL'),
                    sqlite_where=sa.text('meeting_id IS NOT NULL'))

    kept = 0
    for data_of, rows_of in _chunks(connection):
        others, stripped = [], []
        for visit_id, (data, columns) in data_of.items():
            if not isinstance(data, dict):
                continue
            stored = {k: v for k, v in data.items()
                      if not (k in COPIED and v is not None and v == columns[k])}
            listed = data.get("needs")
            if not isinstance(listed, list) or not listed:
                if stored != data:
                    stripped.append({"visit_id": visit_id, "stored": stored})
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
                del stored["needs"]
            else:
                kept += 1
            if stored != data:
                stripped.append({"visit_id": visit_id, "stored": stored})
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


def _whole(data, columns, rows):
    """`data` with the copied answers and the needs back."""
    whole = dict(data)
    for key in COPIED:
        value = columns[key]
        if key not in whole and value is not None:
            whole[key] = value
    if "needs" not in whole and rows:
        whole["needs"] = [_answers(r) for _, r in sorted(rows.items())]
    return whole


def downgrade():
    connection = op.get_bind()
    for data_of, rows_of in _chunks(connection):
        restored = []
        for visit_id, (data, columns) in data_of.items():
            if not isinstance(data, dict):
                continue
            whole = _whole(data, columns, rows_of.get(visit_id))
            if whole != data:
                restored.append({"visit_id": visit_id, "whole": whole})
        if restored:
            connection.execute(
                visits.update().where(visits.c.id == sa.bindparam("visit_id"))
                .values(data=sa.bindparam("whole", type_=sa.JSON)), restored)

    with op.batch_alter_table('needs', schema=None) as batch_op:
        batch_op.drop_column('target_groups_other')
    op.drop_index('ix_needs_meeting_id', table_name='needs')
    op.create_index('ix_needs_meeting_id', 'needs', ['meeting_id'], unique=False)
    if connection.dialect.name == 'postgresql':
        op.execute("ALTER INDEX ix_needs_search_trgm RESET (gin_pending_list_limit)")
