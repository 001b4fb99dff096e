"""The field app: interview page (offline), service worker, manifest, "Moje wizyty", backups."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    jsonify,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import RequestEntityTooLarge

from forms.client import client_definition
from forms.questionnaire import CURRENT_VERSION, QUESTIONNAIRES
from researcher.access import allow, public
from researcher.auth.models import ADMIN, MANAGER, RESEARCHER, User
from researcher.extensions import db
from researcher.field import printables, services
from researcher.field.forms import BackupUploadForm
from researcher.field.strings import field_strings
from researcher.meetings.client import meeting_bootstrap
from researcher.steering.reviews import open_reviews_for

bp = Blueprint("field", __name__)

STATIC = Path(__file__).resolve().parents[2] / "static"
SERVICE_WORKER = STATIC / "sw.js"
#: Static files the service worker keeps for a day without network (paths under /static).
SHELL_ASSETS = (
    "css/app.css",
    "js/app.js",
    "js/field/app.js",
    "js/field/backup.js",
    "js/field/conditions.js",
    "js/field/dom.js",
    "js/field/form.js",
    "js/field/form-logic.js",
    "js/field/form-fields.js",
    "js/field/form-scroll.js",
    "js/field/main.js",
    "js/field/meeting.js",
    "js/field/my-visits.js",
    "js/field/outbox.js",
    "js/field/paper.js",
    "js/field/pii.js",
    "js/field/pii-move.js",
    "js/field/storage.js",
    "js/field/tips.js",
    "js/field/sync.js",
    "icons/icon.svg",
)


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def _local_time(utc_naive: datetime) -> str:
    return utc_naive.replace(tzinfo=UTC).astimezone(_zone()).strftime("%H:%M")


@bp.get("/teren")
@allow(RESEARCHER)
def app():
    """The interview app shell; `?popraw=<uuid>` opens a synced visit for correction."""
    bootstrap = services.field_bootstrap(current_user, _)
    correct = request.args.get("popraw")
    if correct:
        record = services.correction_record(current_user, correct)
        if record is None:
            abort(404)
        bootstrap["correction"] = record
    bootstrap["strings"] = field_strings()
    bootstrap["outcomes"] = services.outcome_labels(_)
    bootstrap["urls"] = _urls()
    bootstrap["meeting"] = meeting_bootstrap()  # the phone's meeting form (meeting.js)
    bootstrap["undo_ms"] = int(current_app.config["FIELD_UNDO_SECONDS"] * 1000)
    return render_template("field/app.html", bootstrap=bootstrap)


@bp.get("/kwestionariusz/druk")
@allow(RESEARCHER, MANAGER, ADMIN)
def questionnaire_print():
    """The current questionnaire on A4 paper, for when a phone dies (`?jezyk=uk`: in
    Ukrainian where forms/uk.py has the text)."""
    lang = printables.language(request.args.get("jezyk"))
    definition = printables.localized_definition(
        client_definition(CURRENT_VERSION, translate=_), lang)
    return render_template("field/print.html", definition=definition, lang=lang,
                           words=printables.QUESTIONNAIRE_WORDS[lang])


@bp.get("/klauzula/druk")
@allow(RESEARCHER, MANAGER, ADMIN)
def clause_print():
    """The information clause (art. 13 RODO) to leave at the door, Polish or `?jezyk=uk`."""
    lang = printables.language(request.args.get("jezyk"))
    return render_template(
        "field/clause.html", lang=lang,
        clause=printables.clause(lang, current_app.config["RETENTION_CONTACT_MONTHS"]),
        clause_version=QUESTIONNAIRES[CURRENT_VERSION].clause_version)


@bp.get("/teren/token")
@allow(RESEARCHER)
def token():
    """A fresh CSRF token for the sync call: the offline page may be a cached copy whose
    token belongs to an earlier session."""
    response = jsonify({"csrf_token": generate_csrf()})
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/moje-wizyty")
@allow(RESEARCHER)
def my_visits():
    """Today's visits of this researcher on the server, and (by JS) those still on the phone."""
    today = datetime.now(_zone()).date()
    visits = services.visits_on(current_user, today, _zone())
    outcomes = services.outcome_labels(_)
    page_data = {
        "strings": field_strings(),
        "outcomes": outcomes,
        "urls": _urls(),
        "researcher_id": current_user.id,
    }
    return render_template(
        "field/my_visits.html",
        visits=visits,
        rows=[(v, _local_time(v.recorded_at)) for v in visits],
        outcomes=outcomes,
        counts=services.count_outcomes(visits, outcomes),
        today=today,
        interviews=sum(1 for v in visits if v.is_interview),
        page_data=page_data,
        reviews=open_reviews_for(current_user),  # "do wyjaśnienia" from the manager
    )


