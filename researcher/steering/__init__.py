"""Steering a round: assignments and targets, coverage, quality signals, review threads."""
