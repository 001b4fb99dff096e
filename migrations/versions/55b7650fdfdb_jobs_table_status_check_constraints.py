"""jobs table; status check constraints

One job queue (researcher/jobs) and a CHECK on every status column, built from the StrEnum
beside its model (researcher/codes.py). The values are written out here, frozen: a later change
of a status set is a new revision.

Revision ID: 55b7650fdfdb
Revises: c16a9e2d4b71
Create Date: 2026-12-06 17:17:37.479576

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '55b7650fdfdb'
down_revision = 'c16a9e2d4b71'
branch_labels = None
depends_on = None

STATUSES = {
    "campaigns": ("planowana", "aktywna", "zakonczona"),
    "needs": ("nowa", "zweryfikowana", "odrzucona"),
    "quarantine": ("nowy", "przyjety", "odrzucony"),
    "analysis_runs": ("oczekuje", "trwa", "gotowa", "blad"),
    "exports": ("oczekuje", "trwa", "gotowy", "blad"),
}
# Runs and exports started before this revision had threads that no longer exist.
INTERRUPTED = "Zadanie przerwane: serwer zatrzymał się w trakcie pracy. Uruchom je ponownie."


def _in(values):
    return "status IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def upgrade():
    op.create_table('jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('worker', sa.String(length=200), nullable=True),
    sa.Column('lease_until', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("status IN ('oczekuje', 'trwa', 'gotowe', 'blad')", name=op.f('ck_jobs_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_jobs'))
    )
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_jobs_status'), ['status'], unique=False)

    # Two need statuses had labels but nothing ever set them.
    op.execute(
        "UPDATE needs SET status = 'zweryfikowana' "
        "WHERE status IN ('przypisana', 'wyeksportowana')"
    )
    for table in ("analysis_runs", "exports"):
        op.execute(
            sa.text(
                f"UPDATE {table} SET status = 'blad', error = :message "
                "WHERE status IN ('oczekuje', 'trwa')"
            ).bindparams(message=INTERRUPTED)
        )
    for table, values in STATUSES.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_check_constraint(op.f(f"ck_{table}_status"), _in(values))


def downgrade():
    for table in STATUSES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(f"ck_{table}_status"), type_="check")
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_jobs_status'))

    op.drop_table('jobs')
