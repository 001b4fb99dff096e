"""GET /panel: the needs dashboard for the Menedżer US (and the admin)."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from flask_babel import gettext as _

from researcher.access import allow
from researcher.auth.models import ADMIN, MANAGER
from researcher.campaigns.picker import pick
from researcher.dashboard.across import build_across, powiats, voivodeships
from researcher.dashboard.forms import AcrossForm, FilterForm
from researcher.dashboard.services import build_panel, localities
from researcher.reports.aggregates import ReportFilter
from researcher.reports.disclosure import DEFAULT_K
from researcher.reports.periods import published_range
from researcher.reports.rollups import Scope

bp = Blueprint("dashboard", __name__)


@bp.route("/panel")
@allow(MANAGER, ADMIN)
def panel():
    """Filters from the query string; invalid ones are reported and ignored."""
    form = FilterForm(request.args)
    picker = pick(request.args.get("kampania", type=int), form.szukaj.data or "")
    form.kampania.choices = picker.choices()
    chosen = picker.chosen
    form.kampania.data = chosen.id if chosen else None
    form.miejscowosc.choices = [(None, _("Cała gmina"))] + [
        (loc.id, loc.name) for loc in localities(chosen)
    ]
    valid = form.validate() if request.args else True
    if not valid:  # show the errors, count without the filters that failed
        for field in (form.miejscowosc, form.kanal, form.od, form.do):
            if field.errors:
                field.data = None
    panel_data = None
    # Published figures cover whole months: no one-day count by subtracting two ranges.
    date_from, date_to = published_range(form.od.data, form.do.data)
    widened = (date_from, date_to) != (form.od.data, form.do.data)
    if chosen is not None:
        report_filter = ReportFilter(
            campaign_id=chosen.id,
            gmina_code=chosen.gmina_code,
            locality_id=form.miejscowosc.data,
            date_from=date_from,
            date_to=date_to,
            channel=form.kanal.data or None,
        )
        k = current_app.config.get("DISCLOSURE_K", DEFAULT_K)
        panel_data = build_panel(report_filter, k, translate=_)
    return render_template(
        "dashboard/panel.html",
        form=form,
        campaign=chosen,
        panel=panel_data,
        picker=picker,
        widened=(date_from, date_to) if widened else None,
    )


@bp.route("/panel/kampanie")
@allow(MANAGER, ADMIN)
def across():
    """Campaigns side by side, and the voivodeship and country roll-ups."""
    form = AcrossForm(request.args)
    form.woj.choices = [("", _("Cała Polska"))] + [
        (code, _("woj. %(name)s", name=name)) for code, name in voivodeships()
    ]
    form.powiat.choices = [("", _("Całe województwo"))] + [
        (code, _("powiat %(name)s", name=name)) for code, name in powiats(form.woj.data)
    ]
    if request.args and not form.validate():  # an unknown code: back to the wider scope
        form.woj.data = form.woj.data if not form.woj.errors else ""
        form.powiat.data = ""
    k = current_app.config.get("DISCLOSURE_K", DEFAULT_K)
    data = build_across(Scope(form.powiat.data or form.woj.data or None), k, translate=_)
    return render_template("dashboard/across.html", form=form, data=data)
