-- pgcrypto provides gen_random_uuid() on servers older than 13 and digest() for API keys.
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TYPE plan_tier AS ENUM ('free', 'starter', 'pro', 'enterprise');
CREATE TYPE invoice_status AS ENUM ('draft', 'open', 'paid', 'void', 'uncollectible');
