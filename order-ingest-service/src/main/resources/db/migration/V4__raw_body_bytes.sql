-- A body that is not valid UTF-8 or contains NUL bytes cannot be kept in a text column as it came: PostgreSQL
-- refuses NUL in text. The text column then holds a readable form (replacement characters) and this one the exact
-- bytes, so nothing that reached the endpoint is lost and a replay signs and maps the original.
alter table raw_payload add column body_bytes bytea;
