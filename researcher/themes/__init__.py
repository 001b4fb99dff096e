"""Themes of needs: analysis runs for a campaign and the manager's review of their themes."""
