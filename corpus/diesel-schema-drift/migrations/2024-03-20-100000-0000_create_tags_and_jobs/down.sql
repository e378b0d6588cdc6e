DROP TABLE job_queue;
DROP TABLE tags;
