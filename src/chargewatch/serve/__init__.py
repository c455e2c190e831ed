"""Showing the numbers: the HTML report (and, later, the dashboard and Tableau exports)."""
