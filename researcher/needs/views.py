"""Needs review pages of the Menedżer US."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from researcher.access import allow
from researcher.actions import saving
from researcher.auth.models import ADMIN, MANAGER
from researcher.campaigns.picker import pick
from researcher.card.models import ServiceCard
from researcher.extensions import db
from researcher.interviews.models import Need
from researcher.needs import services
from researcher.needs.forms import NeedFilterForm, ReviewForm
from researcher.needs.history import need_history

bp = Blueprint("needs", __name__, url_prefix="/potrzeby")


@bp.route("/")
@allow(MANAGER, ADMIN)
def index():
    form = NeedFilterForm(request.args)
    picker = pick(request.args.get("campaign", type=int), form.szukaj.data or "",
                  default_newest=False)
    form.campaign.choices = [(0, _("— wszystkie —")), *picker.choices()]
    form.validate()
    query = services.NeedQuery(
        campaign_id=form.campaign.data or None,
        area=form.area.data or None,
        urgency=form.urgency.data or None,
        status=form.status.data or None,
        channel=form.channel.data or None,
        text=form.q.data or "",
        date_from=form.date_from.data if not form.date_from.errors else None,
        date_to=form.date_to.data if not form.date_to.errors else None,
        after=services.Cursor.parse(request.args.get("po")),
        before=services.Cursor.parse(request.args.get("przed")),
    )
    found = services.search(query)
    cards = db.session.scalars(db.select(ServiceCard).order_by(ServiceCard.updated_at.desc()))
    args = {k: v for k, v in request.args.items() if k not in ("po", "przed")}
    return render_template(
        "needs/index.html",
        form=form,
        picker=picker,
        found=found,
        args=args,
        cards=list(cards),
        describe=services.shown_description,
        effective_area=services.effective_area,
        effective_groups=services.effective_groups,
    )


def _apply(need: Need, form: ReviewForm) -> None:
    services.correct(need, current_user, form.area.data, form.target_groups.data or [])
    services.set_status(need, current_user, form.status.data, form.reason.data or "")
    services.set_scope_flag(need, current_user, form.scope_flag.data or None)
    services.approve_quote(need, current_user, bool(form.quote_approved.data))


@bp.route("/<int:need_id>", methods=["GET", "POST"])
@allow(MANAGER, ADMIN)
def detail(need_id: int):
    need = db.get_or_404(Need, need_id)
    form = ReviewForm()
    if request.method == "GET":
        form.area.data = services.effective_area(need)
        form.target_groups.data = services.effective_groups(need)
        form.status.data = need.status
        form.reason.data = need.status_reason or ""
        form.scope_flag.data = need.scope_flag or ""
        form.quote_approved.data = need.quote_approved
    elif form.validate_on_submit():
        with saving(form, services.ReviewError, "status") as saved:
            _apply(need, form)
        if saved:
            flash(_("Zapisano przegląd potrzeby."), "success")
            return redirect(url_for("needs.detail", need_id=need.id))
    return render_template(
        "needs/detail.html",
        need=need,
        form=form,
        description=services.shown_description(need),
        history=need_history(need),
    ), 400 if form.errors else 200
