-- core.status_event_month(month): the month's partition of core.status_event,
-- created when a load first brings an observation of that month.
create or replace function core.status_event_month(p_month date)
returns void
language plpgsql
as $$
declare
    part text := format('status_event_%s', to_char(p_month, 'YYYY_MM'));
begin
    if to_regclass('core.' || part) is null then
        execute format(
            'create table core.%I partition of core.status_event for values from (%L) to (%L)',
            part,
            p_month::timestamp at time zone 'UTC',
            (p_month + interval '1 month')::timestamp at time zone 'UTC'
        );
    end if;
end
$$;
