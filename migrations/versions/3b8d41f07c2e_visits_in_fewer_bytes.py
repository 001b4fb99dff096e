"""visits in fewer bytes: coded keys in visits.data; on PostgreSQL visits.uuid as uuid and
visits.content_hash as bytea; needs.created_at dropped

Issue 16 item 5 (≤ 3 kB an interview on PostgreSQL). Every value the app reads stays the
same; only how it is stored changes (`researcher.interviews.stored_types`):

- `visits.data`: each known question key becomes a short code ("respondent_situation" →
  "15"), ~180 B of the ~510 B of an interview's JSON. A key not in the table is kept as it is
  (escaped with "~" when it looks like a code). Both databases.
- `visits.uuid`: PostgreSQL's `uuid` (16 B instead of 37, in the row and in `uq_visits_uuid`).
- `visits.content_hash`: the SHA-256 digest's 32 bytes (`bytea`) instead of 64 hex characters.
  These two stay text on SQLite.
- `needs.created_at`: nothing read it (8 B a need); downgrade fills it with the visit's
  `received_at` (a meeting's or imported need: its `updated_at`).

Revision ID: 3b8d41f07c2e
Revises: cf36fa8fd7ef
Create Date: 2026-12-07 03:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '3b8d41f07c2e'
down_revision = 'cf36fa8fd7ef'
branch_labels = None
depends_on = None

CHUNK = 2000
# Frozen copy of researcher.interviews.stored_types (migrations are history: no app imports).
STORED_KEYS = (
    "campaign_id", "locality_id", "visit_outcome", "leaflet_given", "consent_interview",
    "adult", "consent_health", "interview_mode", "age_band", "gender", "household_size",
    "household_members", "daily_help_needed", "informal_carer", "household_type",
    "respondent_situation", "areas", "areas_other", "top_areas", "needs", "services_rating",
    "community_gaps", "volunteering", "info_sources", "contact_requested", "contact",
    "researcher_note", "respondent_code",
)
CODE = {key: str(i) for i, key in enumerate(STORED_KEYS)}
KEY = {code: key for key, code in CODE.items()}
ESCAPE = "~"

visits = sa.table('visits', sa.column('id', sa.Integer), sa.column('data', sa.JSON))


def _coded(data):
    if not isinstance(data, dict):
        return data
    return {CODE.get(k) or (ESCAPE + k if k in KEY or k.startswith(ESCAPE) else k): v
            for k, v in data.items()}


def _named(data):
    if not isinstance(data, dict):
        return data
    return {KEY.get(k) or (k[len(ESCAPE):] if k.startswith(ESCAPE) else k): v
            for k, v in data.items()}


def _rewrite_data(convert):
    """Every visit's `data` through `convert`, CHUNK rows at a time."""
    connection = op.get_bind()
    last = 0
    while True:
        rows = connection.execute(
            sa.select(visits.c.id, visits.c.data).where(visits.c.id > last)
            .order_by(visits.c.id).limit(CHUNK)
        ).all()
        if not rows:
            return
        last = rows[-1].id
        changed = [{"visit_id": r.id, "stored": convert(r.data)} for r in rows
                   if convert(r.data) != r.data]
        if changed:
            connection.execute(
                visits.update().where(visits.c.id == sa.bindparam("visit_id"))
                .values(data=sa.bindparam("stored", type_=sa.JSON)), changed)


def upgrade():
    _rewrite_data(_coded)
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("ALTER TABLE visits ALTER COLUMN uuid TYPE uuid USING uuid::uuid, "
                   "ALTER COLUMN content_hash TYPE bytea USING decode(content_hash, 'hex')")
    # Plain SQL on both (SQLite 3.35+): a batch copy of `needs` would rebuild all its indexes.
    op.execute("ALTER TABLE needs DROP COLUMN created_at")


def downgrade():
    with op.batch_alter_table('needs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('created_at', sa.DateTime(), nullable=True))
    op.execute("UPDATE needs SET created_at = coalesce("
               "(SELECT received_at FROM visits WHERE visits.id = needs.visit_id), updated_at)")
    with op.batch_alter_table('needs', schema=None) as batch_op:
        batch_op.alter_column('created_at', existing_type=sa.DateTime(), nullable=False)
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("ALTER TABLE visits ALTER COLUMN uuid TYPE varchar(36) USING uuid::text, "
                   "ALTER COLUMN content_hash TYPE varchar(64) "
                   "USING encode(content_hash, 'hex')")
    _rewrite_data(_named)
