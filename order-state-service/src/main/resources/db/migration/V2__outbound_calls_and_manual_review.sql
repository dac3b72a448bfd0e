-- order-state-service: calls to the outside world after an order change, and the manual-review queue.

-- Written in the same transaction as the change that asks for it, sent after the commit by the outbound worker:
--   CHANNEL_SHIPMENT     the tracking number and shipped status written back to the order's channel (the write-back log)
--   WAREHOUSE_INTERCEPT  the WMS asked to stop the parcel of an order closed after its label was printed
-- status: PENDING, SUCCEEDED, MANUAL_REVIEW. lease_until: a worker holds the call while sending it.
create table outbound_call (
    id               uuid         primary key,
    kind             varchar(30)  not null,
    global_order_id  varchar(32)  not null references orders (global_order_id),
    channel          varchar(32)  not null,
    shop             varchar(64)  not null,
    channel_order_id varchar(128) not null,
    carrier          varchar(64),
    tracking_number  varchar(128),
    reason           text,
    status           varchar(20)  not null,
    attempts         integer      not null default 0,
    last_error       text,
    lease_until      timestamptz,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    completed_at     timestamptz
);
create index outbound_call_pending_idx on outbound_call (created_at) where status = 'PENDING';
create index outbound_call_order_idx on outbound_call (global_order_id);

-- Failed outbound calls waiting for a person. tag: CROSS_CHANNEL_CONFLICT (write-back), WAREHOUSE_INTERCEPT.
-- kind: REJECTED (the other side refused), UNREACHABLE (no answer after retries / breaker open). status: OPEN, RESOLVED.
create table manual_review (
    id               uuid         primary key,
    global_order_id  varchar(32)  not null references orders (global_order_id),
    tag              varchar(40)  not null,
    kind             varchar(20)  not null,
    outbound_call_id uuid         references outbound_call (id),
    channel          varchar(32)  not null,
    shop             varchar(64)  not null,
    channel_order_id varchar(128) not null,
    reason           text         not null,
    request          text,
    response         text,
    status           varchar(20)  not null,
    created_at       timestamptz  not null,
    resolved_at      timestamptz,
    resolved_by      varchar(200),
    resolution       text
);
create index manual_review_open_idx on manual_review (tag, created_at) where status = 'OPEN';
create index manual_review_order_idx on manual_review (global_order_id);
