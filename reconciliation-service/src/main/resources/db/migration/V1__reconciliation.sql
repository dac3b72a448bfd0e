-- The hub's own view of each order (one of the sources compared), fed by lifecycle events.
create table hub_order (
    global_order_id varchar(32) primary key,
    channel         varchar(32),
    state           varchar(32) not null,
    paid_at         timestamptz,
    tracking_number varchar(64),
    updated_at      timestamptz not null
);

-- What differs between platform, ERP, carrier and hub, with a plain-language reason.
create table discrepancy (
    id              uuid primary key,
    global_order_id varchar(32)  not null,
    channel         varchar(32),
    rule            varchar(64)  not null,
    reason          text         not null,
    evidence        text,
    found_at        timestamptz  not null,
    resolved_at     timestamptz,
    resolution_note text
);
create index discrepancy_found_idx on discrepancy (found_at);
