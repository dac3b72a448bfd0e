-- Retention (kit OutboxRetention): published outbox rows and old inbox rows are deleted in batches by age.
create index outbox_event_published_idx on outbox_event (published_at) where published_at is not null;
create index inbox_event_processed_idx on inbox_event (processed_at);
