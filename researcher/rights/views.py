"""„Wniosek mieszkańca": requests by respondent code — admin, or holder of „wnioski RODO"."""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from researcher.access import allow
from researcher.actions import act
from researcher.auth.models import ADMIN
from researcher.auth.permissions import Permission
from researcher.extensions import db
from researcher.interviews.models import Visit
from researcher.rights.actions import erase, set_restricted, withdraw_health_consent
from researcher.rights.codes import candidates, normalise
from researcher.rights.forms import ConfirmErasureForm, RequestForm
from researcher.rights.lookup import build_dossier, dossier_json
from researcher.rights.models import (
    REQUEST_KIND_LABELS,
    REQUEST_STATUS_LABELS,
    RequestKind,
    RequestStatus,
    RightsRequest,
)
from researcher.rights.pdf import dossier_pdf
from researcher.rights.rectify import RectifyError, editable_answers, rectify
from researcher.rights.requests import RequestError, close_request, open_request, open_requests

bp = Blueprint("rights", __name__, url_prefix="/wnioski")
RIGHTS = Permission.RIGHTS_REQUESTS


def _page(form: RequestForm, status: int = 200):
    return render_template(
        "rights/index.html", form=form, requests=open_requests(), kinds=REQUEST_KIND_LABELS
    ), status


@bp.route("")
@allow(ADMIN, permission=RIGHTS)
def index():
    return _page(RequestForm())


@bp.route("", methods=["POST"])
@allow(ADMIN, permission=RIGHTS)
def create():
    form = RequestForm()
    if form.validate_on_submit():
        try:
            made = open_request(form.kind.data, form.code.data, form.received_on.data,
                                form.note.data or "", current_user)
        except RequestError as error:
            form.code.errors.append(str(error))
        else:
            db.session.commit()
            return redirect(url_for("rights.show", request_id=made.id))
    return _page(form, 400)


@bp.route("/wyszukaj")
@allow(ADMIN, permission=RIGHTS)
def lookup():
    """A quick look at what a code holds, before (or without) recording a request."""
    text = request.args.get("kod", "")
    dossier = build_dossier(text, current_user) if text else None
    db.session.commit()  # the lookup (and any contact read) is logged
    return render_template("rights/lookup.html", text=text, dossier=dossier,
                           valid=bool(candidates(text)))


def _request(request_id: int) -> RightsRequest:
    return db.get_or_404(RightsRequest, request_id)


def _coded_request(request_id: int) -> RightsRequest:
    # Restriction and withdrawal act on the interviews of the code the request names.
    made = _request(request_id)
    if not made.respondent_code:
        abort(404)
    return made


@bp.route("/<int:request_id>")
@allow(ADMIN, permission=RIGHTS)
def show(request_id: int):
    made = _request(request_id)
    dossier = build_dossier(made.respondent_code, current_user) if made.respondent_code else None
    db.session.commit()
    rectifiable = {}
    if dossier and made.kind == RequestKind.RECTIFICATION and made.status == RequestStatus.OPEN:
        rectifiable = {f.visit.id: editable_answers(f.visit) for f in dossier.visits}
    return render_template(
        "rights/request.html", made=made, dossier=dossier, kinds=REQUEST_KIND_LABELS,
        statuses=REQUEST_STATUS_LABELS, confirm=ConfirmErasureForm(), rectifiable=rectifiable,
    )


def _copy(made: RightsRequest) -> dict:
    if not made.respondent_code:
        abort(404)
    copy = dossier_json(build_dossier(made.respondent_code, current_user))
    db.session.commit()
    return copy


@bp.route("/<int:request_id>/kopia.json")
@allow(ADMIN, permission=RIGHTS)
def copy_json(request_id: int):
    body = json.dumps(_copy(_request(request_id)), ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="dane-wniosek-{request_id}.json"'})


@bp.route("/<int:request_id>/kopia.pdf")
@allow(ADMIN, permission=RIGHTS)
def copy_pdf(request_id: int):
    body = dossier_pdf(_copy(_request(request_id)))
    return Response(body, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="dane-wniosek-{request_id}.pdf"'})


@bp.route("/<int:request_id>/usun", methods=["POST"])
@allow(ADMIN, permission=RIGHTS)
def erase_view(request_id: int):
    made = _request(request_id)
    form = ConfirmErasureForm()
    code = made.respondent_code
    if not code or not form.validate_on_submit() or normalise(form.confirm_code.data) != code:
        flash(_("Usunięcie niepotwierdzone: wpisz ten sam kod jeszcze raz."), "error")
        return redirect(url_for("rights.show", request_id=made.id))
    entry = erase(code, current_user, made)
    close_request(made, RequestStatus.DONE, current_user)
    db.session.commit()
    flash(_("Usunięto dane: wywiady %(visits)s, potrzeby %(needs)s.",
            visits=entry.counts["visits"], needs=entry.counts["needs"]), "success")
    return redirect(url_for("rights.show", request_id=made.id))


@bp.route("/<int:request_id>/ograniczenie", methods=["POST"])
@allow(ADMIN, permission=RIGHTS)
def restrict_view(request_id: int):
    made = _coded_request(request_id)
    frozen = request.form.get("restricted") == "1"
    count = set_restricted(made.respondent_code, frozen, current_user)
    db.session.commit()
    flash(_("Wstrzymano przetwarzanie wywiadów: %(n)s.", n=count) if frozen
          else _("Przywrócono przetwarzanie wywiadów: %(n)s.", n=count), "success")
    return redirect(url_for("rights.show", request_id=made.id))


@bp.route("/<int:request_id>/wycofanie-a4", methods=["POST"])
@allow(ADMIN, permission=RIGHTS)
def withdraw_view(request_id: int):
    made = _coded_request(request_id)
    counts = withdraw_health_consent(made.respondent_code, current_user)
    db.session.commit()
    flash(_("Wycofano zgodę A4; usunięte potrzeby: %(n)s.", n=counts["needs"]), "success")
    return redirect(url_for("rights.show", request_id=made.id))


@bp.route("/<int:request_id>/zamknij", methods=["POST"])
@allow(ADMIN, permission=RIGHTS)
def close_view(request_id: int):
    made = _request(request_id)
    status = request.form.get("status", "")
    act(lambda: close_request(made, status, current_user), RequestError, _("Wniosek zamknięty."))
    return redirect(url_for("rights.index"))


@bp.route("/<int:request_id>/sprostowanie", methods=["POST"])
@allow(ADMIN, permission=RIGHTS)
def rectify_view(request_id: int):
    """Art. 16: one answer corrected, stored as a new version of the visit."""
    made = _request(request_id)
    visit = db.session.get(Visit, request.form.get("visit_id", type=int) or 0)
    if visit is None:
        abort(404)
    try:
        masked = rectify(made, visit, request.form.get("path", ""),
                         request.form.get("value", ""), current_user)
    except RectifyError as error:
        flash(str(error), "error")
        return redirect(url_for("rights.show", request_id=made.id))
    db.session.commit()
    flash(_("Zapisano sprostowanie jako nową wersję wywiadu."), "success")
    if masked:
        flash(_("W nowej treści dane osobowe zastąpiono znacznikami: %(kinds)s.",
                kinds=", ".join(masked)), "warning")
    return redirect(url_for("rights.show", request_id=made.id))
