//! Where a Rust file's `mod name;` and `include_str!("...")` point, as path arithmetic on
//! `/`-separated paths relative to the analyzed root. No IO: the engine checks which of
//! the candidates exist.

/// The directory part of a path (`""` for a file at the root).
fn dir(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// Joins `rel` to `base` and resolves `.` and `..`; `None` when it climbs above the root.
pub fn join_normalized(base: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> =
        if rel.starts_with('/') { Vec::new() } else { base.split('/').filter(|p| !p.is_empty()).collect() };
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// The file `include_str!(rel)` in the file `from` reads.
pub fn include_path(from: &str, rel: &str) -> Option<String> {
    join_normalized(dir(from), rel)
}

/// The files that may hold module `name` declared with `mod name;` in `from`, in the order
/// rustc tries them. `lib.rs`, `main.rs` and `mod.rs` own their directory; any other file
/// `dir/foo.rs` owns `dir/foo/`.
pub fn module_paths(from: &str, name: &str, path_attr: Option<&str>) -> Vec<String> {
    let base = dir(from);
    if let Some(p) = path_attr {
        return join_normalized(base, p).into_iter().collect();
    }
    let file = from.rsplit('/').next().unwrap_or(from);
    let owner = match file {
        "lib.rs" | "main.rs" | "mod.rs" => base.to_owned(),
        other => join_normalized(base, other.strip_suffix(".rs").unwrap_or(other)).unwrap_or_default(),
    };
    [format!("{name}.rs"), format!("{name}/mod.rs")].iter().filter_map(|f| join_normalized(&owner, f)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_and_includes() {
        assert_eq!(
            module_paths("migration/src/lib.rs", "m1", None),
            vec!["migration/src/m1.rs", "migration/src/m1/mod.rs"]
        );
        assert_eq!(module_paths("src/migrator.rs", "m1", None), vec!["src/migrator/m1.rs", "src/migrator/m1/mod.rs"]);
        assert_eq!(module_paths("src/lib.rs", "m1", Some("../x/m.rs")), vec!["x/m.rs"]);
        assert_eq!(include_path("migration/src/m1.rs", "../sql/a.sql").as_deref(), Some("migration/sql/a.sql"));
        assert_eq!(include_path("a.rs", "../../x.sql"), None);
    }
}
