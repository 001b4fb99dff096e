"""The manager's pages for meetings with residents (group sessions) and their needs."""

from __future__ import annotations

from functools import partial

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from researcher.access import allow
from researcher.actions import saving
from researcher.admin.forms import choices_from
from researcher.auth.models import ADMIN, MANAGER
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.intake.services import EntryError, locality_by_name
from researcher.meetings import (
    kind,  # noqa: F401  (registers the record kind "meeting")
    services,
)
from researcher.meetings.forms import BLANK_NEED_ROWS, MeetingForm
from researcher.meetings.models import AGE_BANDS, Meeting

bp = Blueprint("meetings", __name__, url_prefix="/spotkania")


def _input(form: MeetingForm, campaign: Campaign) -> services.MeetingInput:
    needs = [
        services.MeetingNeed(
            description=row.description.data, area=row.area.data,
            target_groups=row.target_groups.data or [], urgency=row.urgency.data,
            voiced_by=row.voiced_by.data or 1,
        )  # fmt: skip
        for row in (entry.form for entry in form.needs)
        if (row.description.data or "").strip()
    ]
    return services.MeetingInput(
        held_on=form.held_on.data, kind=form.kind.data, organiser=form.organiser.data,
        participants={b: form.participants[b].data or 0 for b in AGE_BANDS},
        locality_id=locality_by_name(campaign, form.locality.data), needs=needs,
    )  # fmt: skip


def _fill(form: MeetingForm, meeting: Meeting) -> None:
    form.campaign.data = meeting.campaign_id
    form.held_on.data = meeting.held_on
    form.kind.data = meeting.kind
    form.organiser.data = meeting.organiser
    form.locality.data = meeting.locality.name if meeting.locality else ""
    for band in AGE_BANDS:
        form.participants[band].data = meeting.participants.get(band, 0)
    while len(form.needs):
        form.needs.pop_entry()
    for need in meeting.needs:
        form.needs.append_entry({
            "description": need.description, "area": need.area,
            "target_groups": need.target_groups, "urgency": need.urgency,
            "voiced_by": need.voiced_by,
        })  # fmt: skip
    for _i in range(BLANK_NEED_ROWS):
        form.needs.append_entry()


def _field_of(form: MeetingForm, path: str | None):
    """The form field a service error names ("held_on", "needs.2.voiced_by", …)."""
    parts = (path or "organiser").replace("locality_id", "locality").split(".")
    if parts[0] == "needs" and len(parts) == 3:
        return form.needs[int(parts[1])].form[parts[2]]
    return getattr(form, parts[0], form.organiser)


@bp.route("/")
@allow(MANAGER, ADMIN)
def index():
    campaign_id = request.args.get("campaign", type=int)
    return render_template("meetings/index.html", meetings=services.meetings_of(campaign_id))


@bp.route("/nowe", methods=["GET", "POST"])
@allow(MANAGER, ADMIN)
def new():
    return _edit(None)


@bp.route("/<int:meeting_id>", methods=["GET", "POST"])
@allow(MANAGER, ADMIN)
def edit(meeting_id: int):
    return _edit(db.get_or_404(Meeting, meeting_id))


def _edit(meeting: Meeting | None):
    form, failed = MeetingForm(), False
    campaigns = db.session.scalars(db.select(Campaign).order_by(Campaign.name))
    form.campaign.choices = choices_from({c.id: c.name for c in campaigns})
    if request.method == "GET" and meeting is not None:
        _fill(form, meeting)
    elif form.validate_on_submit():
        campaign = db.get_or_404(Campaign, form.campaign.data)
        refusals = (services.MeetingError, EntryError)
        with saving(form, refusals, partial(_field_of, form)) as saved:
            written = services.save_meeting(
                campaign, _input(form, campaign), current_user, meeting,
                revision=(meeting.revision + 1) if meeting else 1,
            )  # fmt: skip
        if saved:
            flash(_("Zapisano spotkanie i jego potrzeby."), "success")
            return redirect(url_for("meetings.edit", meeting_id=written.id))
        failed = True
    return render_template(
        "meetings/edit.html", form=form, meeting=meeting
    ), 400 if failed or form.errors else 200


@bp.route("/<int:meeting_id>/usun", methods=["POST"])
@allow(MANAGER, ADMIN)
def delete(meeting_id: int):
    services.delete_meeting(db.get_or_404(Meeting, meeting_id))
    db.session.commit()
    flash(_("Usunięto spotkanie i jego potrzeby."), "success")
    return redirect(url_for("meetings.index"))
