"""visits.from_paper: a visit entered later from a paper questionnaire

Revision ID: a7c3e91d5b20
Revises: f5d096df1c13
Create Date: 2026-12-06 20:45:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'a7c3e91d5b20'
down_revision = 'f5d096df1c13'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('from_paper', sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.drop_column('from_paper')
