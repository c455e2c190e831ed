-- core.esb_polled_at(date, time): an ESB poll's date (YYYYMMDD) and time (HHMM,
-- zero-padded or not: 5 is 00:05) in Irish local time.
create or replace function core.esb_polled_at(poll_date text, poll_time text)
returns timestamptz
language sql stable parallel safe
as $$
    select (
        to_date(poll_date, 'YYYYMMDD')
        + make_interval(hours => poll_time::integer / 100, mins => poll_time::integer % 100)
    ) at time zone 'Europe/Dublin'
$$;
