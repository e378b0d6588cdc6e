//! SeaORM identifiers: `DeriveIden` / `Iden` enums and unit structs, mapped to the names
//! the derives give them.
//!
//! ```text
//! #[derive(DeriveIden)]
//! enum CrateMeta {
//!     Table,                      // "crate_meta": the enum's name in snake_case
//!     Id,                         // "id"
//!     #[sea_orm(iden = "crate_fk")]
//!     CrateId,                    // "crate_fk"
//! }
//! #[derive(Iden)]
//! #[iden = "krate"]               // sea-query's derive: the enum-level name is `Table`'s
//! enum CrateIden { Table, #[iden = "e_tag"] ETag }
//! #[derive(DeriveIden)]
//! struct Mood;                    // "mood"
//! ```

use std::collections::BTreeMap;

use sg_model::FileId;

use crate::names::snake_case;

/// The identifiers of one enum or unit struct.
#[derive(Clone, Debug, Default)]
struct IdenType {
    /// The name of a unit struct; for an enum, the name its `Table` variant has.
    own: String,
    variants: BTreeMap<String, String>,
    is_enum: bool,
}

/// Every `Iden` type of a migration crate, by type name; a name defined in several files
/// resolves to the definition in the file that uses it, else the first one.
#[derive(Default)]
pub(crate) struct Idens {
    types: BTreeMap<String, Vec<(FileId, IdenType)>>,
}

impl Idens {
    pub(crate) fn add_file(&mut self, file: FileId, items: &[syn::Item]) {
        for item in items {
            match item {
                syn::Item::Enum(e) if derives_iden(&e.attrs) => {
                    let sea_query_derive = derives(&e.attrs, "Iden");
                    let enum_name = e.ident.to_string();
                    // sea-query's `Iden` takes a container-level rename for `Table`;
                    // SeaORM's `DeriveIden` ignores one on an enum.
                    let own =
                        sea_query_derive.then(|| rename(&e.attrs)).flatten().unwrap_or_else(|| snake_case(&enum_name));
                    let mut t = IdenType { own: own.clone(), variants: BTreeMap::new(), is_enum: true };
                    for v in &e.variants {
                        let name = v.ident.to_string();
                        let default = if name == "Table" { own.clone() } else { snake_case(&name) };
                        t.variants.insert(name, rename(&v.attrs).unwrap_or(default));
                    }
                    self.types.entry(enum_name).or_default().push((file, t));
                }
                syn::Item::Struct(s) if derives_iden(&s.attrs) && matches!(s.fields, syn::Fields::Unit) => {
                    let own = rename(&s.attrs).unwrap_or_else(|| snake_case(&s.ident.to_string()));
                    self.types
                        .entry(s.ident.to_string())
                        .or_default()
                        .push((file, IdenType { own, ..IdenType::default() }));
                }
                syn::Item::Mod(m) => {
                    if let Some((_, inner)) = &m.content {
                        self.add_file(file, inner);
                    }
                }
                _ => {}
            }
        }
    }

    fn find(&self, file: FileId, type_name: &str) -> Option<&IdenType> {
        let defs = self.types.get(type_name)?;
        defs.iter().find(|(f, _)| *f == file).or_else(|| defs.first()).map(|(_, t)| t)
    }

    /// `Type::Variant` used in `file`.
    pub(crate) fn variant(&self, file: FileId, type_name: &str, variant: &str) -> Option<String> {
        self.find(file, type_name).filter(|t| t.is_enum).and_then(|t| t.variants.get(variant).cloned())
    }

    /// A unit struct used as an identifier in `file`.
    pub(crate) fn unit(&self, file: FileId, type_name: &str) -> Option<String> {
        self.find(file, type_name).filter(|t| !t.is_enum).map(|t| t.own.clone())
    }
}

fn derives(attrs: &[syn::Attribute], name: &str) -> bool {
    let mut found = false;
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.segments.last().is_some_and(|s| s.ident == name) {
                found = true;
            }
            Ok(())
        });
    }
    found
}

fn derives_iden(attrs: &[syn::Attribute]) -> bool {
    derives(attrs, "Iden") || derives(attrs, "DeriveIden")
}

/// The name an attribute gives: `#[iden = "x"]`, `#[iden(rename = "x")]`,
/// `#[sea_orm(iden = "x")]`.
fn rename(attrs: &[syn::Attribute]) -> Option<String> {
    let mut found = None;
    for attr in attrs {
        if attr.path().is_ident("iden") {
            match &attr.meta {
                syn::Meta::NameValue(nv) => {
                    if let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) = &nv.value {
                        found = Some(s.value());
                    }
                }
                syn::Meta::List(_) => {
                    let _ = attr.parse_nested_meta(|meta| {
                        if meta.path.is_ident("rename") {
                            let s: syn::LitStr = meta.value()?.parse()?;
                            found = Some(s.value());
                        }
                        Ok(())
                    });
                }
                syn::Meta::Path(_) => {}
            }
        } else if attr.path().is_ident("sea_orm") {
            let _ = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("iden") {
                    let s: syn::LitStr = meta.value()?.parse()?;
                    found = Some(s.value());
                } else if let Ok(v) = meta.value() {
                    // Another `key = value` setting: read past it.
                    let _: syn::Expr = v.parse()?;
                }
                Ok(())
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_and_overrides() {
        let file: syn::File = syn::parse_str(
            r#"
            #[derive(DeriveIden)]
            enum CrateMeta { Table, Id, #[sea_orm(iden = "crate_fk")] CrateId, ETag }
            #[derive(Iden)]
            #[iden = "krate"]
            enum CrateIden { Table, #[iden = "orig"] OriginalName, #[iden(rename = "vers")] Version }
            #[derive(DeriveIden)]
            #[sea_orm(iden = "mood_kind")]
            struct Mood;
            #[derive(Debug)]
            enum NotAnIden { Table }
            "#,
        )
        .unwrap();
        let mut idens = Idens::default();
        idens.add_file(FileId(0), &file.items);
        let v = |t: &str, v: &str| idens.variant(FileId(0), t, v);
        assert_eq!(v("CrateMeta", "Table").as_deref(), Some("crate_meta"));
        assert_eq!(v("CrateMeta", "CrateId").as_deref(), Some("crate_fk"));
        assert_eq!(v("CrateMeta", "ETag").as_deref(), Some("e_tag"));
        assert_eq!(v("CrateIden", "Table").as_deref(), Some("krate"));
        assert_eq!(v("CrateIden", "OriginalName").as_deref(), Some("orig"));
        assert_eq!(v("CrateIden", "Version").as_deref(), Some("vers"));
        assert_eq!(idens.unit(FileId(0), "Mood").as_deref(), Some("mood_kind"));
        assert!(v("NotAnIden", "Table").is_none());
    }
}
