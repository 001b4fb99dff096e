"""Fixtures of the app tests: a real threaded HTTP server on the test database."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server


@pytest.fixture
def server(app_context) -> Iterator[str]:
    """The app served by Werkzeug in a thread (HTTP/1.1, keep-alive); its base URL."""
    server = make_server("127.0.0.1", 0, app_context, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)
