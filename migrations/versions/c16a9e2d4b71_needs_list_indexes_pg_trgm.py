"""needs list: keyset indexes in its order; pg_trgm index for the word search on PostgreSQL

Revision ID: c16a9e2d4b71
Revises: a35cd6ae6e09
Create Date: 2026-12-06 18:20:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c16a9e2d4b71'
down_revision = 'a35cd6ae6e09'
branch_labels = None
depends_on = None

# The expression `researcher.needs.services.SEARCHED` lowers: keep the two identical, or
# PostgreSQL will not use the index for `LIKE '%słowo%'`.
SEARCH_INDEX = (
    "CREATE INDEX ix_needs_search_trgm ON needs USING gin "
    "(lower(description || ' ' || coalesce(service_type, '')) gin_trgm_ops)"
)


def upgrade():
    op.create_index('ix_needs_recorded', 'needs', ['recorded_at', 'id'], unique=False)
    op.create_index(
        'ix_needs_campaign_recorded', 'needs', ['campaign_id', 'recorded_at', 'id'], unique=False
    )
    if op.get_bind().dialect.name == 'postgresql':
        # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
        op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
        op.execute(SEARCH_INDEX)


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP INDEX IF EXISTS ix_needs_search_trgm')
        # The extension stays: other objects of the database may use it.
    op.drop_index('ix_needs_campaign_recorded', table_name='needs')
    op.drop_index('ix_needs_recorded', table_name='needs')
