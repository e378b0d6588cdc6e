DROP TYPE invoice_status;
DROP TYPE plan_tier;
DROP EXTENSION pgcrypto;
