"""JSON API of the field app: `POST /api/v1/sync` and the questionnaire definitions."""

from __future__ import annotations

from flask import Blueprint, request
from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import ValidationError

from forms.client import client_definition
from forms.questionnaire import QUESTIONNAIRES
from forms.schema import MAX_BATCH_RECORDS, MAX_RECORD_BYTES, flatten_errors
from researcher.access import allow
from researcher.auth.models import RESEARCHER
from researcher.errors import api_error
from researcher.interviews.sync import gc_paused, sync_batch

bp = Blueprint("api", __name__, url_prefix="/api/v1")

MAX_SYNC_BYTES = MAX_BATCH_RECORDS * MAX_RECORD_BYTES  # 8 MB


@bp.post("/sync")
@allow(RESEARCHER)
def sync():
    if (request.content_length or 0) > MAX_SYNC_BYTES:
        return api_error(413, "too_large", _(
            "Paczka jest większa niż %(mb)d MB; wyślij mniejsze.", mb=MAX_SYNC_BYTES >> 20))
    request.max_content_length = MAX_SYNC_BYTES  # also for chunked bodies without a length
    with gc_paused():
        return _sync()


def _sync():
    try:
        payload = request.get_json(silent=True)
    except RecursionError:  # nested deeper than the parser goes: not a batch a phone sends
        payload = None
    if not isinstance(payload, dict):
        message = _("Treść żądania nie jest poprawnym obiektem JSON.")
        return api_error(400, "malformed_json", message)
    records = payload.get("records")
    if isinstance(records, list) and len(records) > MAX_BATCH_RECORDS:
        return api_error(
            413,
            "too_many_records",
            _("Najwyżej %(n)d rekordów w jednej paczce.", n=MAX_BATCH_RECORDS),
            {"records": [_("Najwyżej %(n)d rekordów w jednej paczce.", n=MAX_BATCH_RECORDS)]},
        )
    try:
        result = sync_batch(payload, current_user)
    except ValidationError as error:
        return api_error(
            422, "invalid_batch", _("Paczka ma błędy."), flatten_errors(error.messages, prefix="")
        )
    return result


@bp.get("/questionnaires/<version>")
@allow(RESEARCHER)
def questionnaire(version: str):
    if version not in QUESTIONNAIRES:
        return api_error(404, "unknown_version", _("Nieznana wersja kwestionariusza."))
    return client_definition(version, translate=_)
