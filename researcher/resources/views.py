"""Register pages of the Menedżer US: list, add, edit, confirm phone tips, volunteer contacts."""

from __future__ import annotations

from functools import partial

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import Field

from researcher.access import allow
from researcher.actions import act, saving
from researcher.admin.forms import choices_from
from researcher.audit.reveal import ReasonForm, reveal_contact
from researcher.auth.models import ADMIN, MANAGER
from researcher.auth.permissions import Permission
from researcher.extensions import db
from researcher.gminas.models import Locality
from researcher.imports.models import ImportFile
from researcher.imports.reader import ImportFileError
from researcher.imports.services import AlreadyApplied
from researcher.imports.template import template_csv, template_xlsx
from researcher.resources import services, tips, transfer  # noqa: F401  (tips: the record kind)
from researcher.resources.forms import ResourceFilterForm, ResourceForm
from researcher.resources.models import (
    INSTITUTION_LABELS,
    RESOURCE_KIND_LABELS,
    RESOURCE_STATUS_LABELS,
    Resource,
)

bp = Blueprint("resources", __name__, url_prefix="/zasoby")


@bp.app_context_processor
def resource_labels() -> dict:
    # The field app's tip form (templates/resources/_field_tips.html) names the kinds.
    return {"resource_kind_labels": RESOURCE_KIND_LABELS}


@bp.route("/")
@allow(MANAGER, ADMIN)
def index():
    form = ResourceFilterForm(request.args)
    gminas = services.register_gminas()
    form.gmina.choices = choices_from({"": _("— wszystkie —"), **{g.code: g.name for g in gminas}})
    form.validate()
    rows = services.search(services.ResourceQuery(
        gmina_code=form.gmina.data or None, kind=form.kind.data or None,
        area=form.area.data or None, status=form.status.data or None,
    ))
    return render_template(
        "resources/index.html", form=form, rows=rows, kind_labels=RESOURCE_KIND_LABELS,
        status_labels=RESOURCE_STATUS_LABELS, institution_labels=INSTITUTION_LABELS,
    )


def _prepare(form: ResourceForm) -> None:
    gminas = services.register_gminas()
    form.gmina.choices = choices_from({g.code: g.name for g in gminas})
    codes = [g.code for g in gminas]
    localities = db.session.scalars(
        db.select(Locality).where(Locality.gmina_code.in_(codes)).order_by(Locality.name)
    )
    form.localities.choices = choices_from({x.id: x.name for x in localities})


def _input(form: ResourceForm) -> services.ResourceInput:
    return services.ResourceInput(
        gmina_code=form.gmina.data, kind=form.kind.data, name=form.name.data or "",
        provider=form.provider.data or "", institution=form.institution.data or None,
        description=form.description.data or "", areas=form.areas.data or [],
        target_groups=form.target_groups.data or [], locality_ids=form.localities.data or [],
        access=form.access.data or None, cost=form.cost.data or None,
        capacity_per_month=form.capacity_per_month.data,
        hours_per_month=form.hours_per_month.data, how_to_reach=form.how_to_reach.data or "",
        source=form.source.data or "", source_date=form.source_date.data,
        contact=form.contact.data or "",
    )


def _field_of(form: ResourceForm, name: str | None) -> Field:
    # The service names the model's columns; two of them have other names in the form.
    target = {"gmina_code": "gmina", "locality_ids": "localities"}.get(name or "")
    return getattr(form, target or name or "name", form.name)


def _save(form: ResourceForm, resource: Resource | None):
    with saving(form, services.ResourceError, partial(_field_of, form)) as saved:
        if resource is None:
            resource = services.create(_input(form), current_user)
        else:
            services.update(resource, _input(form))
    if not saved:
        return None
    flash(_("Zapisano zasób."), "success")
    return redirect(url_for(".index", gmina=resource.gmina_code))


@bp.route("/nowy", methods=["GET", "POST"])
@allow(MANAGER, ADMIN)
def new():
    form = ResourceForm()
    _prepare(form)
    if form.validate_on_submit():
        done = _save(form, None)
        if done:
            return done
    return render_template("resources/edit.html", form=form, resource=None)


