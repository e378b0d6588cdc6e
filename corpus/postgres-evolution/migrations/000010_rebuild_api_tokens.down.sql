DROP TABLE api_tokens;
DROP TABLE api_tokens_old;
