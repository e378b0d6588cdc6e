//! Table and column names: sea-query's `Iden`, with the table named on the `Table` variant.

use sea_orm_migration::prelude::*;

#[derive(Iden)]
pub enum CrateIden {
    #[iden = "krate"]
    Table,
    Id,
    Name,
    Description,
    Homepage,
}

#[derive(Iden)]
pub enum CrateMetaIden {
    #[iden = "crate_meta"]
    Table,
    Id,
    Version,
    Readme,
    #[iden = "crate_fk"]
    CrateFk,
}
