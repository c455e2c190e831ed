-- How one month's port uptimes (uptime_nevi) spread over bands, the NEVI bar
-- of 97 percent a band edge. Grain: one row per band, lowest first.
select b.band, count(u.uptime_nevi)::integer as ports
from (
    values
        (1, 'under 80%%', 0.0, 0.80),
        (2, '80–90%%', 0.80, 0.90),
        (3, '90–95%%', 0.90, 0.95),
        (4, '95–97%%', 0.95, 0.97),
        (5, '97–99%%', 0.97, 0.99),
        (6, '99%% and over', 0.99, 2.0)
) as b (place, band, low, high)
left join reporting.port_uptime_month as u
    on u.month = %(month)s and u.uptime_nevi >= b.low and u.uptime_nevi < b.high
group by b.place, b.band
order by b.place
