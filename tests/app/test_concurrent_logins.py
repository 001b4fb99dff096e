"""Logins (short writes) wait for SQLite's write lock instead of failing while a colleague
syncs: 20 simultaneous logins during continuous sync, on a real threaded server, no 5xx."""

from __future__ import annotations

import http.cookiejar
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid

from researcher.demo.services import seed_demo
from researcher.extensions import db
from tests.conftest import PASSWORD
from tests.interviews.conftest import FIXTURE

LOGINS = 20


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _opener() -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)


def _status(opener, url: str, data: bytes, content_type: str) -> int:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": content_type})
    try:
        with opener.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _login(opener, base: str, email: str) -> int:
    form = urllib.parse.urlencode({"email": email, "password": PASSWORD}).encode()
    return _status(opener, f"{base}/logowanie", form, "application/x-www-form-urlencoded")


def _batch(size: int) -> bytes:
    template = json.loads(FIXTURE.read_text(encoding="utf-8"))
    records = [{**template, "uuid": str(uuid.uuid4())} for _ in range(size)]
    return json.dumps({"device_id": str(uuid.uuid4()), "batch_id": str(uuid.uuid4()),
                       "records": records}).encode()


def test_logins_succeed_while_a_colleague_syncs(server, make_user):
    seed_demo()
    db.session.commit()
    syncing = make_user("researcher")
    emails = [make_user("researcher").email for _ in range(LOGINS)]
    sync_opener = _opener()
    assert _login(sync_opener, server, syncing.email) == 302
    stop, sync_statuses = threading.Event(), []

    def sync_continuously() -> None:
        while not stop.is_set():
            sync_statuses.append(_status(sync_opener, f"{server}/api/v1/sync", _batch(100),
                                         "application/json"))

    syncer = threading.Thread(target=sync_continuously)
    syncer.start()
    start = threading.Barrier(LOGINS)
    login_statuses: list[int] = []

    def log_in(email: str) -> None:
        opener = _opener()
        start.wait()
        login_statuses.append(_login(opener, server, email))

    threads = [threading.Thread(target=log_in, args=(e,)) for e in emails]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    stop.set()
    syncer.join(120)
    assert sorted(login_statuses) == [302] * LOGINS
    assert sync_statuses and set(sync_statuses) == {200}
