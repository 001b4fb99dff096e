"""/rodzaje-uslug: the manager reviews the service-type (D3) groups of a campaign."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from researcher.access import allow
from researcher.auth.models import ADMIN, MANAGER
from researcher.campaigns.models import Campaign
from researcher.campaigns.picker import pick
from researcher.extensions import db
from researcher.servicetypes import services
from researcher.servicetypes.forms import MOVE_FIELD, NAME_FIELD, ReviewForm

bp = Blueprint("servicetypes", __name__, url_prefix="/rodzaje-uslug")


def _page(form: ReviewForm, campaign_id: int | None, status: int = 200, error: str | None = None):
    picker = pick(campaign_id, request.args.get("szukaj", ""))
    campaign = picker.chosen
    grouped = services.groups_of(campaign.id, draft=True) if campaign is not None else None
    return render_template(
        "servicetypes/review.html", form=form, picker=picker, campaign=campaign,
        grouped=grouped, error=error, other_choice=services.OTHER_CHOICE,
        name_field=NAME_FIELD, move_field=MOVE_FIELD, select_limit=services.SELECT_LIMIT,
    ), status  # fmt: skip


@bp.route("/")
@allow(MANAGER, ADMIN)
def review():
    return _page(ReviewForm(), request.args.get("kampania", type=int))


@bp.route("/<int:campaign_id>", methods=["POST"])
@allow(MANAGER, ADMIN)
def save(campaign_id: int):
    db.get_or_404(Campaign, campaign_id)
    form = ReviewForm()
    if not form.validate_on_submit():
        return _page(form, campaign_id, 400)
    names = {
        int(key[len(NAME_FIELD):]): value for key, value in request.form.items()
        if key.startswith(NAME_FIELD) and key[len(NAME_FIELD):].isdigit()
    }  # fmt: skip
    moves = {
        key[len(MOVE_FIELD):]: value for key, value in request.form.items()
        if key.startswith(MOVE_FIELD)
    }  # fmt: skip
    try:
        services.save_review(campaign_id, names, moves, bool(form.approve.data), current_user)
    except services.ReviewError as error:
        db.session.rollback()
        return _page(form, campaign_id, 400, str(error))
    db.session.commit()
    flash(_("Grupy zatwierdzone: diagnoza użyje ich w tabeli rodzajów usług.")
          if form.approve.data else
          _("Zapisano zmiany. Diagnoza użyje grup dopiero po zatwierdzeniu."), "success")
    return redirect(url_for("servicetypes.review", kampania=campaign_id))
