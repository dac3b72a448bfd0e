-- Stock per warehouse and SKU. available = on_hand - (fully_paid_reserved + deposit_frozen * deposit_factor)
create table stock_item (
    warehouse           varchar(64)  not null,
    sku                 varchar(128) not null,
    on_hand             bigint       not null check (on_hand >= 0),
    fully_paid_reserved bigint       not null default 0 check (fully_paid_reserved >= 0),
    deposit_frozen      bigint       not null default 0 check (deposit_frozen >= 0),
    updated_at          timestamptz  not null default now(),
    primary key (warehouse, sku)
);
create index stock_item_sku_idx on stock_item (sku);

-- Per-SKU settings: the share of deposit holders who historically pay the balance, and the safety threshold.
create table sku_setting (
    sku              varchar(128) primary key,
    deposit_factor   numeric(6, 4) not null default 0.3 check (deposit_factor between 0 and 1),
    safety_threshold bigint        not null default 0 check (safety_threshold >= 0)
);

-- One reservation per order line. status: RESERVED, RELEASED, CONSUMED.
create table reservation (
    id              uuid primary key,
    global_order_id varchar(32)  not null,
    line_id         varchar(64)  not null,
    sku             varchar(128) not null,
    warehouse       varchar(64)  not null,
    quantity        integer      not null check (quantity > 0),
    funding         varchar(20)  not null,
    status          varchar(20)  not null,
    created_at      timestamptz  not null default now(),
    updated_at      timestamptz  not null default now(),
    unique (global_order_id, line_id)
);
create index reservation_order_idx on reservation (global_order_id);
