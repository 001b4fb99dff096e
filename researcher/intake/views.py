"""Pages of the Menedżer US for needs from other channels: enter one, import a file."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from analysis.pii import find_pii
from researcher.access import allow
from researcher.actions import saving
from researcher.admin.forms import choices_from
from researcher.auth.models import ADMIN, MANAGER
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.imports import services as imports
from researcher.imports.models import ImportFile
from researcher.imports.template import template_csv, template_xlsx
from researcher.intake import services
from researcher.intake.forms import NeedEntryForm, NeedImportForm
from researcher.jobs import worker as jobs_worker

bp = Blueprint("intake", __name__, url_prefix="/zgloszenia")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _campaign_choices(form) -> None:
    campaigns = db.session.scalars(db.select(Campaign).order_by(Campaign.name))
    form.campaign.choices = choices_from({c.id: c.name for c in campaigns})


@bp.route("/nowa", methods=["GET", "POST"])
@allow(MANAGER, ADMIN)
def new():
    form = NeedEntryForm()
    _campaign_choices(form)
    show_pii = False
    if form.validate_on_submit():
        campaign = db.get_or_404(Campaign, form.campaign.data)
        show_pii = bool(find_pii(form.description.data))
        with saving(form, services.EntryError, "description") as saved:
            if show_pii and not form.pii_confirmed.data:
                raise services.EntryError(
                    _("Opis zawiera dane osobowe (PESEL, telefon lub e-mail). Usuń je albo "
                      "potwierdź zapis z zamaskowanymi danymi."), "description")  # fmt: skip
            entry = services.NeedEntry(
                channel=form.channel.data, day=form.day.data,
                description=form.description.data, area=form.area.data,
                target_groups=form.target_groups.data or [], urgency=form.urgency.data,
                locality_id=services.locality_by_name(campaign, form.locality.data),
                service_type=form.service_type.data,
            )  # fmt: skip
            need = services.create_need(campaign, entry, current_user)
        if saved:
            flash(_("Zapisano potrzebę."), "success")
            return redirect(url_for("needs.detail", need_id=need.id))
    return render_template(
        "intake/new.html", form=form, show_pii=show_pii
    ), 400 if form.errors else 200


@bp.route("/import", methods=["GET", "POST"])
@allow(MANAGER, ADMIN)
def upload():
    form = NeedImportForm()
    _campaign_choices(form)
    if form.validate_on_submit():
        campaign = db.get_or_404(Campaign, form.campaign.data)
        file = form.file.data
        with saving(form, imports.ImportFileError, "file") as saved:
            stored = services.upload_import(file.filename or "", file.read(), campaign,
                                            current_user)  # fmt: skip
        if saved:
            return redirect(url_for("intake.preview", import_id=stored.id))
    recent = db.session.scalars(
        db.select(ImportFile).where(ImportFile.kind == services.IMPORT_KIND)
        .order_by(ImportFile.uploaded_at.desc()).limit(10)
    )  # fmt: skip
    return render_template(
        "intake/upload.html", form=form, recent=list(recent)
    ), 400 if form.errors else 200


@bp.route("/import/<int:import_id>", methods=["GET", "POST"])
@allow(MANAGER, ADMIN)
def preview(import_id: int):
    stored = db.get_or_404(ImportFile, import_id)
    if stored.kind != services.IMPORT_KIND:
        return redirect(url_for("intake.upload"))
    campaign = db.get_or_404(Campaign, stored.context.get("campaign_id"))
    if request.method == "POST":
        try:
            counts = services.apply_import(stored, campaign, current_user)
        except imports.AlreadyApplied as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            jobs_worker.kick(current_app._get_current_object())  # count the new needs now
            flash(_("Zaimportowano potrzeby: %(n)s.", n=counts["imported"]), "success")
            return redirect(url_for("needs.index", campaign=campaign.id))
    result = services.preview_import(stored, campaign)
    return render_template("intake/preview.html", stored=stored, campaign=campaign,
                           preview=result)  # fmt: skip


@bp.route("/import/szablon.<fmt>")
@allow(MANAGER, ADMIN)
def template(fmt: str):
    schema = services.NeedRowSchema()
    if fmt == "csv":
        body, mimetype = template_csv(schema), "text/csv; charset=utf-8"
    else:
        body, mimetype, fmt = template_xlsx(schema, _("Potrzeby")), XLSX, "xlsx"
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="potrzeby-szablon.{fmt}"'})  # fmt: skip