@bp.route("/kopie-zapasowe", methods=["GET", "POST"])
@allow(MANAGER, ADMIN)
def backups():
    """Upload a backup file from a phone that cannot sync; every record is validated as in
    sync and the result of each is shown."""
    request.max_content_length = services.MAX_BACKUP_BYTES + 64 * 1024
    try:
        form = BackupUploadForm()
    except RequestEntityTooLarge:
        form = BackupUploadForm(formdata=None)
        form.backup.errors = [_too_big()]
        return _backups_page(form), 413
    form.researcher_id.choices = [
        (u.id, f"{u.display_name} <{u.email}>") for u in services.researchers()
    ]
    results, status = None, 200
    if form.validate_on_submit():
        researcher = db.session.get(User, form.researcher_id.data)
        try:
            backup = services.parse_backup(form.backup.data.read(services.MAX_BACKUP_BYTES + 1))
        except services.BackupError as error:
            form.backup.errors = [str(error)]
            status = 400
        else:
            try:
                results = services.import_backup(backup, researcher)
                db.session.commit()
            except OperationalError:
                db.session.rollback()
                results = None
                form.backup.errors = [_("Baza danych jest zajęta. Prześlij plik ponownie.")]
                status = 503
    elif request.method == "POST":
        status = 400
    return _backups_page(form, results), status


def _backups_page(form: BackupUploadForm, results=None) -> str:
    counts = Counter(result.status for result in results or [])
    return render_template("field/backups.html", form=form, results=results, counts=counts)


def _too_big() -> str:
    return _("Plik jest za duży: najwyżej %(mb)d MB.",
             mb=services.MAX_BACKUP_BYTES // (1024 * 1024))


@bp.get("/sw.js")
@public
def service_worker():
    """The service worker, from the root so that its scope covers /teren and /moje-wizyty.

    Its configuration (cache name, files to keep) is prepended; the cache name is a hash of
    everything it caches, so a new release replaces the old cache.
    """
    source = SERVICE_WORKER.read_text(encoding="utf-8")
    assets = [url_for("static", filename=name) for name in SHELL_ASSETS]
    digest = hashlib.sha256(source.encode())
    for name in SHELL_ASSETS:
        digest.update((STATIC / name).read_bytes())
    for name in ("field/app.html", "field/my_visits.html", "base.html"):
        digest.update(current_app.jinja_loader.get_source(current_app.jinja_env, name)[0].encode())
    config = {
        "cache": "rekonesans-" + digest.hexdigest()[:12],
        "assets": [*assets, url_for("field.manifest")],
        "pages": [url_for("field.app"), url_for("field.my_visits")],
        "definitions": [url_for("api.questionnaire", version=v) for v in sorted(QUESTIONNAIRES)],
        "never": [url_for("field.token")],
    }
    body = f"const CONFIG = {json.dumps(config)};\n{source}"
    response = Response(body, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Service-Worker-Allowed"] = "/"
    return response


@bp.get("/manifest.webmanifest")
@public
def manifest():
    """The web app manifest: the field app can be added to the phone's home screen."""
    body = {
        "name": _("Rekonesans – wywiady w terenie"),
        "short_name": _("Rekonesans"),
        "lang": "pl",
        "start_url": url_for("field.app"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5f4a",
        "icons": [
            {
                "src": url_for("static", filename="icons/icon.svg"),
                "sizes": "any",
                "type": "image/svg+xml",
                "purpose": "any",
            }
        ],
    }
    response = Response(json.dumps(body, ensure_ascii=False),
                        mimetype="application/manifest+json")
    response.headers["Cache-Control"] = "no-cache"
    return response


def _urls() -> dict[str, str]:
    return {
        "sync": url_for("api.sync"),
        "token": url_for("field.token"),
        "login": url_for("auth.login", next=url_for("field.app")),
        "app": url_for("field.app"),
        "my_visits": url_for("field.my_visits"),
        "questionnaire": url_for("api.questionnaire", version="__VERSION__"),
        "service_worker": url_for("field.service_worker"),
    }
