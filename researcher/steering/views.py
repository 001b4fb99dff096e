"""Steering the round: the plan (assignments and targets), "Postęp badania" (coverage and
signals to review), a visit's page with its review threads and history."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from researcher.access import allow
from researcher.actions import saving
from researcher.auth.models import ADMIN, MANAGER, User
from researcher.campaigns.models import Campaign
from researcher.campaigns.picker import pick
from researcher.extensions import db
from researcher.field.services import outcome_labels
from researcher.interviews.models import Visit
from researcher.steering import reviews
from researcher.steering.assignments import (
    PlanError,
    campaign_plan,
    eligible_researchers,
    save_plan,
)
from researcher.steering.coverage import campaign_coverage
from researcher.steering.forms import (
    CloseReviewForm,
    OpenReviewForm,
    PlanForm,
    assignment_name,
    parse_plan,
    target_name,
)
from researcher.steering.models import VisitReview
from researcher.steering.quality import (
    SIGNAL_LABELS,
    Thresholds,
    campaign_signals,
    duration_seconds,
    interview_signals,
    signal_page,
)

bp = Blueprint("steering", __name__)


def _limits() -> Thresholds:
    return Thresholds.from_config(current_app.config)


@bp.get("/postep")
@allow(MANAGER, ADMIN)
def coverage():
    """Progress of the chosen campaign (`?kampania=N`, else the newest)."""
    picker = pick(request.args.get("kampania", type=int), request.args.get("szukaj", ""))
    campaign = picker.chosen
    figures = signals = None
    if campaign is not None:
        figures = campaign_coverage(campaign)
        signals = signal_page(campaign_signals(campaign.id, _limits()),
                              request.args.get("strona", 1, type=int))
    shown = signals.shown if signals else []
    names = {u.id: u.display_name for u in db.session.scalars(
        db.select(User).where(User.id.in_({s.researcher_id for s in shown})))}
    open_ids = reviews.open_visit_ids([s.visit_id for s in shown])
    return render_template(
        "steering/coverage.html", picker=picker, campaign=campaign, figures=figures,
        signals=signals, names=names, open_ids=open_ids, signal_labels=SIGNAL_LABELS,
        outcomes=outcome_labels(_), limits=_limits(),
    )


@bp.route("/kampanie/<int:campaign_id>/przydzialy", methods=["GET", "POST"])
@allow(MANAGER, ADMIN)
def plan(campaign_id: int):
    """Targets per locality and which researchers go where."""
    campaign = db.get_or_404(Campaign, campaign_id)
    form = PlanForm()
    rows = campaign_plan(campaign)
    errors: dict[int, str] = {}
    status = 200
    if form.validate_on_submit():
        targets, assignments, errors = parse_plan(request.form, [r.locality.id for r in rows])
        if not errors:
            try:
                save_plan(campaign, targets, assignments)
            except PlanError as error:
                flash(str(error), "error")
            else:
                db.session.commit()
                flash(_("Zapisano przydziały i cele."), "success")
                return redirect(url_for("steering.plan", campaign_id=campaign.id))
        status = 400
    elif request.method == "POST":
        status = 400
    return render_template(
        "steering/plan.html", campaign=campaign, rows=rows, form=form, errors=errors,
        researchers=eligible_researchers(campaign), target_name=target_name,
        # A refused plan is shown as posted, never as stored: nothing typed is lost.
        assignment_name=assignment_name, posted=request.form if status == 400 else None,
    ), status


@bp.get("/wizyty/<int:visit_id>")
@allow(MANAGER, ADMIN)
def visit(visit_id: int):
    """One visit without respondent data: when, where, who, signals, review and history."""
    return _visit_page(db.get_or_404(Visit, visit_id))


def _visit_page(visit: Visit, open_form=None, close_form=None, status: int = 200):
    threads = reviews.reviews_of(visit)
    return render_template(
        "steering/visit.html", visit=visit, threads=threads,
        history=reviews.visit_history(visit, threads),
        signals=interview_signals(visit, _limits()), signal_labels=SIGNAL_LABELS,
        seconds=duration_seconds(visit.opened_at, visit.finished_at),
        outcomes=outcome_labels(_, visit.form_version),
        open_form=open_form or OpenReviewForm(), close_form=close_form or CloseReviewForm(),
    ), status


@bp.post("/wizyty/<int:visit_id>/do-wyjasnienia")
@allow(MANAGER, ADMIN)
def open_review(visit_id: int):
    visit = db.get_or_404(Visit, visit_id)
    form = OpenReviewForm()
    if form.validate_on_submit():
        with saving(form, reviews.ReviewError, "comment") as saved:
            reviews.open_review(visit, form.comment.data, current_user)
        if saved:
            flash(_("Wizyta oznaczona „do wyjaśnienia”. Researcher zobaczy komentarz w „Moich "
                    "wizytach”."), "success")
            return redirect(url_for("steering.visit", visit_id=visit.id))
    return _visit_page(visit, open_form=form, status=400)


@bp.post("/wyjasnienia/<int:review_id>/zamknij")
@allow(MANAGER, ADMIN)
def close_review(review_id: int):
    review = db.get_or_404(VisitReview, review_id)
    visit = db.get_or_404(Visit, review.visit_id)
    form = CloseReviewForm()
    if form.validate_on_submit():
        with saving(form, reviews.ReviewError, "closing_comment") as saved:
            reviews.close_review(review, form.closing_comment.data, current_user)
        if saved:
            flash(_("Zamknięto wyjaśnienie."), "success")
            return redirect(url_for("steering.visit", visit_id=visit.id))
    return _visit_page(visit, close_form=form, status=400)
