"""Wnioski i rekomendacje: what the NGO proposes, each linked to the evidence behind it."""
