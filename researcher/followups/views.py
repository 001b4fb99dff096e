"""Follow-up pages: the queue, one need's follow-up, and reading contact data with a reason.

Online only: none of these pages is cached by the field app's service worker, and the contact
page tells the browser not to store it.
"""

from __future__ import annotations

from functools import partial

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from researcher.access import allow
from researcher.actions import saving
from researcher.admin.forms import choices_from
from researcher.audit.reveal import ReasonForm, reveal_contact
from researcher.auth.models import ADMIN, MANAGER, RESEARCHER, User
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.followups import services
from researcher.followups.forms import AssignForm, QueueFilterForm, StatusForm
from researcher.followups.models import FOLLOWUP_STATUS_LABELS, TRANSITIONS, FollowupStatus
from researcher.gminas.models import Locality
from researcher.interviews.models import Need

bp = Blueprint("followups", __name__, url_prefix="/kontakty")


@bp.after_request
def no_store(response):
    # Contact work is online only: nothing of it may stay in a browser or phone cache.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/")
@allow(MANAGER, ADMIN, RESEARCHER)
def queue():
    form = QueueFilterForm(request.args)
    campaigns = db.session.scalars(db.select(Campaign).order_by(Campaign.name))
    everything = {0: _("— wszystkie —")}
    form.campaign.choices = choices_from({**everything, **{c.id: c.name for c in campaigns}})
    localities = db.session.scalars(db.select(Locality).order_by(Locality.name))
    form.locality.choices = choices_from({**everything, **{x.id: x.name for x in localities}})
    form.validate()
    query = services.QueueQuery(
        campaign_id=form.campaign.data or None,
        locality_id=form.locality.data or None,
        area=form.area.data or None,
        target_group=form.group.data or None,
        status=form.status.data or None,
    )
    rows = services.queue(query, current_user)
    return render_template(
        "followups/queue.html", form=form, rows=rows, status_labels=FOLLOWUP_STATUS_LABELS
    )


def _need_for(need_id: int) -> Need:
    need = services.need_in_queue(need_id)
    if need is None or not services.may_see(current_user, need):
        abort(404)  # a researcher learns nothing of follow-ups not assigned to them
    return need


def _researchers() -> list[User]:
    stmt = db.select(User).where(User.active.is_(True), User.role == RESEARCHER)
    return list(db.session.scalars(stmt.order_by(User.full_name)))


@bp.route("/potrzeba/<int:need_id>", methods=["GET", "POST"])
@allow(MANAGER, ADMIN, RESEARCHER)
def detail(need_id: int):
    need = _need_for(need_id)
    followup = services.followup_of(need)
    current = FollowupStatus(followup.status) if followup else FollowupStatus.TO_CONTACT
    form = StatusForm()
    form.status.choices = choices_from(
        {s: FOLLOWUP_STATUS_LABELS[s] for s in FollowupStatus if s in TRANSITIONS[current]}
    )
    assign_form = AssignForm(prefix="assign")
    assign_form.assignee.choices = choices_from(
        {0: _("— nikt —"), **{u.id: u.display_name for u in _researchers()}}
    )
    if request.method == "POST" and request.form.get("action") == "assign":
        if not services.is_manager(current_user):
            abort(403)
        if assign_form.validate():
            followup = services.open_followup(need, current_user)
            assignee = db.session.get(User, assign_form.assignee.data or 0)
            services.assign(followup, current_user, assignee)
            db.session.commit()
            flash(_("Zapisano, kto prowadzi sprawę."), "success")
            return redirect(url_for(".detail", need_id=need.id))
    elif request.method == "POST" and form.validate():
        followup = services.open_followup(need, current_user)
        with saving(form, services.FollowupError, "status") as saved:
            services.change_status(
                followup, current_user, form.status.data, form.note.data or "",
                pii_confirmed=form.pii_confirmed.data,
            )
        if saved:
            flash(_("Zapisano zmianę statusu."), "success")
            return redirect(url_for(".detail", need_id=need.id))
    if followup is not None:
        assign_form.assignee.data = followup.assigned_to_id or 0
    return render_template(
        "followups/detail.html",
        need=need,
        followup=followup,
        status=current,
        form=form,
        assign_form=assign_form,
        may_read=services.may_read_contact(current_user, need),
        safeguarding=services.safeguarding_applies(need),
        status_labels=FOLLOWUP_STATUS_LABELS,
        history=services.history(followup) if followup else [],
    )


@bp.route("/potrzeba/<int:need_id>/kontakt", methods=["GET", "POST"])
@allow(MANAGER, ADMIN, RESEARCHER)
def contact(need_id: int):
    need = _need_for(need_id)
    if not services.may_read_contact(current_user, need):
        abort(403)
    form = ReasonForm()
    read = partial(services.read_contact, need, current_user)
    shown = reveal_contact(form, read, services.FollowupError)
    return render_template("followups/contact.html", need=need, form=form, contact=shown)
