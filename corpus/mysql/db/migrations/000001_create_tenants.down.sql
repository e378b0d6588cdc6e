DROP TABLE `tenants`;
