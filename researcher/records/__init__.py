"""Record-level data (pseudonymised) for the NGO's own analysis; never published."""
