"""service type (D3) reviews

The manager's review of a campaign's service-type groups: each reviewed wording's key (a hash,
no copy of the text) → its group name, and the approval the diagnosis export waits for.

Revision ID: d3a1c5e7f902
Revises: bf47ded926b1
Create Date: 2026-12-06 20:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd3a1c5e7f902'
down_revision = 'bf47ded926b1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('service_type_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('groups', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('approved_at', sa.DateTime(), nullable=True),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_service_type_reviews_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_service_type_reviews_updated_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['approved_by_id'], ['users.id'], name=op.f('fk_service_type_reviews_approved_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_type_reviews')),
    sa.UniqueConstraint('campaign_id', name=op.f('uq_service_type_reviews_campaign_id'))
    )


def downgrade():
    op.drop_table('service_type_reviews')
