"""a partial index of the restricted visits (art. 18), for every count that leaves them out

`need_not_restricted()` keeps the needs of restricted visits out of reports and the analysis
with `visit_id NOT IN (SELECT id FROM visits WHERE restricted IS true)`. Without an index
PostgreSQL read the whole visits table for that subquery in every counting query (0.1–0.3 s
each at a million visits, six per slice recount). Restricted visits are few: the partial index
is a few pages.

Revision ID: 5e0c2a7d91b4
Revises: 3b8d41f07c2e
Create Date: 2026-12-07 03:50:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '5e0c2a7d91b4'
down_revision = '3b8d41f07c2e'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        'ix_visits_restricted', 'visits', ['id'], unique=False,
        postgresql_where=sa.text('restricted IS true'), sqlite_where=sa.text('restricted IS 1'),
    )


def downgrade():
    op.drop_index('ix_visits_restricted', table_name='visits')
