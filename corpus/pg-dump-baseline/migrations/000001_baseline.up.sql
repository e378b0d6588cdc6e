-- The baseline is pg_dump --schema-only output of the production database, trimmed.
SET statement_timeout = 0;
SET lock_timeout = 0;
SET client_min_messages = warning;

CREATE EXTENSION IF NOT EXISTS ltree WITH SCHEMA public;

CREATE TYPE public.mood AS ENUM (
    'happy',
    'sad'
);

CREATE TABLE public.person (
    id bigint NOT NULL,
    name text NOT NULL,
    mood public.mood
);

ALTER TABLE public.person ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.person_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.comment (
    id bigint NOT NULL,
    person_id bigint NOT NULL,
    path public.ltree NOT NULL,
    created date NOT NULL
)
PARTITION BY RANGE (created);

CREATE TABLE public.comment_2024 (
    id bigint NOT NULL,
    person_id bigint NOT NULL,
    path public.ltree NOT NULL,
    created date NOT NULL
);

ALTER TABLE ONLY public.comment ATTACH PARTITION public.comment_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

ALTER TABLE ONLY public.person
    ADD CONSTRAINT person_pkey PRIMARY KEY (id);

CREATE INDEX comment_person_idx ON ONLY public.comment USING btree (person_id);

CREATE INDEX comment_2024_person_id_idx ON public.comment_2024 USING btree (person_id);

ALTER INDEX public.comment_person_idx ATTACH PARTITION public.comment_2024_person_id_idx;

ALTER TABLE public.comment
    ADD CONSTRAINT comment_person_id_fkey FOREIGN KEY (person_id) REFERENCES public.person(id);
