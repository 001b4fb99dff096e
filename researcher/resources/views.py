"""Register pages of the Menedżer US: list, add, edit, confirm phone tips, volunteer contacts."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from researcher.access import allow
from researcher.admin.forms import choices_from
from researcher.auth.models import ADMIN, MANAGER
from researcher.auth.permissions import Permission
from researcher.extensions import db
from researcher.gminas.models import Locality
from researcher.resources import services, tips  # noqa: F401  (tips: the record kind)
from researcher.resources.forms import ReasonForm, ResourceFilterForm, ResourceForm
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


def _save(form: ResourceForm, resource: Resource | None):
    try:
        if resource is None:
            resource = services.create(_input(form), current_user)
        else:
            services.update(resource, _input(form))
    except services.ResourceError as error:
        db.session.rollback()
        target = {"gmina_code": "gmina", "locality_ids": "localities"}.get(error.field or "")
        getattr(form, target or error.field or "name", form.name).errors.append(str(error))
        return None
    db.session.commit()
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
    try:
        services.set_status(resource, request.form.get("status", ""))
    except services.ResourceError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(_("Zmieniono status zasobu."), "success")
    return redirect(request.referrer or url_for(".index"))


@bp.route("/<int:resource_id>/kontakt", methods=["GET", "POST"])
@allow(MANAGER, ADMIN)
def contact(resource_id: int):
    resource = db.get_or_404(Resource, resource_id)
    if not current_user.has_permission(Permission.CONTACTS):
        abort(403)
    form = ReasonForm()
    shown = None
    if form.validate_on_submit():
        try:
            shown = services.read_contact(resource, current_user, form.reason.data)
        except services.ResourceError as error:
            db.session.rollback()
            form.reason.errors.append(str(error))
        else:
            db.session.commit()
            if shown is None:
                flash(_("Brak zapisanych danych kontaktowych."), "warning")
    response = render_template(
        "resources/contact.html", resource=resource, form=form, contact=shown
    )
    return response, 200, {"Cache-Control": "no-store"}
