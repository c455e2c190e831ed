"""Maintenance prediction: for every port and day, the probability that it begins an
outage of 30 minutes or more in the next 24 hours, learned by gradient boosting from
the ports' own status history, and judged against two simple rules on days the model
never saw."""
