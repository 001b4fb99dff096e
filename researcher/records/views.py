"""The manager's record-level export page: download, and every download is logged."""

from __future__ import annotations

from flask import Blueprint, Response, render_template
from flask_login import current_user

from researcher.access import allow
from researcher.admin.forms import choices_from
from researcher.audit.models import AccessAction
from researcher.audit.services import record_access
from researcher.auth.models import ADMIN, MANAGER
from researcher.campaigns.models import Campaign
from researcher.extensions import db
from researcher.records import services, spss
from researcher.records.forms import RecordExportForm, formats

bp = Blueprint("records", __name__, url_prefix="/dane-rekordowe")

MIMETYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "application/zip",
    "sav": "application/zip",
}
WRITERS = {"xlsx": services.to_xlsx, "csv": services.to_csv_zip, "sav": spss.to_sav_zip}


@bp.route("/", methods=["GET", "POST"])
@allow(MANAGER, ADMIN)
def index():
    form = RecordExportForm()
    campaigns = db.session.scalars(db.select(Campaign).order_by(Campaign.starts_on.desc()))
    form.campaign.choices = choices_from({c.id: c.name for c in campaigns})
    form.fmt.choices = choices_from(formats(spss.available()))
    if form.validate_on_submit():
        campaign = db.get_or_404(Campaign, form.campaign.data)
        export = services.record_export(campaign, with_codes=bool(form.with_codes.data))
        body = WRITERS[form.fmt.data](export)
        record_access(
            AccessAction.RECORD_EXPORT, current_user.id, "campaign", campaign.id,
            format=form.fmt.data, with_codes=bool(form.with_codes.data),
            visits=len(export.visits.rows), needs=len(export.needs.rows),
        )  # fmt: skip
        db.session.commit()
        extension = "xlsx" if form.fmt.data == "xlsx" else "zip"
        name = f"rekordy-kampania-{campaign.id}{'-spss' if form.fmt.data == 'sav' else ''}"
        return Response(body, mimetype=MIMETYPES[form.fmt.data], headers={
            "Content-Disposition": f'attachment; filename="{name}.{extension}"',
            "Cache-Control": "no-store",
        })  # fmt: skip
    return render_template("records/index.html", form=form), 400 if form.errors else 200
