"""report slices: the counts stored zlib-compressed (a cache: emptied, recounted on demand)

`report_slices.counts` held each slice's document as JSON text, ~3.9 kB for a day of a small
campaign, ~1.2 kB after PostgreSQL's own compression. Stored compressed by the app with a
preset dictionary of the answer codes (`reports.packed`) it takes ~0.53 kB. The table is a cache kept by
signatures: the upgrade empties it and every report recounts what it needs (the count jobs of
`reports.jobs` refill it after the next sync); so does the downgrade.

Revision ID: 8d2f6b1c4e07
Revises: 5e0c2a7d91b4
Create Date: 2026-12-07 04:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '8d2f6b1c4e07'
down_revision = '5e0c2a7d91b4'
branch_labels = None
depends_on = None


def _retype(new_type, using):
    op.execute("DELETE FROM report_slices")
    with op.batch_alter_table('report_slices', schema=None) as batch_op:
        batch_op.alter_column('counts', type_=new_type, existing_nullable=False,
                              postgresql_using=using)


def upgrade():
    _retype(sa.LargeBinary(), "NULL")


def downgrade():
    _retype(sa.JSON(), "NULL")
