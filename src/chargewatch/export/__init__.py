"""Writing the reporting layer out for other tools (Tableau)."""
