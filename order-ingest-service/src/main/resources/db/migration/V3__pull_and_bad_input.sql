-- order-ingest-service: the scheduled pull (per channel+shop watermark) and precise bad-input answers.

-- The API access token of a shop (Taobao session, JD/PDD/Douyin access_token, XHS accessToken, Shopify
-- X-Shopify-Access-Token): the pull needs it, webhooks do not.
alter table shop_credential add column access_token varchar(512);

-- Where a stored payload came from (WEBHOOK or PULL) and, when quarantined, the class of problem that decided the
-- HTTP answer (MALFORMED 400, UNSUPPORTED_MEDIA_TYPE 415, TOO_LARGE 413, INVALID 422, UNMAPPED 202).
alter table raw_payload add column source varchar(10) not null default 'WEBHOOK';
alter table raw_payload add column problem varchar(30);

-- One row per channel + shop that is pulled. watermark: every change up to this time has been pulled (the end of the
-- last completed window); the next window starts at watermark - overlap. The lease keeps two replicas (or the
-- schedule and a manual run) from pulling the same shop at once.
create table pull_watermark (
    channel         varchar(32)  not null,
    shop            varchar(128) not null,
    watermark       timestamptz,
    lease_owner     varchar(64),
    lease_until     timestamptz,
    last_run_at     timestamptz,
    last_success_at timestamptz,
    last_error      text,
    runs            bigint       not null default 0,
    orders_pulled   bigint       not null default 0,
    primary key (channel, shop)
);
