CREATE TABLE `users` (
  `id` BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  -- MySQL 8 parses a column-level REFERENCES and ignores it: no foreign key exists.
  `tenant_id` BIGINT UNSIGNED NOT NULL REFERENCES `tenants` (`id`),
  `email` VARCHAR(255) NOT NULL,
  KEY `users_tenant_id_idx` (`tenant_id`)
) ENGINE=InnoDB;

CREATE TABLE `projects` (
  `id` BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  `tenant_id` BIGINT UNSIGNED NOT NULL,
  `owner_id` BIGINT UNSIGNED NULL,
  `name` VARCHAR(100) NOT NULL,
  CONSTRAINT `projects_tenant_fk` FOREIGN KEY (`tenant_id`) REFERENCES `tenants` (`id`) ON DELETE CASCADE,
  CONSTRAINT `projects_owner_fk` FOREIGN KEY (`owner_id`) REFERENCES `users` (`id`) ON DELETE SET NULL
) ENGINE=InnoDB;
