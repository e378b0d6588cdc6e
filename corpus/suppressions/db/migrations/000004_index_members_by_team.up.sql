-- schemagraph: allow locking -- members stays empty until the invitation feature ships in 5.0

CREATE INDEX members_tenant_team_idx ON members (tenant_id, team_id);
CREATE INDEX members_email_idx ON members (email);
