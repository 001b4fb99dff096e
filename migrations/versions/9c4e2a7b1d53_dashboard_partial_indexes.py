"""the dashboard's "sposoby zaspokajania" figures from the report slices: partial indexes of
visits with a contact request and of needs flagged out of scope; report slices emptied

The follow-up figure joined every need of a campaign to its visits to find those whose
respondent asked for contact (50 ms for a 100,000-need campaign), and the gaps figure grouped
every need of the campaign by area. Both now take their counts from the report slices, which
count the needs of contact-requesting respondents too (a new count, so the stored slices, a
cache, are emptied: recounted on demand or by `flask reports count`); only the follow-ups and
the needs flagged out of scope are read, from these small indexes.

Revision ID: 9c4e2a7b1d53
Revises: 8d2f6b1c4e07
Create Date: 2026-12-07 06:20:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '9c4e2a7b1d53'
down_revision = '8d2f6b1c4e07'
branch_labels = None
depends_on = None


def upgrade():
    op.execute('DELETE FROM report_slices')
    op.create_index(
        'ix_visits_contact_requested', 'visits', ['campaign_id', 'id'], unique=False,
        postgresql_where=sa.text('contact_requested IS true'),
        sqlite_where=sa.text('contact_requested IS 1'),
    )
    op.create_index(
        'ix_needs_scope_flagged', 'needs', ['campaign_id'], unique=False,
        postgresql_where=sa.text('scope_flag IS NOT NULL'),
        sqlite_where=sa.text('scope_flag IS NOT NULL'),
    )


def downgrade():
    op.drop_index('ix_needs_scope_flagged', table_name='needs')
    op.drop_index('ix_visits_contact_requested', table_name='visits')
