"""The Menedżer US's review of needs: corrections, statuses, scope flags, approved quotes."""
