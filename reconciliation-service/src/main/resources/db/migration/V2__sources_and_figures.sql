-- The hub side grows: holds, shipping and (from orderhub.orders.ingested.v1) the channel ids and amounts.
-- An order can be ingested before its first lifecycle event, so its state may be unknown for a moment.
alter table hub_order alter column state drop not null;
alter table hub_order add column shop               varchar(64);
alter table hub_order add column channel_order_id   varchar(64);
alter table hub_order add column holds              varchar(200);
alter table hub_order add column hold_reason        text;
alter table hub_order add column carrier            varchar(64);
alter table hub_order add column shipped_at         timestamptz;
alter table hub_order add column total              numeric(19, 4);
alter table hub_order add column currency           varchar(3);
alter table hub_order add column fees               text;
alter table hub_order add column channel_updated_at timestamptz;
-- when the hub first heard of the order (a source read before that cannot be expected to know it yet)
alter table hub_order add column created_at         timestamptz not null default now();

-- channel + shop + channel order id -> global id, from the ingested events.
create table channel_order_ref (
    channel          varchar(32) not null,
    shop             varchar(64) not null,
    channel_order_id varchar(64) not null,
    global_order_id  varchar(32) not null,
    primary key (channel, shop, channel_order_id)
);
create index channel_order_ref_gid_idx on channel_order_ref (global_order_id);

-- One row per order with the latest snapshot of each source (p_ platform, e_ ERP, c_ carrier), written in bulk
-- by the pulls and read page by page by the comparison. order_key is the global id, or channel:shop:id for an
-- order the hub does not know (merged into the global id's row once it is known).
create table recon_order (
    order_key         varchar(100) primary key,
    global_order_id   varchar(32),
    channel           varchar(32),
    shop              varchar(64),
    channel_order_id  varchar(64),
    first_seen_at     timestamptz  not null default now(),

    p_seen_at         timestamptz,
    p_state           varchar(20),
    p_status          varchar(64),
    p_conditions      varchar(200),
    p_paid_at         timestamptz,
    p_total           numeric(19, 4),
    p_currency        varchar(3),
    p_fees            text,
    p_carrier         varchar(64),
    p_tracking        varchar(64),
    p_updated_at      timestamptz,

    e_seen_at         timestamptz,
    e_trade_no        varchar(64),
    e_status          integer,
    e_state           varchar(20),
    e_pay_at          timestamptz,
    e_audit_at        timestamptz,
    e_consign_at      timestamptz,
    e_total           numeric(19, 4),
    e_currency        varchar(3),
    e_fees            text,
    e_cost            numeric(19, 4),
    e_warehouse       varchar(64),
    e_carrier         varchar(64),
    e_tracking        varchar(64),
    e_updated_at      timestamptz,

    c_tracking        varchar(64),
    c_queried_at      timestamptz,
    c_known           boolean,
    c_first_pickup_at timestamptz,
    c_signed_at       timestamptz,
    c_signed_by       varchar(100),
    c_last_event      text,
    c_last_event_at   timestamptz,

    change_seq        bigint       not null default 1,
    needs_check       boolean      not null default true,
    checked_seq       bigint,
    checked_at        timestamptz,
    outcome           varchar(16),
    open_count        integer      not null default 0,
    ref_time          timestamptz,
    ref_hour          timestamptz
) with (fillfactor = 70); -- room for HOT updates: every run rewrites the snapshots of the orders it touched
create index recon_order_check_idx on recon_order (order_key) where needs_check;
create index recon_order_unlinked_idx on recon_order (order_key) where global_order_id is null;
create index recon_order_channel_ids_idx on recon_order (channel, shop, channel_order_id);
create index recon_order_hour_idx on recon_order (channel, ref_hour);

-- Discrepancies: keyed by the order key, one open per order and rule; a person's resolution is remembered by
-- its signature so that the same facts do not reopen it.
alter table discrepancy add column order_key varchar(100);
update discrepancy set order_key = global_order_id;
alter table discrepancy alter column order_key set not null;
alter table discrepancy alter column global_order_id drop not null;
alter table discrepancy add column shop             varchar(64);
alter table discrepancy add column channel_order_id varchar(64);
alter table discrepancy add column gray_state       varchar(32);
alter table discrepancy add column signature        text;
alter table discrepancy add column last_seen_at     timestamptz;
alter table discrepancy add column resolved_by      varchar(120);
alter table discrepancy add column run_id           uuid;
create unique index discrepancy_open_idx on discrepancy (order_key, rule) where resolved_at is null;
create index discrepancy_order_idx on discrepancy (order_key);
create index discrepancy_rule_idx on discrepancy (rule, found_at);
create index discrepancy_channel_idx on discrepancy (channel, found_at);

-- Runs: what each pull-and-compare did.
create table recon_run (
    id            uuid primary key,
    trigger       varchar(16)  not null,
    status        varchar(16)  not null,
    started_at    timestamptz  not null,
    finished_at   timestamptz,
    platform_rows integer      not null default 0,
    erp_rows      integer      not null default 0,
    carrier_rows  integer      not null default 0,
    checked       integer      not null default 0,
    consistent    integer      not null default 0,
    deviating     integer      not null default 0,
    settling      integer      not null default 0,
    found         integer      not null default 0,
    resolved      integer      not null default 0,
    pages         integer      not null default 0,
    max_page_rows integer      not null default 0,
    unavailable   text,
    error         text
);
create index recon_run_started_idx on recon_run (started_at);

-- How far each source has been read (incremental pulls).
create table source_watermark (
    source       varchar(100) primary key,
    covered_from timestamptz  not null,
    pulled_until timestamptz  not null,
    updated_at   timestamptz  not null
);

-- Per channel and hour of payment: orders checked, decided (not settling), deviating, and the rate.
create table deviation_hour (
    channel    varchar(32)   not null,
    hour_start timestamptz   not null,
    orders     integer       not null,
    decided    integer       not null,
    deviating  integer       not null,
    rate       numeric(7, 6) not null,
    above      boolean       not null,
    alerted_at timestamptz,
    updated_at timestamptz   not null,
    primary key (channel, hour_start)
);
