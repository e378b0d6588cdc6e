CREATE TABLE document_tags (
    tenant_id bigint NOT NULL,
    document_id bigint NOT NULL,
    tag text NOT NULL,
    PRIMARY KEY (tenant_id, document_id, tag),
    FOREIGN KEY (tenant_id, document_id) REFERENCES documents (tenant_id, id)
);
