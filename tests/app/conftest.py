"""Fixtures of the app tests: a real threaded HTTP server on the test database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.serving import served


@pytest.fixture
def server(app_context) -> Iterator[str]:
    """The app served by Werkzeug in a thread (HTTP/1.1, keep-alive); its base URL."""
    with served(app_context) as url:
        yield url
