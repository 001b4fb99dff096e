"""theme details: distinguishing phrases, seed agreement, needs far from the centre

Revision ID: c1a5e0d7b215
Revises: ebf522a9c69b
Create Date: 2026-12-06 17:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c1a5e0d7b215'
down_revision = 'ebf522a9c69b'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('themes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('details', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('themes', schema=None) as batch_op:
        batch_op.drop_column('details')
