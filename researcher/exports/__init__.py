"""Exports for the gmina: diagnosis contribution and service card, with disclosure control."""
