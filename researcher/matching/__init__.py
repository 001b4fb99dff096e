"""Matching needs and themes to local resources, referrals, and the gaps left (DOMAIN A5)."""
