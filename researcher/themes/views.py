"""Themes pages: run an analysis for a campaign, review its themes."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from researcher.access import allow
from researcher.actions import act
from researcher.auth.models import ADMIN, MANAGER
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.jobs import worker
from researcher.jobs.poll import poll_state
from researcher.themes import jobs, services
from researcher.themes.forms import MAX_K, MIN_K, RunForm, split_k
from researcher.themes.models import RUN_STATUS_LABELS, AnalysisRun, RunStatus, Theme

bp = Blueprint("themes", __name__, url_prefix="/tematy")


@bp.route("/", methods=["GET", "POST"])
@allow(MANAGER, ADMIN)
def index():
    campaigns = list(db.session.scalars(db.select(Campaign).order_by(Campaign.name)))
    campaign_id = request.values.get("campaign", type=int) or (
        campaigns[0].id if campaigns else None
    )
    form = RunForm()
    if request.method == "POST" and campaign_id:
        if not form.validate():
            for message in form.errors.get("k", []) + form.errors.get("seed", []):
                flash(message, "error")
            return redirect(url_for("themes.index", campaign=campaign_id))
        run = services.start_run(campaign_id, current_user, form.k.data, form.seed.data or 0)
        jobs.enqueue(run)
        db.session.commit()
        worker.kick(current_app._get_current_object())
        return redirect(url_for("themes.run", run_id=run.id))
    runs = (
        db.session.scalars(
            db.select(AnalysisRun)
            .where(AnalysisRun.campaign_id == campaign_id)
            .order_by(AnalysisRun.id.desc())
        )
        if campaign_id
        else []
    )
    return render_template(
        "themes/index.html",
        campaigns=campaigns,
        campaign_id=campaign_id,
        runs=list(runs),
        form=form,
        k_range=(MIN_K, MAX_K),
        status_label=lambda code: RUN_STATUS_LABELS.get(code, code),
    )


@bp.route("/analizy/<int:run_id>")
@allow(MANAGER, ADMIN)
def run(run_id: int):
    run = db.get_or_404(AnalysisRun, run_id)
    late = 0
    if run.status == RunStatus.READY:
        # A documented GET write (docs/architecture.md): needs synced after the run are placed
        # in their nearest theme when the run is looked at, so the page is never out of date.
        late = services.assign_late_needs(run)
        db.session.commit()
    themes = services.visible_themes(run) if run.status == RunStatus.READY else []
    return render_template(
        "themes/run.html",
        run=run,
        themes=themes,
        late=late,
        summaries={t.id: services.theme_summary(t) for t in themes},
    )


@bp.route("/analizy/<int:run_id>/stan")
@allow(MANAGER, ADMIN)
def run_status(run_id: int):
    run = db.get_or_404(AnalysisRun, run_id)
    return poll_state(run.status, RUN_STATUS_LABELS, run.progress, run.error)


def _theme(theme_id: int) -> Theme:
    return db.get_or_404(Theme, theme_id)


@bp.route("/<int:theme_id>", methods=["GET", "POST"])
@allow(MANAGER, ADMIN)
def theme(theme_id: int):
    theme = _theme(theme_id)
    if request.method == "POST":
        services.rename(theme, request.form.get("name", ""), current_user)
        services.mark_reviewed(theme, request.form.get("reviewed") == "y", current_user)
        db.session.commit()
        flash(_("Zapisano temat."), "success")
        return redirect(url_for("themes.theme", theme_id=theme.id))
    others = [t for t in services.visible_themes(theme.run) if t.id != theme.id]
    return render_template(
        "themes/theme.html", theme=theme, others=others, summary=services.theme_summary(theme)
    )


@bp.route("/<int:theme_id>/scal", methods=["POST"])
@allow(MANAGER, ADMIN)
def merge(theme_id: int):
    theme = _theme(theme_id)
    into = db.session.get(Theme, request.form.get("into", type=int) or 0)
    if into is None:
        abort(404)
    merged = act(lambda: services.merge(theme, into), services.ThemeError, _("Połączono tematy."))
    if merged is None:
        return redirect(url_for("themes.theme", theme_id=theme.id))
    return redirect(url_for("themes.theme", theme_id=into.id))


@bp.route("/<int:theme_id>/podziel", methods=["POST"])
@allow(MANAGER, ADMIN)
def split(theme_id: int):
    theme = _theme(theme_id)
    k = split_k(request.form.get("k", type=int))
    created = act(lambda: services.split(theme, k), services.ThemeError, _("Podzielono temat."))
    if not created:
        return redirect(url_for("themes.theme", theme_id=theme.id))
    return redirect(url_for("themes.run", run_id=theme.run_id))


@bp.route("/<int:theme_id>/przenies", methods=["POST"])
@allow(MANAGER, ADMIN)
def move(theme_id: int):
    theme = _theme(theme_id)
    target_id = request.form.get("target", type=int)
    target = db.session.get(Theme, target_id) if target_id else None
    need_id = request.form.get("need_id", type=int) or 0
    act(
        lambda: services.move_need(theme.run, need_id, target), services.ThemeError,
        _("Przeniesiono potrzebę."),
    )
    return redirect(url_for("themes.theme", theme_id=theme.id))
