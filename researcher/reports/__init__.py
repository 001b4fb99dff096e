"""Figures for the manager: aggregations, disclosure control, charts."""
