-- Marks the lines of load %(load_id)s on %(day)s (YYYYMMDD, a day Irish clocks
-- go back) whose poll is in the repeated hour and comes before the clock went
-- back in the file: the first line at an earlier clock than a line before it
-- in that hour. A file with one pass of the hour only (no step back) is read
-- as the repeat (winter time), PostgreSQL's reading of an ambiguous time.
with repeated as (
    select
        line_number,
        poll_time::integer as clock
    from raw.esb_status
    where
        load_id = %(load_id)s
        and poll_date = %(day)s
        and poll_time ~ '^[0-9]{1,4}$'
        and poll_time::integer between %(hour_from)s and %(hour_to)s
),

stepped as (
    select
        line_number,
        clock,
        max(clock) over (
            order by line_number rows between unbounded preceding and 1 preceding
        ) as clock_before
    from repeated
),

went_back as (
    select min(line_number) as line_number
    from stepped
    where clock < clock_before
)

update raw.esb_status as r
set first_pass = true
from went_back as b, repeated as p
where
    r.load_id = %(load_id)s
    and r.line_number = p.line_number
    and p.line_number < b.line_number
