"""Coverage: who lives far from DC fast charging, on any snapshot date, and where new
sites would serve the most people (``gaps``, ``trend``, ``siting``). Areas come from
the shipped geography, stations from every loaded source; both are read from
``reporting`` only, so the dashboard's reader login can compute them. ``store`` keeps
each date's coverage for the reporting views."""
