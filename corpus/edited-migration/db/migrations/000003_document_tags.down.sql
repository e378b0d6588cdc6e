DROP TABLE document_tags;
