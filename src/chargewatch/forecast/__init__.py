"""Forecasts of sessions and energy per station, network or source, each series'
model chosen by a rolling-origin backtest against the seasonal-naive baseline."""
