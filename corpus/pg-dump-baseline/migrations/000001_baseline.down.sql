DROP TABLE public.comment;
DROP TABLE public.person;
DROP TYPE public.mood;
DROP EXTENSION ltree;
