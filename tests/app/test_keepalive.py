"""A request refused as too large closes its connection cleanly: on a real gunicorn server
(as deployed), the next request of the same client gets its answer."""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from researcher.extensions import db
from researcher.interviews.api import MAX_SYNC_BYTES
from tests.conftest import PASSWORD


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def gunicorn(app_context, tmp_path: Path) -> Iterator[str]:
    """gunicorn serving the app on the test database (its own process, as in production)."""
    db.session.commit()
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": str(db.engine.url.render_as_string(False)),
           "SECRET_KEY": "keepalive-test"}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--threads", "2", "--chdir", str(tmp_path), "--pythonpath",
         str(Path(__file__).resolve().parents[2]), "researcher:create_app()"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield f"127.0.0.1:{port}"
    process.terminate()
    process.wait(10)


def test_the_next_request_after_a_413_gets_its_answer(gunicorn, make_user):
    user = make_user("researcher")
    connection = http.client.HTTPConnection(gunicorn, timeout=30)
    connection.request("GET", "/logowanie")
    page = connection.getresponse()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"',
                      page.read().decode()).group(1)
    cookie = page.getheader("Set-Cookie").split(";")[0]
    form = urllib.parse.urlencode({"email": user.email, "password": PASSWORD,
                                   "csrf_token": token})
    connection.request("POST", "/logowanie", form, {
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    login = connection.getresponse()
    login.read()
    assert login.status == 302
    cookie = login.getheader("Set-Cookie").split(";")[0]
    connection.request("GET", "/teren", headers={"Cookie": cookie})
    field_page = connection.getresponse().read().decode()
    token = re.search(r'name="csrf-token" content="([^"]+)"', field_page).group(1)
    body = b'{"records": "' + b"x" * (MAX_SYNC_BYTES + 1024 * 1024) + b'"}'
    connection.request("POST", "/api/v1/sync", body, {
        "Content-Type": "application/json", "Cookie": cookie, "X-CSRFToken": token})
    refused = connection.getresponse()
    refused.read()
    assert refused.status == 413  # the body was drained: the answer arrives, nothing is left
    connection.request("GET", "/zdrowie", headers={"Cookie": cookie})
    assert connection.getresponse().status == 200
