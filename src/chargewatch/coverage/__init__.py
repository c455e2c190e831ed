"""Coverage: who lives far from DC fast charging, on any snapshot date, and where new
sites would serve the most people (``gaps``, ``trend``, ``siting``). Areas come from
the shipped geography (``core.geo_area``); stations from every loaded source."""
