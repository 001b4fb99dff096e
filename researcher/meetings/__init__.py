"""Group sessions (meetings with residents) and the needs raised there."""
