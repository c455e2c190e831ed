-- core.esb_polled_at(date, time, first_pass): an ESB poll's date (YYYYMMDD)
-- and time (HHMM, zero-padded or not: 5 is 00:05) in Irish local time. A time
-- in the hour repeated when summer time ends is the repeat (winter time),
-- unless first_pass says the line came before the clock went back.
drop function if exists core.esb_polled_at(text, text) cascade;

create or replace function core.esb_polled_at(
    poll_date text, poll_time text, first_pass boolean
)
returns timestamptz
language sql stable parallel safe
as $$
    select (
        to_date(poll_date, 'YYYYMMDD')
        + make_interval(hours => poll_time::integer / 100, mins => poll_time::integer % 100)
    ) at time zone 'Europe/Dublin'
    - case when first_pass then interval '1 hour' else interval '0' end
$$;
