"""Needs from the channels other than a visit: entered one by one, or imported from a file."""
