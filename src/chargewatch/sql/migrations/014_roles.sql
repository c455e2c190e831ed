-- Two group roles (cluster-wide, NOLOGIN): chargewatch_loader writes the
-- warehouse, chargewatch_reader reads the reporting schema only (Tableau, the
-- dashboard). Log-in users join one of them; see chargewatch db roles. Grants
-- are in sql/reporting/990_grants.sql, made again whenever reporting is rebuilt.
-- A migrating user without CREATEROLE skips this with a notice.
do $$
begin
    if not exists (select from pg_roles where rolname = 'chargewatch_loader') then
        create role chargewatch_loader nologin;
    end if;
    if not exists (select from pg_roles where rolname = 'chargewatch_reader') then
        create role chargewatch_reader nologin;
    end if;
exception
    when insufficient_privilege then
        raise notice 'chargewatch roles not created: % (grant CREATEROLE, then run chargewatch db roles)', sqlerrm;
end
$$;
