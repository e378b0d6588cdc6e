-- The monolith's billing database was migrated into this one; it goes with this release.
DROP DATABASE IF EXISTS legacy_billing;
