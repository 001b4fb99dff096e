"""The manager's "Wnioski i rekomendacje" pages, and the residents' summary switch."""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from researcher.access import allow, public
from researcher.actions import saving
from researcher.auth.models import ADMIN, MANAGER
from researcher.campaigns.models import Campaign
from researcher.exports.residents import TITLE, summary_paragraphs, write_residents_pdf
from researcher.extensions import db
from researcher.recommendations import services
from researcher.recommendations.forms import RecommendationForm
from researcher.recommendations.models import Recommendation
from researcher.recommendations.summary import residents_summary

bp = Blueprint("recommendations", __name__, url_prefix="/rekomendacje")


def _campaign() -> Campaign | None:
    campaign_id = request.args.get("campaign", type=int)
    if campaign_id:
        return db.session.get(Campaign, campaign_id)
    return db.session.scalar(db.select(Campaign).order_by(Campaign.starts_on.desc()))


def _edit(campaign: Campaign, recommendation: Recommendation | None):
    form = RecommendationForm()
    choices = services.evidence_choices(campaign)
    form.evidence.choices = list(choices.items())
    if request.method == "GET" and recommendation is not None:
        form.title.data, form.body.data = recommendation.title, recommendation.body
        form.evidence.data = [e.key for e in recommendation.evidence]
    elif form.validate_on_submit():
        with saving(form, services.RecommendationError, "title") as saved:
            services.save(campaign, form.title.data, form.body.data, form.evidence.data or [],
                          current_user, recommendation)  # fmt: skip
        if saved:
            flash(_("Zapisano rekomendację."), "success")
            return redirect(url_for("recommendations.index", campaign=campaign.id))
    return form


@bp.route("/", methods=["GET", "POST"])
@allow(MANAGER, ADMIN)
def index():
    campaign = _campaign()
    if campaign is None:
        return render_template("recommendations/index.html", campaign=None, campaigns=[])
    form = _edit(campaign, None)
    if not isinstance(form, RecommendationForm):
        return form
    campaigns = db.session.scalars(db.select(Campaign).order_by(Campaign.starts_on.desc()))
    k = current_app.config.get("DISCLOSURE_K", 5)
    items = [
        (r, [services.describe(e, campaign.id, k) for e in r.evidence])
        for r in services.of_campaign(campaign.id)
    ]
    return render_template(
        "recommendations/index.html", campaign=campaign, campaigns=list(campaigns), form=form,
        items=items, summary=services.public_state(campaign),
    ), 400 if form.errors else 200


@bp.route("/<int:recommendation_id>", methods=["GET", "POST"])
@allow(MANAGER, ADMIN)
def edit(recommendation_id: int):
    recommendation = db.get_or_404(Recommendation, recommendation_id)
    campaign = db.get_or_404(Campaign, recommendation.campaign_id)
    form = _edit(campaign, recommendation)
    if not isinstance(form, RecommendationForm):
        return form
    return render_template(
        "recommendations/edit.html", campaign=campaign, form=form, recommendation=recommendation
    ), 400 if form.errors else 200


@bp.route("/<int:recommendation_id>/usun", methods=["POST"])
@allow(MANAGER, ADMIN)
def delete(recommendation_id: int):
    recommendation = db.get_or_404(Recommendation, recommendation_id)
    campaign_id = recommendation.campaign_id
    services.delete(recommendation)
    db.session.commit()
    flash(_("Usunięto rekomendację."), "success")
    return redirect(url_for("recommendations.index", campaign=campaign_id))


@bp.route("/podsumowanie/<int:campaign_id>", methods=["POST"])
@allow(MANAGER, ADMIN)
def public_switch(campaign_id: int):
    campaign = db.get_or_404(Campaign, campaign_id)
    services.set_public(campaign, request.form.get("enabled") == "1", current_user)
    db.session.commit()
    return redirect(url_for("recommendations.index", campaign=campaign.id))


# --- the residents' summary ---------------------------------------------------------------------

public_bp = Blueprint("residents", __name__, url_prefix="/dla-mieszkancow")


def _summary_pdf(campaign: Campaign) -> Response:
    summary = residents_summary(campaign, current_app.config.get("DISCLOSURE_K", 5))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "podsumowanie.pdf"
        write_residents_pdf(summary, path)
        body = path.read_bytes()
    return Response(body, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="podsumowanie-{campaign.id}.pdf"'})


@bp.route("/podsumowanie/<int:campaign_id>.pdf")
@allow(MANAGER, ADMIN)
def summary_pdf(campaign_id: int):
    return _summary_pdf(db.get_or_404(Campaign, campaign_id))


def _published_campaign(token: str) -> Campaign:
    state = services.published_summary(token)
    if state is None:
        abort(404)
    return db.get_or_404(Campaign, state.campaign_id)


@public_bp.route("/<token>")
@public
def summary_page(token: str):
    campaign = _published_campaign(token)
    summary = residents_summary(campaign, current_app.config.get("DISCLOSURE_K", 5))
    return render_template("recommendations/public.html", summary=summary, token=token,
                           sections=summary_paragraphs(summary), title=TITLE)  # fmt: skip


@public_bp.route("/<token>.pdf")
@public
def summary_page_pdf(token: str):
    return _summary_pdf(_published_campaign(token))
