"""The admin's view of the access log: filters by action, actor and days; CSV download."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, render_template, request
from flask_login import current_user

from researcher.access import allow
from researcher.audit.models import ACTION_LABELS, AccessAction
from researcher.audit.services import PAGE_SIZE, LogFilter, log_csv, log_query, record_access
from researcher.auth.models import ADMIN, User
from researcher.extensions import db

bp = Blueprint("audit", __name__, url_prefix="/admin/dziennik-dostepu")


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _filter() -> LogFilter:
    action = request.args.get("action") or None
    actor = request.args.get("actor", "")
    return LogFilter(
        action=action if action in set(AccessAction) else None,
        actor_id=int(actor) if actor.isdigit() else None,
        since=_day(request.args.get("since")),
        until=_day(request.args.get("until")),
    )


@bp.route("")
@allow(ADMIN)
def index():
    wanted = _filter()
    entries = db.session.scalars(log_query(wanted).limit(PAGE_SIZE)).all()
    users = db.session.scalars(db.select(User).order_by(User.email)).all()
    return render_template(
        "admin/access_log.html",
        entries=entries,
        wanted=wanted,
        users=users,
        emails={u.id: u.email for u in users},
        labels=ACTION_LABELS,
        page_size=PAGE_SIZE,
    )


@bp.route("/dziennik.csv")
@allow(ADMIN)
def download():
    wanted = _filter()
    entries = db.session.scalars(log_query(wanted)).all()
    body = log_csv(entries)
    record_access(AccessAction.LOG_DOWNLOAD, current_user.id, "access_log", None,
                  rows=len(entries), filter_action=wanted.action or "",
                  filter_actor=wanted.actor_id or "")
    db.session.commit()
    return Response(
        "\ufeff" + body,
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="dziennik-dostepu.csv"'},
    )
