"""Retention: personal data removed by age, automatically and provably (DOMAIN §3.6)."""
