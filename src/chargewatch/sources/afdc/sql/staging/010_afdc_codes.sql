-- AFDC code values → canonical values. Each tries the value as AFDC writes it
-- first: trimming and casing every record's codes costs a million-record
-- station build about a quarter of a second of CPU.

-- Access: Access Code when present (2019 on), else the leading word of
-- Groups With Access Code, else the word in its parentheses
-- ("TEMPORARILY UNAVAILABLE (Public)" is public).
create or replace function core.afdc_access(access_code text, groups_with_access text)
returns text
language sql immutable parallel safe
as $$
    select case access_code
        when 'public' then 'public'
        when 'private' then 'private'
        else coalesce(
            case core.lower_code(access_code)
                when 'public' then 'public' when 'private' then 'private' end,
            case lower(substring(groups_with_access from '^\s*([A-Za-z]+)'))
                when 'public' then 'public' when 'private' then 'private' end,
            case lower(substring(groups_with_access from '\(\s*([A-Za-z]+)'))
                when 'public' then 'public' when 'private' then 'private' end,
            'unknown'
        )
    end
$$;

-- An electric record (Fuel Type Code ELEC, in any case, blanks around). The
-- exact match first lets the planner use the column's statistics, which an
-- expression alone does not have: it would expect few rows and sort them.
create or replace function core.is_afdc_elec(fuel_type_code text)
returns boolean
language sql immutable parallel safe
as $$
    select fuel_type_code = 'ELEC' or core.upper_code(fuel_type_code) = 'ELEC'
$$;

create or replace function core.afdc_status(status_code text)
returns text
language sql immutable parallel safe
as $$
    select case status_code
        when 'E' then 'operational'
        when 'T' then 'temporarily_unavailable'
        when 'P' then 'planned'
        else case core.upper_code(status_code)
            when 'E' then 'operational'
            when 'T' then 'temporarily_unavailable'
            when 'P' then 'planned'
            else 'unknown'
        end
    end
$$;

create or replace function core.afdc_owner_type(owner_type_code text)
returns text
language sql immutable parallel safe
as $$
    select case owner_type_code when 'P' then 'private' when 'T' then 'utility' else
        case core.upper_code(owner_type_code)
            when 'P' then 'private'
            when 'T' then 'utility'
            when 'FG' then 'federal_government'
            when 'SG' then 'state_government'
            when 'LG' then 'local_government'
            when 'J' then 'jointly_owned'
            when '' then null
            else core.lower_code(owner_type_code)
        end
    end
$$;
