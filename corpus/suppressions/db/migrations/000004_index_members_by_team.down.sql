DROP INDEX members_email_idx;
DROP INDEX members_tenant_team_idx;
