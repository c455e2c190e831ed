-- Step 1 of the shared month build: how severe each canonical status is, where
-- two observations of a port at one time disagree (the more severe stands).
-- PostgreSQL's core.port_status_rank gives the loader the same order.
-- Grain: one row per status.
select 'out_of_service' as status, 6 as status_rank
union all select 'offline', 5
union all select 'in_use', 4
union all select 'reserved', 3
union all select 'not_in_service', 2
union all select 'available', 1
union all select 'unknown', 0
