"""Matching pages: suggestions and referrals for a need, suggestions for a theme, gaps."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from researcher.access import allow
from researcher.actions import act
from researcher.auth.models import ADMIN, MANAGER
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.interviews.models import Need
from researcher.matching import services
from researcher.resources.models import (
    REFERRAL_STATUS_LABELS,
    RESOURCE_KIND_LABELS,
    Referral,
    Resource,
)
from researcher.themes.models import Theme

bp = Blueprint("matching", __name__, url_prefix="/dopasowanie")


@bp.route("/potrzeba/<int:need_id>", methods=["GET", "POST"])
@allow(MANAGER, ADMIN)
def need(need_id: int):
    need = db.get_or_404(Need, need_id)
    if request.method == "POST":
        resource = db.get_or_404(Resource, request.form.get("resource", type=int) or 0)
        act(
            lambda: services.propose(need, resource, current_user), services.MatchingError,
            _("Zaproponowano skierowanie."),
        )
        return redirect(url_for(".need", need_id=need.id))
    return render_template(
        "matching/need.html", need=need, suggestions=services.suggestions(need),
        referrals=services.referrals_of(need), kind_labels=RESOURCE_KIND_LABELS,
        referral_labels=REFERRAL_STATUS_LABELS, moves=services.REFERRAL_MOVES,
    )


@bp.route("/skierowanie/<int:referral_id>", methods=["POST"])
@allow(MANAGER, ADMIN)
def referral(referral_id: int):
    referral = db.get_or_404(Referral, referral_id)
    status = request.form.get("status", "")
    act(
        lambda: services.set_referral_status(referral, status), services.MatchingError,
        _("Zmieniono status skierowania."),
    )
    return redirect(url_for(".need", need_id=referral.need_id))


@bp.route("/temat/<int:theme_id>")
@allow(MANAGER, ADMIN)
def theme(theme_id: int):
    theme = db.get_or_404(Theme, theme_id)
    return render_template(
        "matching/theme.html", theme=theme, suggestions=services.theme_suggestions(theme),
        gap=services.theme_gap(theme), kind_labels=RESOURCE_KIND_LABELS,
    )


@bp.route("/luki")
@allow(MANAGER, ADMIN)
def gaps():
    campaigns = list(db.session.scalars(db.select(Campaign).order_by(Campaign.name)))
    chosen = request.args.get("campaign", type=int)
    campaign = next((c for c in campaigns if c.id == chosen), campaigns[0] if campaigns else None)
    lines = services.gap_table(campaign) if campaign else []
    return render_template(
        "matching/gaps.html", campaigns=campaigns, campaign=campaign, lines=lines
    )
