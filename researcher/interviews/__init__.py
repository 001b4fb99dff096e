"""Visits and interviews: the researcher's field work, its sync API and its history."""
