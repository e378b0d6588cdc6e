DROP TABLE sessions;
DROP SEQUENCE session_serial_seq;
