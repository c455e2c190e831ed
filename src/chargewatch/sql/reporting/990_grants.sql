-- What the chargewatch roles may do (see migration 014): the reader selects
-- from reporting and nothing else (the views read core as their owner); the
-- loader reads and writes raw, core and reporting. Skipped where the roles
-- do not exist.
do $$
begin
    if exists (select from pg_roles where rolname = 'chargewatch_reader') then
        revoke all on schema raw, core from chargewatch_reader;
        grant usage on schema reporting to chargewatch_reader;
        grant select on all tables in schema reporting to chargewatch_reader;
    end if;
    if exists (select from pg_roles where rolname = 'chargewatch_loader') then
        grant usage, create on schema raw, core, reporting to chargewatch_loader;
        grant select, insert, update, delete, truncate, references
            on all tables in schema raw, core, reporting to chargewatch_loader;
        grant usage, select on all sequences in schema core to chargewatch_loader;
        grant execute on all functions in schema core to chargewatch_loader;
    end if;
end
$$;
