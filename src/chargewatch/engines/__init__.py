"""Engines for event-scale status work: a month of a feed's intervals built from
scratch by PostgreSQL (the warehouse) or Spark (Parquet in the lake), from one
definition (``engines.job``); ``engines.parquet`` keeps each status load's
observations in the lake for the engines that read it there."""
