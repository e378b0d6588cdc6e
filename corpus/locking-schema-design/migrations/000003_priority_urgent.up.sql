ALTER TYPE priority ADD VALUE 'urgent';
