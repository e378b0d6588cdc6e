DROP TABLE `projects`;
DROP TABLE `users`;
