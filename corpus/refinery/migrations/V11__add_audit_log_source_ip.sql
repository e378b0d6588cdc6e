-- Refinery orders by version number: V11 after V3.
ALTER TABLE audit_logs ADD COLUMN source_ip inet;
