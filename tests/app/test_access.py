"""Every route declares who may see it; walk them all with every role and anonymously."""

import pytest
from flask import url_for

from researcher.access import PUBLIC
from researcher.auth.models import ROLES
from tests.conftest import log_in

EXEMPT = {"static"}  # Flask's own static files: public by nature


def routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in EXEMPT:
            continue
        view = app.view_functions[rule.endpoint]
        method = "GET" if "GET" in rule.methods else sorted(rule.methods - {"HEAD", "OPTIONS"})[0]
        values = {
            arg: 1 if type(rule._converters[arg]).__name__ == "IntegerConverter" else "x"
            for arg in rule.arguments
        }
        yield rule, view, method, values


def test_every_route_declares_an_access_rule(app):
    missing = [r.endpoint for r, view, _, _ in routes(app) if not hasattr(view, "access")]
    assert missing == []


@pytest.mark.parametrize("role", [None, *ROLES])
def test_every_route_answers_each_role_as_declared(app, client, make_user, role):
    user = make_user(role) if role else None
    failures = []
    for rule, view, method, values in routes(app):
        if user:  # again for every route: the walk passes through /wyloguj
            log_in(client, user)
        with app.test_request_context():
            url = url_for(rule.endpoint, **values)
        response = client.open(url, method=method)
        sent_to_login = "/logowanie" in response.headers.get("Location", "")
        if view.access is PUBLIC:
            ok = response.status_code not in (401, 403)
        elif role in view.access:
            ok = response.status_code not in (401, 403) and not sent_to_login
        elif role is None:
            ok = response.status_code == 401 if url.startswith("/api/") else sent_to_login
        else:
            ok = response.status_code == 403
        if not ok:
            failures.append((method, url, response.status_code))
    assert failures == []


def test_a_permission_holder_of_any_role_reaches_the_routes_of_that_permission(
    app, client, make_user
):
    from researcher.auth.permissions import Permission
    from researcher.auth.services import grant_permission
    from researcher.extensions import db

    admin = make_user("admin")
    failures = []
    for role in ("researcher", "manager"):
        user = make_user(role)
        grant_permission(user, Permission.RIGHTS_REQUESTS, by=admin)
        db.session.commit()
        for rule, view, method, values in routes(app):
            if getattr(view, "permission", None) != Permission.RIGHTS_REQUESTS:
                continue
            log_in(client, user)
            with app.test_request_context():
                url = url_for(rule.endpoint, **values)
            status = client.open(url, method=method).status_code
            if status in (401, 403):
                failures.append((role, method, url, status))
    assert failures == []


@pytest.mark.parametrize(
    ("role", "status"), [("manager", 200), ("admin", 200), ("researcher", 403)]
)
def test_the_view_across_campaigns_is_for_managers_and_admins(client, make_user, role, status):
    log_in(client, make_user(role))
    assert client.get("/panel/kampanie").status_code == status
