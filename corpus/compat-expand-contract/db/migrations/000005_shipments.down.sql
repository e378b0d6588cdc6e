DROP TABLE shipments;
DROP TYPE shipment_state;
