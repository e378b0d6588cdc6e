-- MODIFY restates the whole column: type, nullability and default.
ALTER TABLE `projects` MODIFY `name` VARCHAR(255) NOT NULL;
ALTER TABLE `users` ADD COLUMN `last_login_at` DATETIME NULL AFTER `email`;
