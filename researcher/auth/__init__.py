"""Accounts, roles, login and the per-route access rules."""
