-- order-ingest-service: raw payload archive and quarantine, channel order <-> global id, shop secrets, mappings.

-- Signing secrets per channel and shop (seeded from configuration at startup; the demo shop locally).
create table shop_credential (
    channel    varchar(32)  not null,
    shop       varchar(128) not null,
    secret     varchar(512) not null,
    app_key    varchar(128),
    updated_at timestamptz  not null default now(),
    primary key (channel, shop)
);

-- Every verified delivery, stored before anything else in its own transaction.
-- status: RECEIVED, PROCESSED, DUPLICATE, STALE, QUARANTINED.
create table raw_payload (
    id               uuid         primary key,
    channel          varchar(32)  not null,
    shop             varchar(128) not null,
    delivery_id      varchar(200) not null,
    topic            varchar(200),
    headers          text         not null,
    body             text         not null,
    received_at      timestamptz  not null default now(),
    status           varchar(20)  not null,
    error            text,
    channel_order_id varchar(128),
    global_order_id  varchar(32),
    processed_at     timestamptz,
    attempts         integer      not null default 0,
    -- a re-delivered webhook (same delivery id) is recognised, never stored twice
    constraint raw_payload_delivery_uq unique (channel, shop, delivery_id)
);
create index raw_payload_quarantined_idx on raw_payload (received_at) where status = 'QUARANTINED';
create index raw_payload_received_idx on raw_payload (received_at) where status = 'RECEIVED';
create index raw_payload_order_idx on raw_payload (channel, shop, channel_order_id);

-- One global id per channel order, assigned once (insert ... on conflict do nothing, then select).
-- channel_updated_at: the newest channel modification time published; older or equal updates are not.
create table channel_order (
    channel             varchar(32)  not null,
    shop                varchar(128) not null,
    channel_order_id    varchar(128) not null,
    global_order_id     varchar(32)  not null,
    channel_updated_at  timestamptz,
    last_raw_payload_id uuid,
    created_at          timestamptz  not null default now(),
    updated_at          timestamptz  not null default now(),
    primary key (channel, shop, channel_order_id),
    constraint channel_order_global_id_uq unique (global_order_id)
);

-- The declarative vocabulary of each channel (bundled file first, edited over REST later).
create table channel_mapping (
    channel    varchar(32)  primary key,
    document   text         not null,
    version    integer      not null,
    updated_by varchar(128) not null,
    updated_at timestamptz  not null default now()
);
