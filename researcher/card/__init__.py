"""Karta usług i kryteriów dostępu: the NGO's service card, its rows, evidence and versions."""
