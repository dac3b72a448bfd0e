-- SLA clock per paid order: started when the order is paid, stopped when it ships or closes.
create table sla_clock (
    global_order_id varchar(32) primary key,
    channel         varchar(32),
    paid_at         timestamptz,
    deadline        timestamptz,
    state           varchar(32) not null,
    stopped_at      timestamptz,
    updated_at      timestamptz not null default now()
);

-- Alerts, deduplicated by key.
create table alert (
    id              uuid primary key,
    dedupe_key      varchar(200) not null unique,
    kind            varchar(64)  not null,
    severity        varchar(16)  not null,
    tier            varchar(8),
    global_order_id varchar(32),
    summary         text         not null,
    status          varchar(16)  not null,
    raised_at       timestamptz  not null,
    acknowledged_at timestamptz,
    acknowledged_by varchar(100)
);

-- Circuit breaker state (one row) and its audited history.
create table breaker_state (
    id         smallint primary key,
    state      varchar(16) not null,
    reason     text,
    changed_at timestamptz not null
);
insert into breaker_state (id, state, reason, changed_at) values (1, 'CLOSED', 'initial state', now());
