"""Respondents\x27 rights by code (art. 15-18, 20, 7(3)): requests, lookup, erasure."""
