"""steering: assignments, targets, review threads, interview timing

Issue 12 §2: researchers assigned to localities and a target of completed interviews per
locality (researcher/steering), the manager's "do wyjaśnienia" threads on a visit (status set
frozen here), and when the phone opened and first saved a visit (envelope metadata).

Revision ID: f5d096df1c13
Revises: d3a1c5e7f902
Create Date: 2026-12-06 20:27:26.844971

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f5d096df1c13'
down_revision = 'd3a1c5e7f902'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('locality_assignments',
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('locality_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_locality_assignments_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['locality_id'], ['localities.id'], name=op.f('fk_locality_assignments_locality_id_localities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_locality_assignments_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('campaign_id', 'locality_id', 'user_id', name=op.f('pk_locality_assignments'))
    )
    with op.batch_alter_table('locality_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_locality_assignments_user_id'), ['user_id'], unique=False)

    op.create_table('locality_targets',
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('locality_id', sa.Integer(), nullable=False),
    sa.Column('interviews', sa.Integer(), nullable=False),
    sa.CheckConstraint('interviews >= 0', name=op.f('ck_locality_targets_interviews_not_negative')),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_locality_targets_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['locality_id'], ['localities.id'], name=op.f('fk_locality_targets_locality_id_localities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('campaign_id', 'locality_id', name=op.f('pk_locality_targets'))
    )
    op.create_table('visit_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('opened_by_id', sa.Integer(), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('closing_comment', sa.Text(), nullable=True),
    sa.CheckConstraint("status IN ('do_wyjasnienia', 'zamkniete')", name=op.f('ck_visit_reviews_status')),
    sa.ForeignKeyConstraint(['closed_by_id'], ['users.id'], name=op.f('fk_visit_reviews_closed_by_id_users')),
    sa.ForeignKeyConstraint(['opened_by_id'], ['users.id'], name=op.f('fk_visit_reviews_opened_by_id_users')),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_visit_reviews_visit_id_visits'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_reviews'))
    )
    with op.batch_alter_table('visit_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_reviews_visit_id'), ['visit_id'], unique=False)

    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opened_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('finished_at', sa.DateTime(), nullable=True))



def downgrade():
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.drop_column('finished_at')
        batch_op.drop_column('opened_at')

    with op.batch_alter_table('visit_reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_reviews_visit_id'))

    op.drop_table('visit_reviews')
    op.drop_table('locality_targets')
    with op.batch_alter_table('locality_assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_locality_assignments_user_id'))

    op.drop_table('locality_assignments')
