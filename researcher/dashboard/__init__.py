"""The Menedżer US's needs dashboard: every figure as a disclosure-safe table and chart."""
