"""The PostgreSQL warehouse: connect (embedded or URL), migrate and build, load, history.

Import the modules themselves (``chargewatch.warehouse.connect``, ``.migrate``, …):
this package imports nothing, so that source packages can use its parts while
``migrate`` reads the source registry.
"""
