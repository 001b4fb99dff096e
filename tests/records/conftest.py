"""Fixtures shared by the tests of needs from every channel."""

from tests.interviews.conftest import demo, interview  # noqa: F401  (fixtures)
