-- order-state-service: orders, their lines and channel ids, and the audit trail (timeline).
-- Every change to an order happens under a row lock on its orders row (SELECT ... FOR UPDATE), so
-- concurrent writers (Kafka consumers, REST) serialize per order.

create table orders (
    global_order_id       varchar(32)   primary key,
    channel               varchar(32)   not null,
    shop                  varchar(64)   not null,
    channel_order_id      varchar(128)  not null,
    channel_status        varchar(64),
    state                 varchar(20)   not null,
    -- holds and conditions beside the state: comma-separated enum names, sorted ('' = none)
    holds                 varchar(200)  not null default '',
    conditions            varchar(200)  not null default '',
    funding               varchar(20)   not null,
    currency              varchar(3),
    total                 numeric(19, 4),
    fees                  text,
    paid_at               timestamptz,
    carrier               varchar(64),
    tracking_number       varchar(128),
    reservation_confirmed boolean       not null default false,
    health_score          integer       not null default 0 check (health_score between 0 and 100),
    shipping_address      text,
    address_complete      boolean       not null default false,
    buyer_phone           varchar(64),
    province              varchar(64),
    channel_created_at    timestamptz,
    channel_updated_at    timestamptz,
    created_at            timestamptz   not null,
    updated_at            timestamptz   not null
);
create index orders_state_idx on orders (state);
create index orders_channel_idx on orders (channel, state);
create index orders_phone_idx on orders (buyer_phone, created_at) where buyer_phone is not null;

create table order_line (
    global_order_id varchar(32)   not null references orders (global_order_id),
    line_id         varchar(64)   not null,
    position        integer       not null,
    sku             varchar(128)  not null,
    title           varchar(500),
    quantity        integer       not null check (quantity >= 0),
    unit_price      numeric(19, 4),
    currency        varchar(3),
    primary key (global_order_id, line_id)
);

-- Every platform id of an order, e.g. shopify:demo:5791234567890
create table order_channel_id (
    channel_ref      varchar(300) primary key,
    global_order_id  varchar(32)  not null references orders (global_order_id),
    channel          varchar(32)  not null,
    shop             varchar(64)  not null,
    channel_order_id varchar(128) not null,
    first_seen_at    timestamptz  not null
);
create index order_channel_id_order_idx on order_channel_id (global_order_id);

-- The audit trail: every transition, gap-filled step, refusal, hold and condition change.
-- kind: TRANSITION, GAP_FILLED, REFUSAL, HOLD, HOLD_RELEASED, CONDITION
create sequence order_audit_seq start with 1 increment by 50;
create table order_audit (
    id              bigint        primary key,
    global_order_id varchar(32)   not null references orders (global_order_id),
    kind            varchar(20)   not null,
    from_state      varchar(20),
    to_state        varchar(20),
    detail          varchar(64),
    actor           varchar(200)  not null,
    trigger         varchar(500)  not null,
    reason          text,
    snapshot        text,
    occurred_at     timestamptz   not null
);
create index order_audit_order_idx on order_audit (global_order_id, occurred_at, id);
