"""Admin pages: accounts, campaigns and the localities of a gmina."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload

from researcher.access import allow
from researcher.actions import act
from researcher.admin.forms import CampaignForm, LocalityForm, UserForm
from researcher.audit.models import AccessAction
from researcher.audit.services import record_access
from researcher.auth.models import ADMIN, RESEARCHER, User
from researcher.auth.permissions import PERMISSION_LABELS, Permission
from researcher.auth.services import (
    AccountError,
    create_user,
    generate_password,
    grant_permission,
    revoke_permission,
    set_active,
    set_password,
)
from researcher.campaigns.models import Campaign
from researcher.campaigns.services import (
    CampaignError,
    CampaignInput,
    create_campaign,
    questionnaire_versions,
    update_campaign,
)
from researcher.extensions import db
from researcher.form_fields import choices_from
from researcher.gminas.models import Gmina
from researcher.gminas.services import GminaError, add_locality, find_gmina, search_gminas
from researcher.interviews.models import QuarantinedRecord, QuarantineStatus
from researcher.interviews.quarantine import (
    QuarantineError,
    discard,
    open_records,
    reprocess,
    shown_payload,
)

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _users_page(form: UserForm | None = None, new_password: str | None = None):
    """The accounts page; `new_password` is a just-made password, shown in this response
    only: never in a flash message, which would travel in the (signed, readable) cookie."""
    accounts = db.session.scalars(db.select(User).order_by(User.role, User.email))
    return render_template(
        "admin/users.html", users=accounts, form=form or UserForm(), new_password=new_password,
        permissions=PERMISSION_LABELS,
    )


@bp.route("/uzytkownicy")
@allow(ADMIN)
def users():
    return _users_page()


@bp.route("/uzytkownicy", methods=["POST"])
@allow(ADMIN)
def create_user_view():
    form = UserForm()
    if form.validate_on_submit():
        password = generate_password()
        try:
            user = create_user(form.email.data, form.role.data, password, form.full_name.data)
        except AccountError as error:
            form.email.errors.append(str(error))
        else:
            db.session.flush()
            record_access(AccessAction.ACCOUNT_CHANGE, current_user.id, "user", user.id,
                          change="created", role=user.role)
            db.session.commit()
            return _users_page(new_password=_(
                "Utworzono konto %(email)s. Hasło jednorazowe: %(password)s — przekaż je "
                "bezpiecznie; nie będzie pokazane ponownie.",
                email=user.email, password=password,
            ))
    return _users_page(form), 400


@bp.route("/uzytkownicy/<int:user_id>/aktywnosc", methods=["POST"])
@allow(ADMIN)
def toggle_active(user_id: int):
    user = db.get_or_404(User, user_id)
    try:
        set_active(user, not user.active, by=current_user)
    except AccountError as error:
        flash(str(error), "error")
    else:
        record_access(AccessAction.ACCOUNT_CHANGE, current_user.id, "user", user.id,
                      change="activated" if user.active else "deactivated")
        db.session.commit()
        flash(_("Konto aktywowane.") if user.active else _("Konto dezaktywowane."), "success")
    return redirect(url_for("admin.users"))


@bp.route("/uzytkownicy/<int:user_id>/reset-hasla", methods=["POST"])
@allow(ADMIN)
def reset_password(user_id: int):
    user = db.get_or_404(User, user_id)
    password = generate_password()
    set_password(user, password)  # also ends the account's sessions
    record_access(AccessAction.ACCOUNT_CHANGE, current_user.id, "user", user.id,
                  change="password_reset")
    db.session.commit()
    return _users_page(new_password=_(
        "Nowe hasło dla %(email)s: %(password)s — przekaż je bezpiecznie; nie będzie pokazane "
        "ponownie.", email=user.email, password=password,
    ))


@bp.route("/uzytkownicy/<int:user_id>/uprawnienia", methods=["POST"])
@allow(ADMIN)
def permission(user_id: int):
    """Give or take one named permission (`grant`/`revoke` in the form); both are logged."""
    user = db.get_or_404(User, user_id)
    try:
        wanted = Permission(request.form.get("permission", ""))
    except ValueError:
        flash(_("Nieznane uprawnienie."), "error")
        return redirect(url_for("admin.users"))
    if request.form.get("grant") == "1":
        grant_permission(user, wanted, by=current_user)
        flash(_("Nadano uprawnienie „%(name)s”.", name=PERMISSION_LABELS[wanted]), "success")
    else:
        revoke_permission(user, wanted, by=current_user)
        flash(_("Odebrano uprawnienie „%(name)s”.", name=PERMISSION_LABELS[wanted]), "success")
    db.session.commit()
    return redirect(url_for("admin.users"))


def _campaign_form(campaign: Campaign | None = None) -> CampaignForm:
    form = CampaignForm(obj=campaign)
    form.questionnaire_version.choices = choices_from({v: v for v in questionnaire_versions()})
    researchers = db.session.scalars(
        db.select(User).where(User.role == RESEARCHER, User.active).order_by(User.email)
    )
    form.researchers.choices = choices_from({u.id: u.display_name for u in researchers})
    if campaign is not None and request.method == "GET":
        form.gmina.data = campaign.gmina.terc
        form.researchers.data = [u.id for u in campaign.researchers]
    return form


def _campaign_input(form: CampaignForm) -> CampaignInput | None:
    gmina = find_gmina(form.gmina.data)
    if gmina is None:
        form.gmina.errors.append(_("Nie ma gminy o takim kodzie TERC."))
        return None
    return CampaignInput(
        name=form.name.data,
        gmina=gmina,
        starts_on=form.starts_on.data,
        ends_on=form.ends_on.data,
        status=form.status.data,
        questionnaire_version=form.questionnaire_version.data,
        open_to_all_researchers=form.open_to_all_researchers.data,
        researcher_ids=form.researchers.data or [],
    )


@bp.route("/kampanie")
@allow(ADMIN)
def campaigns():
    # Gminas in the same statement: one query for the page, however many campaigns there are.
    rows = db.session.scalars(
        db.select(Campaign)
        .options(joinedload(Campaign.gmina))
        .order_by(Campaign.starts_on.desc(), Campaign.id.desc())
    )
    return render_template("admin/campaigns.html", campaigns=rows)


@bp.route("/kampanie/nowa", methods=["GET", "POST"])
@bp.route("/kampanie/<int:campaign_id>", methods=["GET", "POST"])
@allow(ADMIN)
def campaign(campaign_id: int | None = None):
    existing = db.get_or_404(Campaign, campaign_id) if campaign_id else None
    form = _campaign_form(existing)
    if form.validate_on_submit() and (data := _campaign_input(form)):
        try:
            if existing:
                update_campaign(existing, data)
            else:
                existing = create_campaign(data)
        except CampaignError as error:
            form.ends_on.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Zapisano kampanię."), "success")
            return redirect(url_for("admin.campaigns"))
    status = 400 if form.errors else 200
    return render_template("admin/campaign.html", form=form, campaign=existing), status


@bp.route("/gminy")
@allow(ADMIN)
def gminas():
    query = request.args.get("q", "")
    return render_template("admin/gminas.html", query=query, gminas=search_gminas(query))


@bp.route("/gminy/<code>/obszary", methods=["GET", "POST"])
@allow(ADMIN)
def localities(code: str):
    gmina = db.get_or_404(Gmina, code)
    form = LocalityForm()
    if form.validate_on_submit():
        try:
            add_locality(gmina, form.name.data, form.kind.data, form.simc.data)
        except GminaError as error:
            form.name.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Dodano obszar."), "success")
            return redirect(url_for("admin.localities", code=code))
    status = 400 if form.errors else 200
    return render_template("admin/localities.html", gmina=gmina, form=form), status


@bp.route("/kwarantanna")
@allow(ADMIN)
def quarantine():
    return render_template("admin/quarantine.html", records=open_records())


@bp.route("/kwarantanna/<int:record_id>")
@allow(ADMIN)
def quarantined(record_id: int):
    record = db.get_or_404(QuarantinedRecord, record_id)
    return render_template("admin/quarantined.html", record=record, payload=shown_payload(record))


@bp.route("/kwarantanna/<int:record_id>/ponow", methods=["POST"])
@allow(ADMIN)
def reprocess_view(record_id: int):
    record = db.get_or_404(QuarantinedRecord, record_id)
    try:
        result = reprocess(record, by=current_user)
    except QuarantineError as error:
        flash(str(error), "error")
        return redirect(url_for("admin.quarantined", record_id=record_id))
    db.session.commit()
    if record.status == QuarantineStatus.ACCEPTED:
        flash(_("Rekord przyjęty (%(status)s).", status=result.status), "success")
        return redirect(url_for("admin.quarantine"))
    flash(_("Rekord nadal ma błędy."), "error")
    return redirect(url_for("admin.quarantined", record_id=record_id))


@bp.route("/kwarantanna/<int:record_id>/odrzuc", methods=["POST"])
@allow(ADMIN)
def discard_view(record_id: int):
    record = db.get_or_404(QuarantinedRecord, record_id)
    act(lambda: discard(record, by=current_user), QuarantineError, _("Rekord odrzucony."))
    return redirect(url_for("admin.quarantine"))
