SET lock_timeout = '5s';
ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE (email);
