ALTER TYPE priority ADD VALUE 'medium' AFTER 'low';
