-- reporting.ev_registration: light-duty EVs registered per state and year (AFDC).
-- Grain: one row per (state, year).
create view reporting.ev_registration as
select state, year, ev_registrations
from core.ev_registration;

comment on view reporting.ev_registration is
    'One row per state and year: light-duty electric vehicles registered, as the AFDC '
    'publishes them (rounded to the hundred).';
comment on column reporting.ev_registration.state is 'Two-letter state code.';
comment on column reporting.ev_registration.year is 'The year (registrations at its end).';
comment on column reporting.ev_registration.ev_registrations is
    'Light-duty battery-electric and plug-in hybrid vehicles registered.';
