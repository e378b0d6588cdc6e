SET lock_timeout = '5s';
-- Written when emails were to be shared between accounts, on a branch that did not have
-- invoices.billing_email yet: the key that references accounts (email) needs this one.
ALTER TABLE accounts DROP CONSTRAINT accounts_email_key;
