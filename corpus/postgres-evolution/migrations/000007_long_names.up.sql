-- Names beyond 63 bytes are truncated, and so are the names generated from them.
CREATE TABLE tenant_notification_delivery_preferences_by_channel_and_locale_v2 (
    id bigserial PRIMARY KEY,
    tenant_id bigint NOT NULL REFERENCES tenants,
    notification_channel_identifier_for_delivery text NOT NULL,
    preferred_locale_for_rendering_notification_templates text,
    UNIQUE (tenant_id, notification_channel_identifier_for_delivery)
);

CREATE INDEX ON tenant_notification_delivery_preferences_by_channel_and_locale_v2
    (notification_channel_identifier_for_delivery, preferred_locale_for_rendering_notification_templates);
