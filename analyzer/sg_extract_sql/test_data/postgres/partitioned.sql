-- A partitioned table (its rows live in its partitions), a partition, and a partition that
-- is partitioned in turn.
CREATE TABLE events (id bigint NOT NULL, tenant_id bigint NOT NULL, at timestamptz NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') PARTITION BY HASH (tenant_id);
CREATE TABLE plain (id bigint);