@bp.route("/<int:resource_id>", methods=["GET", "POST"])
@allow(MANAGER, ADMIN)
def edit(resource_id: int):
    resource = db.get_or_404(Resource, resource_id)
    form = ResourceForm(obj=resource) if request.method == "GET" else ResourceForm()
    _prepare(form)
    if request.method == "GET":
        form.gmina.data = resource.gmina_code
        form.localities.data = resource.locality_ids
        form.institution.data = resource.institution or ""
        form.access.data = resource.access or ""
        form.cost.data = resource.cost or ""
        form.contact.data = ""
    elif form.validate_on_submit():
        done = _save(form, resource)
        if done:
            return done
    return render_template(
        "resources/edit.html", form=form, resource=resource,
        may_read=current_user.has_permission(Permission.CONTACTS),
    )


@bp.route("/<int:resource_id>/status", methods=["POST"])
@allow(MANAGER, ADMIN)
def status(resource_id: int):
    resource = db.get_or_404(Resource, resource_id)
    status = request.form.get("status", "")
    act(
        lambda: services.set_status(resource, status), services.ResourceError,
        _("Zmieniono status zasobu."),
    )
    return redirect(request.referrer or url_for(".index"))


@bp.route("/<int:resource_id>/kontakt", methods=["GET", "POST"])
@allow(MANAGER, ADMIN)
def contact(resource_id: int):
    resource = db.get_or_404(Resource, resource_id)
    if not current_user.has_permission(Permission.CONTACTS):
        abort(403)
    form = ReasonForm()
    read = partial(services.read_contact, resource, current_user)
    shown = reveal_contact(form, read, services.ResourceError)
    response = render_template(
        "resources/contact.html", resource=resource, form=form, contact=shown
    )
    return response, 200, {"Cache-Control": "no-store"}


# --- import and export of the register ------------------------------------------------------


def _gmina_or_404(code: str | None) -> str:
    codes = {g.code for g in services.register_gminas()}
    if code not in codes:
        abort(404)
    return code


@bp.route("/szablon.<fmt>")
@allow(MANAGER, ADMIN)
def template(fmt: str):
    gmina = request.args.get("gmina") or next(iter(services.register_gminas()), None)
    code = _gmina_or_404(getattr(gmina, "code", gmina))
    schema = transfer.resource_schema(code)
    if fmt == "xlsx":
        return _download(template_xlsx(schema, _("Zasoby")), "szablon-zasobow.xlsx", XLSX)
    if fmt == "csv":
        return _download(template_csv(schema), "szablon-zasobow.csv", CSV)
    abort(404)


@bp.route("/eksport.<fmt>")
@allow(MANAGER, ADMIN)
def export(fmt: str):
    code = _gmina_or_404(request.args.get("gmina"))
    if fmt == "xlsx":
        return _download(transfer.export_xlsx(code), f"zasoby-{code}.xlsx", XLSX)
    if fmt == "csv":
        return _download(transfer.export_csv(code), f"zasoby-{code}.csv", CSV)
    abort(404)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"


def _download(content: bytes, filename: str, mimetype: str):
    return content, 200, {
        "Content-Type": mimetype,
        "Content-Disposition": f'attachment; filename="{filename}"',
    }


@bp.route("/import", methods=["GET", "POST"])
@allow(MANAGER, ADMIN)
def import_upload():
    gminas = services.register_gminas()
    error = None
    if request.method == "POST":
        code = _gmina_or_404(request.form.get("gmina"))
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            error = _("Wybierz plik XLSX lub CSV.")
        else:
            try:
                stored = transfer.upload(code, upload.filename, upload.read(), current_user)
            except ImportFileError as problem:
                db.session.rollback()
                error = str(problem)
            else:
                db.session.commit()
                return redirect(url_for(".import_preview", file_id=stored.id))
    return render_template("resources/import.html", gminas=gminas, error=error)


@bp.route("/import/<int:file_id>", methods=["GET", "POST"])
@allow(MANAGER, ADMIN)
def import_preview(file_id: int):
    stored = db.get_or_404(ImportFile, file_id)
    if stored.kind != transfer.IMPORT_KIND:
        abort(404)
    if request.method == "POST":
        try:
            counts = transfer.apply(stored, current_user)
        except AlreadyApplied as problem:
            db.session.rollback()
            flash(str(problem), "error")
        else:
            db.session.commit()
            flash(_("Zaimportowano zasoby: %(n)d", n=counts["imported"]), "success")
            return redirect(url_for(".index", gmina=stored.context["gmina_code"]))
    return render_template(
        "resources/import_preview.html", stored=stored, result=transfer.preview(stored)
    )
