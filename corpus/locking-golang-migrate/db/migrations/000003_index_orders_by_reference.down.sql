DROP INDEX orders_total_idx;
DROP INDEX orders_reference_idx;
