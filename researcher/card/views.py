"""The service card editor: cards, rows (also from themes and needs), evidence, versions."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from researcher.access import allow
from researcher.actions import saving
from researcher.auth.models import ADMIN, MANAGER
from researcher.campaigns.models import Campaign
from researcher.card import services
from researcher.card.forms import NEW_CHOICES, CardForm, RowForm
from researcher.card.models import ServiceCard, ServiceCardRow, ServiceCardVersion
from researcher.extensions import db, local_today
from researcher.form_fields import choices_from
from researcher.matching.services import card_row_evidence
from researcher.resources.models import RESOURCE_KIND_LABELS
from researcher.themes.models import Theme
from researcher.themes.services import latest_run, visible_themes

bp = Blueprint("card", __name__, url_prefix="/karty")


def _row_input(form: RowForm) -> services.RowInput:
    return services.RowInput(
        name=form.name.data or "",
        area=form.area.data,
        offered=form.offered.data == "tak",
        new=NEW_CHOICES.get(form.new.data),
        criterion=form.criterion.data,
        criterion_description=form.criterion_description.data or "",
        target_groups=form.target_groups.data or [],
        provider=form.provider.data or None,
        justification=form.justification.data or "",
    )


def _row_form(data: services.RowInput | ServiceCardRow | None = None) -> RowForm:
    form = RowForm()
    if data is not None and request.method == "GET":
        form.name.data = data.name
        form.area.data = data.area
        form.offered.data = "tak" if data.offered else "nie"
        form.new.data = {True: "tak", False: "nie"}.get(data.new, "")
        form.criterion.data = data.criterion
        form.criterion_description.data = data.criterion_description or ""
        form.target_groups.data = list(data.target_groups)
        form.provider.data = data.provider or ""
        form.justification.data = data.justification or ""
    return form


def _card_form(card: ServiceCard | None = None) -> CardForm:
    form = CardForm(obj=card)
    campaigns = db.session.scalars(db.select(Campaign).order_by(Campaign.name))
    form.campaign.choices = choices_from({c.id: c.name for c in campaigns})
    if card is None and request.method == "GET":
        form.prepared_on.data = local_today()
        form.prepared_by_name.data = current_user.full_name
    return form


@bp.route("/", methods=["GET", "POST"])
@allow(MANAGER, ADMIN)
def cards():
    form = _card_form()
    if form.validate_on_submit():
        campaign = db.session.get(Campaign, form.campaign.data)
        if campaign is None:
            form.campaign.errors.append(_("Wybierz kampanię."))
        else:
            card = services.create_card(
                campaign.id,
                form.title.data or "",
                form.prepared_on.data,
                form.prepared_by_name.data,
                current_user,
                organisation_name=form.organisation_name.data or "",
            )
            db.session.commit()
            return redirect(url_for("card.card", card_id=card.id))
    rows = db.session.scalars(db.select(ServiceCard).order_by(ServiceCard.updated_at.desc()))
    return render_template("card/cards.html", cards=rows, form=form), 400 if form.errors else 200


@bp.route("/<int:card_id>", methods=["GET", "POST"])
@allow(MANAGER, ADMIN)
def card(card_id: int):
    card = db.get_or_404(ServiceCard, card_id)
    form = _card_form(card)
    del form.campaign
    if form.validate_on_submit():
        services.update_card(
            card, form.title.data or "", form.prepared_on.data, form.prepared_by_name.data,
            organisation_name=form.organisation_name.data or "",
        )
        db.session.commit()
        flash(_("Zapisano kartę."), "success")
        return redirect(url_for("card.card", card_id=card.id))
    themes = _latest_themes(card.campaign_id)
    return render_template(
        "card/card.html",
        card=card,
        form=form,
        row_form=RowForm(formdata=None),
        evidence={row.id: services.evidence(row) for row in card.rows},
        themes=themes,
        warn_both=services.both_offered_and_new,
    )


def _latest_themes(campaign_id: int) -> list[Theme]:
    run = latest_run(campaign_id)
    return visible_themes(run) if run else []


def _render_row(card: ServiceCard, form: RowForm, row: ServiceCardRow | None, status: int = 200):
    # The row's evidence: local resources answering it and the gap left (matching).
    evidence = card_row_evidence(row) if row is not None else None
    return render_template(
        "card/row.html", card=card, form=form, row=row, evidence=evidence,
        kind_labels=RESOURCE_KIND_LABELS,
    ), status


@bp.route("/<int:card_id>/wiersze/nowy", methods=["GET", "POST"])
@allow(MANAGER, ADMIN)
def new_row(card_id: int):
    card = db.get_or_404(ServiceCard, card_id)
    save = partial(services.add_row, card)
    return _save_row(card, _row_form(), None, save, _("Dodano usługę do karty."))


@bp.route("/<int:card_id>/wiersze/<int:row_id>", methods=["GET", "POST"])
@allow(MANAGER, ADMIN)
def row(card_id: int, row_id: int):
    card = db.get_or_404(ServiceCard, card_id)
    row = _card_row(card.id, row_id)
    save = partial(services.update_row, row)
    return _save_row(card, _row_form(row), row, save, _("Zapisano usługę."))


def _save_row(
    card: ServiceCard,
    form: RowForm,
    row: ServiceCardRow | None,
    save: Callable[[services.RowInput], object],
    done: str,
):
    # A new row and an edited one: the same form, errors beside its fields, the card after.
    if form.validate_on_submit():
        with saving(form, services.CardError, "name") as saved:
            save(_row_input(form))
        if saved:
            flash(done, "success")
            return redirect(url_for("card.card", card_id=card.id))
    return _render_row(card, form, row, 400 if form.errors else 200)


def _card_row(card_id: int, row_id: int) -> ServiceCardRow:
    row = db.get_or_404(ServiceCardRow, row_id)
    if row.card_id != card_id:
        abort(404)
    return row


@bp.route("/<int:card_id>/wiersze/<int:row_id>/usun", methods=["POST"])
@allow(MANAGER, ADMIN)
def delete_row(card_id: int, row_id: int):
    services.delete_row(_card_row(card_id, row_id))
    db.session.commit()
    flash(_("Usunięto usługę z karty."), "success")
    return redirect(url_for("card.card", card_id=card_id))


@bp.route("/<int:card_id>/wiersze/<int:row_id>/przesun", methods=["POST"])
@allow(MANAGER, ADMIN)
def move_row(card_id: int, row_id: int):
    offset = -1 if request.form.get("kierunek") == "w-gore" else 1
    services.move_row(_card_row(card_id, row_id), offset)
    db.session.commit()
    return redirect(url_for("card.card", card_id=card_id))


@bp.route("/<int:card_id>/z-tematu", methods=["POST"])
@allow(MANAGER, ADMIN)
def row_from_theme(card_id: int):
    card = db.get_or_404(ServiceCard, card_id)
    theme = db.session.get(Theme, request.form.get("theme_id", type=int) or 0)
    if theme is None or theme.run.campaign_id != card.campaign_id:
        flash(_("Wybierz temat z analizy tej kampanii."), "error")
        return redirect(url_for("card.card", card_id=card.id))
    row = services.add_row(
        card, services.row_from_theme(theme), services.theme_needs(theme), theme
    )
    db.session.commit()
    flash(_("Dodano usługę z tematu — uzupełnij kryterium i uzasadnienie."), "success")
    return redirect(url_for("card.row", card_id=card.id, row_id=row.id))


@bp.route("/z-potrzeb", methods=["POST"])
@allow(MANAGER, ADMIN)
def row_from_needs():
    card = db.get_or_404(ServiceCard, request.form.get("card", type=int) or 0)
    ids = request.form.getlist("need_id", type=int)
    needs = services.campaign_needs(card, ids)
    if not needs:
        flash(_("Zaznacz potrzeby z kampanii tej karty."), "error")
        return redirect(url_for("needs.index", campaign=card.campaign_id))
    data = services.row_from_needs(needs, request.form.get("name", ""))
    row = services.add_row(card, data, needs)
    db.session.commit()
    flash(_("Dodano usługę (potrzeby za nią: %(n)d) — uzupełnij opis.", n=len(needs)), "success")
    return redirect(url_for("card.row", card_id=card.id, row_id=row.id))


@bp.route("/<int:card_id>/wersje", methods=["POST"])
@allow(MANAGER, ADMIN)
def save_version(card_id: int):
    card = db.get_or_404(ServiceCard, card_id)
    version = services.save_version(card, current_user)
    db.session.commit()
    flash(_("Zapisano wersję %(n)d karty.", n=version.number), "success")
    return redirect(url_for("card.card", card_id=card.id))


@bp.route("/<int:card_id>/wersje/<int:number>")
@allow(MANAGER, ADMIN)
def version(card_id: int, number: int):
    saved = db.session.scalar(
        db.select(ServiceCardVersion).filter_by(card_id=card_id, number=number)
    )
    if saved is None:
        abort(404)
    return render_template("card/version.html", card_id=card_id, version=saved)
