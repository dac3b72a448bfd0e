-- What returns needs to know of each order: its state (a refund-only request before shipping intercepts).
create table order_state (
    global_order_id varchar(32) primary key,
    channel         varchar(32),
    state           varchar(32) not null,
    updated_at      timestamptz not null
);

-- Return requests (filled by the returns flow).
create table return_request (
    id              uuid primary key,
    global_order_id varchar(32)  not null,
    customer_text   text,
    intent          varchar(32),
    status          varchar(32)  not null,
    created_at      timestamptz  not null
);
create index return_request_order_idx on return_request (global_order_id);
