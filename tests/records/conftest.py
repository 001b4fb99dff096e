"""Fixtures shared by the tests of needs from every channel."""

