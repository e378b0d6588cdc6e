DROP TYPE IF EXISTS member_role;
DROP TYPE IF EXISTS invoice_status;
