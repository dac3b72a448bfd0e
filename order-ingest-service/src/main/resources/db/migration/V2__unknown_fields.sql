-- Fields that no mapping reads: counted per channel and path, with what is needed to suggest a mapping
-- (a numeric field that stays under 5 % of the order total and tracks it → channel fee).
create table unknown_field (
    id                  uuid          primary key,
    channel             varchar(32)   not null,
    path                varchar(300)  not null,
    occurrences         bigint        not null default 0,
    numeric_samples     bigint        not null default 0,
    small_share_samples bigint        not null default 0,
    min_amount          numeric(24, 6),
    max_amount          numeric(24, 6),
    min_share           numeric(24, 12),
    max_share           numeric(24, 12),
    sample_value        text,
    first_seen          timestamptz   not null default now(),
    last_seen           timestamptz   not null default now(),
    -- OPEN, CONFIRMED (mapped by an admin)
    status              varchar(20)   not null default 'OPEN',
    confirmed_as        varchar(40),
    constraint unknown_field_path_uq unique (channel, path)
);
