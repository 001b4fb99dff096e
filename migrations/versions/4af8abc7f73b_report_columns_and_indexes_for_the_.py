"""report columns and indexes for the dashboard

Copies the E1/E3/E2 answers out of `visits.data` into columns (filled for existing visits
here, by the sync service from now on) so the dashboard never reads the JSON documents.

Revision ID: 4af8abc7f73b
Revises: 15d4742d9a71
Create Date: 2026-11-23 15:28:08.199295

"""
import json

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '4af8abc7f73b'
down_revision = '15d4742d9a71'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('needs', schema=None) as batch_op:
        batch_op.create_index('ix_needs_report', ['campaign_id', 'status', 'locality_id', 'recorded_at', 'area', 'reviewed_area', 'urgency', 'met_status'], unique=False)

    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.add_column(sa.Column('services_rating', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('volunteering', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('community_gaps', sa.JSON(), nullable=True))
        batch_op.create_index('ix_visits_report', ['campaign_id', 'is_interview', 'locality_id', 'recorded_at', 'services_rating', 'volunteering'], unique=False)

    visits = sa.table(
        'visits', sa.column('id', sa.Integer), sa.column('data', sa.JSON),
        sa.column('services_rating', sa.String), sa.column('volunteering', sa.String),
        sa.column('community_gaps', sa.JSON),
    )
    bind = op.get_bind()
    rows = bind.execute(sa.select(visits.c.id, visits.c.data)).all()
    for visit_id, data in rows:
        data = json.loads(data) if isinstance(data, str) else (data or {})
        bind.execute(
            visits.update().where(visits.c.id == visit_id).values(
                services_rating=data.get('services_rating'),
                volunteering=data.get('volunteering'),
                community_gaps=data.get('community_gaps'),
            )
        )


def downgrade():
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.drop_index('ix_visits_report')
        batch_op.drop_column('community_gaps')
        batch_op.drop_column('volunteering')
        batch_op.drop_column('services_rating')

    with op.batch_alter_table('needs', schema=None) as batch_op:
        batch_op.drop_index('ix_needs_report')
