-- The order as returns needs it: when it shipped / was delivered (return window) and its lines (original SKU, price).
alter table order_state add column shipped_at timestamptz;
alter table order_state add column delivered_at timestamptz;

create table order_line (
    global_order_id varchar(32)  not null,
    sku             varchar(128) not null,
    title           varchar(512),
    quantity        integer      not null,
    unit_price      numeric(19, 4),
    currency        varchar(3),
    primary key (global_order_id, sku)
);

-- The return flow: routed from the customer's words, risk-checked, received, quality-checked, refunded or exchanged.
alter table return_request add column source          varchar(64)  not null default 'rest';
alter table return_request add column customer_id     varchar(128);
alter table return_request add column confidence      numeric(4, 3);
alter table return_request add column flags           varchar(512) not null default '';
alter table return_request add column desired_size    varchar(16);
alter table return_request add column desired_colour  varchar(32);
alter table return_request add column original_sku    varchar(128);
alter table return_request add column new_sku         varchar(128);
alter table return_request add column quantity        integer      not null default 1 check (quantity > 0);
alter table return_request add column refund_amount   numeric(19, 4);
alter table return_request add column refund_currency varchar(3);
alter table return_request add column review_reason   varchar(2000);
alter table return_request add column exchange_stock  varchar(16);
alter table return_request add column received_at     timestamptz;
alter table return_request add column qc_due_at       timestamptz;
alter table return_request add column qc_overdue_at   timestamptz;
alter table return_request add column qc_note         varchar(1000);
alter table return_request add column updated_at      timestamptz  not null default now();
-- the QC deadline job's query: received, not yet escalated, due
create index return_request_qc_due_idx on return_request (qc_due_at) where status = 'RECEIVED' and qc_overdue_at is null;

-- Every step of every return: from, to, who, why, when.
create table return_audit (
    id          uuid primary key,
    seq         bigserial    not null,
    return_id   uuid         not null references return_request (id),
    from_status varchar(32),
    to_status   varchar(32)  not null,
    actor       varchar(128) not null,
    reason      varchar(2000),
    occurred_at timestamptz  not null
);
create index return_audit_return_idx on return_audit (return_id, seq);
