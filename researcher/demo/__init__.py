"""Demo data: a gmina with localities, a campaign and three accounts."""
