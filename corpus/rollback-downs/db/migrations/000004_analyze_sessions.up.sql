VACUUM (ANALYZE) sessions;
