SET lock_timeout = '5s';

ALTER TABLE person ALTER COLUMN id SET GENERATED ALWAYS;
ALTER TYPE app.mood SET SCHEMA public;
DROP SCHEMA app;
DROP STATISTICS person_mood_stat;
DROP TRIGGER person_touch ON person;
DROP FUNCTION person_touch();
DROP TABLE post;
