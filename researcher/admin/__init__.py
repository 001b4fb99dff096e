"""Admin pages: users, campaigns, localities."""
