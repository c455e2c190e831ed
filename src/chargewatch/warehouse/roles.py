"""The warehouse's two group roles and what they may do, read from the catalog.

``chargewatch_loader`` writes raw, core and reporting; ``chargewatch_reader``
reads reporting only. Both are NOLOGIN: people and programs log in as users
that are members of one (``create role tableau login password '…' in role
chargewatch_reader``).
"""

from __future__ import annotations

from dataclasses import dataclass

from chargewatch.warehouse.connect import Connection

ROLES = ("chargewatch_loader", "chargewatch_reader")
SCHEMAS = ("raw", "core", "reporting")


@dataclass(frozen=True)
class SchemaGrant:
    """What ``role`` may do in ``schema``: schema privileges and table privileges on how
    many of its tables and views."""

    role: str
    schema: str
    schema_privileges: tuple[str, ...]
    table_privileges: tuple[str, ...]
    tables: int


_QUERY = """
select
    r.rolname,
    n.nspname,
    array_remove(array[
        case when has_schema_privilege(r.oid, n.oid, 'USAGE') then 'USAGE' end,
        case when has_schema_privilege(r.oid, n.oid, 'CREATE') then 'CREATE' end
    ], null),
    coalesce((
        select array_agg(distinct g.privilege_type::text order by g.privilege_type::text)
        from information_schema.role_table_grants as g
        where g.grantee = r.rolname and g.table_schema = n.nspname
    ), '{}'::text[]),
    (
        select count(distinct g.table_name)
        from information_schema.role_table_grants as g
        where g.grantee = r.rolname and g.table_schema = n.nspname
    )
from pg_roles as r
cross join pg_namespace as n
where r.rolname = any(%(roles)s) and n.nspname = any(%(schemas)s)
order by r.rolname, array_position(%(schemas)s, n.nspname::text)
"""


def role_grants(conn: Connection) -> list[SchemaGrant]:
    """Per existing chargewatch role and schema, what it may do; [] if the roles are missing."""
    rows = conn.execute(_QUERY, {"roles": list(ROLES), "schemas": list(SCHEMAS)}).fetchall()
    return [SchemaGrant(r[0], r[1], tuple(r[2]), tuple(r[3]), int(r[4])) for r in rows]
