-- Shipped by orderhub-kit; every service runs it before its own migrations.

-- Outbox: an event is written here in the same transaction as the change it announces,
-- then relayed to Kafka in seq order (so per key in order) and marked published.
create table outbox_event (
    id           uuid primary key,
    seq          bigint generated always as identity,
    topic        varchar(200) not null,
    message_key  varchar(200) not null,
    type         varchar(200) not null,
    source       varchar(100) not null,
    subject      varchar(200) not null,
    occurred_at  timestamptz  not null,
    payload      text         not null,
    traceparent  varchar(100),
    created_at   timestamptz  not null default now(),
    published_at timestamptz
);
create unique index outbox_event_seq_idx on outbox_event (seq);
create index outbox_event_unpublished_idx on outbox_event (seq) where published_at is null;

-- Inbox: the ids of the events a consumer has processed, inserted with its side effect.
create table inbox_event (
    event_id     varchar(100) not null,
    consumer     varchar(100) not null,
    event_type   varchar(200),
    processed_at timestamptz  not null default now(),
    primary key (event_id, consumer)
);
