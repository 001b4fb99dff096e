"""Text processing and clustering of residents' needs, written in Polish.

A library: plain functions and dataclasses, deterministic, no Flask and no database.
"""
