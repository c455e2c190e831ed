-- The values each dashboard filter can take, from the current stations, in one
-- scan (a grouping set per filter, not a query each): one row per (filter_name,
-- filter_value), nulls left out.
select
    case
        when grouping(s.state) = 0 then 'state'
        when grouping(s.network) = 0 then 'network'
        when grouping(s.facility_type) = 0 then 'facility_type'
        when grouping(s.access) = 0 then 'access'
        else 'status'
    end as filter_name,
    coalesce(s.state, s.network, s.facility_type, s.access, s.status) as filter_value
from reporting.station as s
group by grouping sets ((s.state), (s.network), (s.facility_type), (s.access), (s.status))
having coalesce(s.state, s.network, s.facility_type, s.access, s.status) is not null
order by filter_name, filter_value
