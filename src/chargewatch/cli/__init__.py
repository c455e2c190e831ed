"""The ``chargewatch`` command: a thin adapter from arguments to library calls."""
