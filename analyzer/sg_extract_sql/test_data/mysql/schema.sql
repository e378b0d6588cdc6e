CREATE TABLE `users` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `email` varchar(191) NOT NULL,
  `org_id` int REFERENCES orgs (id),
  `kind` enum('a','b') DEFAULT 'a',
  `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (`id`),
  UNIQUE KEY `users_email_uniq` (`email`),
  KEY `idx_org` (`org_id`),
  CONSTRAINT `fk_org` FOREIGN KEY (`org_id`) REFERENCES `orgs` (`id`) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
ALTER TABLE users ADD COLUMN age int AFTER email, ALGORITHM=INPLACE, LOCK=NONE;
ALTER TABLE users MODIFY COLUMN age bigint NOT NULL;
ALTER TABLE users CHANGE COLUMN age years int;
ALTER TABLE users DROP FOREIGN KEY fk_org, DROP INDEX idx_org;
CREATE INDEX idx_email_prefix ON users (email(10));
RENAME TABLE users TO members;
DELIMITER //
CREATE PROCEDURE p() BEGIN SELECT 1; END//
DELIMITER ;
