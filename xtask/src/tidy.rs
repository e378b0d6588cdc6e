//! Tidy checks that run as ordinary tests, so `cargo test` is all CI needs.

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::{Path, PathBuf};

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned()
    }

    fn rust_files() -> Vec<PathBuf> {
        walkdir::WalkDir::new(root())
            .into_iter()
            .filter_entry(|e| {
                let name = e.file_name().to_string_lossy();
                !(name == "target" || name == "corpus" || name.starts_with('.') || name == "node_modules")
            })
            .filter_map(Result::ok)
            .map(|e| e.into_path())
            .filter(|p| p.extension().is_some_and(|x| x == "rs"))
            .collect()
    }

    #[test]
    fn generated_files_are_current() {
        if let Err(e) = crate::codegen::run(&root(), true) {
            panic!("{e}");
        }
    }

    #[test]
    fn every_module_says_what_it_is_for() {
        for file in rust_files() {
            let text = fs::read_to_string(&file).unwrap();
            assert!(
                text.trim_start().starts_with("//!"),
                "{} must open with a `//!` comment saying what it is for",
                file.display()
            );
        }
    }

    #[test]
    fn no_ignored_tests_or_stubs() {
        let ignore = ["#[", "ignore]"].concat();
        let stubs = [["todo", "!("].concat(), ["unimplemented", "!("].concat(), ["should", "_panic"].concat()];
        for file in rust_files() {
            let text = fs::read_to_string(&file).unwrap();
            assert!(
                !text.contains(&ignore),
                "{}: no ignored tests; a test that does not run asserts nothing",
                file.display()
            );
            for stub in &stubs {
                assert!(!text.contains(stub.as_str()), "{}: `{stub}` is a stub, not an implementation", file.display());
            }
        }
    }
}
