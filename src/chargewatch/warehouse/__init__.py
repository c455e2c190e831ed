"""The PostgreSQL warehouse: connect (embedded or URL), migrate, load."""

from chargewatch.warehouse.connect import connect, database_url
from chargewatch.warehouse.migrate import migrate, schema_version

__all__ = ["connect", "database_url", "migrate", "schema_version"]
