"""Gminas of the official TERC list and the localities (sub-areas) an admin adds to them."""
