"""Manager's export page: start an export, follow its progress, download it, see the log."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from researcher.access import allow
from researcher.auth.models import ADMIN, MANAGER, User
from researcher.campaigns.models import Campaign
from researcher.card.models import ServiceCard
from researcher.exports import services
from researcher.exports.forms import KIND_LABELS, VARIANT_LABELS, ExportForm
from researcher.exports.models import EXPORT_STATUS_LABELS, ExportJob, ExportStatus
from researcher.extensions import db
from researcher.jobs import worker
from researcher.jobs.poll import poll_state

bp = Blueprint("exports", __name__, url_prefix="/eksporty")
LOG_LENGTH = 50


def _form() -> ExportForm:
    form = ExportForm()
    campaigns = db.session.scalars(db.select(Campaign).order_by(Campaign.starts_on.desc()))
    form.campaign.choices = [(c.id, c.name) for c in campaigns]
    cards = db.session.scalars(db.select(ServiceCard).order_by(ServiceCard.updated_at.desc()))
    form.card.choices = [(0, _("najnowsza karta kampanii")),
                         *((c.id, f"{c.title} ({c.updated_at:%d.%m.%Y})") for c in cards)]
    return form


def _page(form: ExportForm, status: int = 200):
    jobs = db.session.scalars(
        db.select(ExportJob).order_by(ExportJob.id.desc()).limit(LOG_LENGTH)
    ).all()
    ids = {job.user_id for job in jobs if job.user_id is not None}
    users = {u.id: u for u in db.session.scalars(db.select(User).where(User.id.in_(ids)))}
    return render_template("exports/index.html", form=form, jobs=jobs, users=users), status


@bp.context_processor
def labels() -> dict[str, Any]:
    """Display labels for the export pages (kinds, variants, job states)."""

    def kind_label(job: ExportJob) -> str:
        label = str(KIND_LABELS.get(job.kind, job.kind))
        return (
            f"{label} – {VARIANT_LABELS[job.variant]}" if job.variant in VARIANT_LABELS else label
        )

    return {
        "job_kind_label": kind_label,
        "job_status_label": lambda code: EXPORT_STATUS_LABELS.get(code, code),
        "job_error": services.job_error,
        "job_path": lambda job: services.job_path(current_app, job),
        "job_unfinished": lambda job: job.status in (ExportStatus.WAITING, ExportStatus.RUNNING),
    }


@bp.route("/")
@allow(MANAGER, ADMIN)
def index():
    return _page(_form())


@bp.route("/", methods=["POST"])
@allow(MANAGER, ADMIN)
def start():
    form = _form()
    if not form.validate_on_submit():
        return _page(form, 400)
    card = db.session.get(ServiceCard, form.card.data) if form.card.data else None
    if form.kind.data == "card" and card is not None and card.campaign_id != form.campaign.data:
        form.card.errors.append(_("Ta karta należy do innej kampanii."))
        return _page(form, 400)
    if form.kind.data == "card":
        params = {"card_id": card.id} if card is not None else None
    else:
        params = {"channel": form.channel.data} if form.channel.data else None
    try:
        job = services.create_job(
            form.kind.data,
            form.campaign.data,
            form.format.data,
            form.variant.data,
            current_user,
            current_app.config,
            params,
        )
    except services.ExportError as error:
        db.session.rollback()
        form.form_errors.append(str(error))
        return _page(form, 400)
    services.enqueue(job)
    services.delete_old_files(current_app)
    db.session.commit()
    worker.kick(current_app._get_current_object())
    return redirect(url_for("exports.job", job_id=job.id))


@bp.route("/<int:job_id>")
@allow(MANAGER, ADMIN)
def job(job_id: int):
    return render_template("exports/job.html", job=db.get_or_404(ExportJob, job_id))


@bp.route("/<int:job_id>/stan")
@allow(MANAGER, ADMIN)
def status(job_id: int):
    """JSON for the progress poller on the job page."""
    export = db.get_or_404(ExportJob, job_id)
    ready = services.job_path(current_app, export) is not None
    return poll_state(
        export.status,
        EXPORT_STATUS_LABELS,
        export.progress,
        services.job_error(export),
        download=url_for("exports.download", job_id=export.id) if ready else None,
    )


@bp.route("/<int:job_id>/plik")
@allow(MANAGER, ADMIN)
def download(job_id: int):
    export = db.get_or_404(ExportJob, job_id)
    path = services.job_path(current_app, export)
    if path is None:
        flash(_("Plik nie jest gotowy lub został usunięty."), "error")
        return redirect(url_for("exports.job", job_id=export.id))
    return send_file(
        path,
        mimetype=services.MEDIA_TYPES[export.format],
        as_attachment=True,
        download_name=export.filename,
    )
