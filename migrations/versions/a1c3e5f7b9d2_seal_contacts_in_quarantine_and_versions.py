"""seal contact data kept in the quarantine and in visit versions

Contact data reached `quarantine.payload` (a record rejected for another field) and
`visit_versions.data` (a conflicting resend) in clear. They are encrypted in place with the
app's CONTACT_KEY, as `data.contact_sealed`, like every new record (interviews/contacts.py).

Revision ID: a1c3e5f7b9d2
Revises: fca6cf6ef803
Create Date: 2026-12-06 17:45:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'a1c3e5f7b9d2'
down_revision = 'fca6cf6ef803'
branch_labels = None
depends_on = None


def _seal(table: str, column: str, nested: bool) -> None:
    from researcher.interviews.contacts import seal_data, seal_record

    bind = op.get_bind()
    rows_table = sa.table(table, sa.column("id", sa.Integer), sa.column(column, sa.JSON))
    for row_id, document in bind.execute(sa.select(rows_table.c.id, rows_table.c[column])):
        sealed = seal_record(document) if nested else (
            seal_data(document) if isinstance(document, dict) else document)
        if sealed is not document:
            bind.execute(
                rows_table.update().where(rows_table.c.id == row_id).values({column: sealed})
            )


def upgrade():
    _seal("quarantine", "payload", nested=True)
    _seal("visit_versions", "data", nested=False)


def downgrade():
    pass  # encrypted contact data stay encrypted
