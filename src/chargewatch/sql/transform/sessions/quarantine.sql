-- A session load's impossible lines into core.quarantine, one reason each (the
-- first that holds, in this order): no session ID, a start or end that is not a
-- time, energy that is not a number, an end before the start or equal to it,
-- negative energy, an end in the future, or a session ID another line repeats
-- (of the lines without another problem, the last final one is kept, else the
-- last: a good line is not lost to a bad repeat, nor an OCPI CDR to its Session).
-- {staging} is the source's core.stg_<name>__session; the columns are named as
-- the source names them (%(id_name)s, %(start_name)s, %(end_name)s,
-- %(energy_name)s), and a bad time's detail says what the source writes.
insert into core.quarantine (load_id, line_number, column_name, value, reason_code, detail)
select
    load_id,
    line_number,
    column_name,
    value,
    reason_code,
    case when reason_code = 'BAD_TIME' then %(time_format)s end as detail
from (
    select
        s.load_id,
        s.line_number,
        case
            when s.session_id = '' then %(id_name)s
            when s.plug_in_at is null then %(start_name)s
            when s.plug_out_at is null then %(end_name)s
            when s.energy_kwh is null and btrim(s.energy_text) <> '' then %(energy_name)s
            when s.plug_out_at <= s.plug_in_at then %(end_name)s
            when s.energy_kwh < 0 then %(energy_name)s
            when s.plug_out_at > now() then %(end_name)s
            when s.later_line then %(id_name)s
        end as column_name,
        case
            when s.session_id = '' then s.session_id
            when s.plug_in_at is null then s.start_text
            when s.plug_out_at is null then s.end_text
            when s.energy_kwh is null and btrim(s.energy_text) <> '' then s.energy_text
            when s.plug_out_at <= s.plug_in_at then s.end_text
            when s.energy_kwh < 0 then s.energy_text
            when s.plug_out_at > now() then s.end_text
            when s.later_line then s.session_id
        end as value,
        case
            when s.session_id = '' then 'MISSING_SESSION_ID'
            when s.plug_in_at is null or s.plug_out_at is null then 'BAD_TIME'
            when s.energy_kwh is null and btrim(s.energy_text) <> '' then 'NOT_A_NUMBER'
            when s.plug_out_at < s.plug_in_at then 'END_BEFORE_START'
            when s.plug_out_at = s.plug_in_at then 'ZERO_DURATION'
            when s.energy_kwh < 0 then 'NEGATIVE_ENERGY'
            when s.plug_out_at > now() then 'FUTURE_TIME'
            when s.later_line then 'DUPLICATE_SESSION_ID'
        end as reason_code
    from (
        select
            g.*,
            not g.is_impossible
            and row_number() over (
                partition by g.session_id, g.is_impossible
                order by g.is_final desc, g.line_number desc
            ) > 1 as later_line
        from (
            select
                v.*,
                v.session_id = ''
                or v.plug_in_at is null
                or v.plug_out_at is null
                or (v.energy_kwh is null and btrim(v.energy_text) <> '')
                or v.plug_out_at <= v.plug_in_at
                or v.energy_kwh < 0
                or v.plug_out_at > now() as is_impossible
            from {staging} as v
            where v.load_id = %(load_id)s
        ) as g
    ) as s
) as checked
where reason_code is not null
