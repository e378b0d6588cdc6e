ALTER TABLE `users` DROP COLUMN `last_login_at`;
ALTER TABLE `projects` MODIFY `name` VARCHAR(100) NOT NULL;
