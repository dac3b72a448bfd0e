-- SLA clocks: what the deadline was computed from, exemptions, which tiers fired (durable: never fired twice).
alter table sla_clock add column warehouse varchar(64);
alter table sla_clock add column skus text;
alter table sla_clock add column window_seconds bigint;
alter table sla_clock add column rule_name varchar(100);
alter table sla_clock add column exempt_reason varchar(64);
alter table sla_clock add column exempt_note text;
alter table sla_clock add column presale boolean not null default false;
alter table sla_clock add column fired_tier smallint not null default 0 check (fired_tier between 0 and 3);
alter table sla_clock add column escalation_stopped boolean not null default false;
alter table sla_clock add column computed_at timestamptz;
create index sla_clock_open_idx on sla_clock (deadline) where stopped_at is null;

-- Alerts: team, grouping, lifecycle times, dedup counter, silence that muted it.
alter table alert add column team varchar(32) not null default 'ops';
alter table alert add column group_key varchar(200) not null default 'default';
alter table alert add column labels text;
alter table alert add column last_seen_at timestamptz;
alter table alert add column escalated_at timestamptz;
alter table alert add column resolved_at timestamptz;
alter table alert add column resolved_by varchar(100);
alter table alert add column occurrences integer not null default 1;
alter table alert add column silenced_by uuid;
create index alert_status_idx on alert (status, severity);
create index alert_order_idx on alert (global_order_id);

-- Ship-by rules (first match by position), packers on duty, SKU categories; seeded from configuration
-- until someone changes them over REST (policy_source = 'rest').
create table sla_rule (
    name         varchar(100) primary key,
    position     integer      not null,
    category     varchar(64),
    warehouse    varchar(64),
    min_packers  integer,
    max_packers  integer,
    window_seconds bigint     not null check (window_seconds > 0),
    exempt       boolean      not null default false
);
create table packer_roster (
    warehouse  varchar(64) primary key,
    packers    integer     not null check (packers >= 0),
    updated_at timestamptz not null
);
create table sku_category (
    sku_prefix varchar(128) primary key,
    category   varchar(64)  not null
);
create table sla_policy (
    id            smallint primary key,
    source        varchar(16) not null,
    updated_at    timestamptz not null,
    updated_by    varchar(100)
);
insert into sla_policy (id, source, updated_at) values (1, 'none', now());

-- Deliveries to alert channels and calls to external systems (WMS pause/resume, coupon freeze): written in
-- the transaction that decided them, sent by the dispatcher, retried with backoff until delivered.
create table dispatch (
    id              uuid primary key,
    alert_id        uuid,
    channel         varchar(64)  not null,
    kind            varchar(16)  not null,
    action          varchar(32)  not null,
    group_key       varchar(200) not null,
    payload         text         not null,
    attempts        integer      not null default 0,
    next_attempt_at timestamptz  not null,
    lease_until     timestamptz,
    delivered_at    timestamptz,
    last_error      text,
    created_at      timestamptz  not null
);
create index dispatch_pending_idx on dispatch (next_attempt_at) where delivered_at is null;
create index dispatch_alert_idx on dispatch (alert_id);

-- Silences: alerts matching every given field are recorded but not sent, until ends_at.
create table silence (
    id                uuid primary key,
    kind              varchar(64),
    severity          varchar(16),
    team              varchar(32),
    global_order_id   varchar(32),
    dedupe_key_prefix varchar(200),
    reason            text         not null,
    created_by        varchar(100),
    starts_at         timestamptz  not null,
    ends_at           timestamptz  not null,
    created_at        timestamptz  not null
);

-- Breaker: the figures of the last check, and every open/close audited.
alter table breaker_state add column backlog bigint not null default 0;
alter table breaker_state add column average_dwell_seconds bigint not null default 0;
alter table breaker_state add column checked_at timestamptz;
create table breaker_audit (
    id                    uuid primary key,
    from_state            varchar(16) not null,
    to_state              varchar(16) not null,
    reason                text        not null,
    backlog               bigint      not null,
    average_dwell_seconds bigint      not null,
    changed_at            timestamptz not null
);

-- Promo mode: new-order arrivals (per order, once) and the current state.
create table order_arrival (
    global_order_id varchar(32) primary key,
    arrived_at      timestamptz not null
);
create index order_arrival_at_idx on order_arrival (arrived_at);
create table promo_state (
    id         smallint primary key,
    active     boolean     not null,
    since      timestamptz,
    changed_at timestamptz not null
);
insert into promo_state (id, active, changed_at) values (1, false, now());

-- Dead-letter topic depth as last seen (a baseline first, then growth alerts).
create table dlq_depth (
    topic      varchar(200) primary key,
    depth      bigint      not null,
    checked_at timestamptz not null
);
