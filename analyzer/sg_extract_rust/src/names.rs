//! Rust names to SQL names the way SeaORM's derives compute them.
//!
//! `DeriveIden` and sea-query's `Iden` turn `CrateMeta` into `crate_meta` with heck's
//! snake case. Its word boundaries are not only at capitals: `HTTPServer` is `http_server`,
//! `ETag` is `e_tag`, and a digit keeps the case of what came before it, so `Crate2Owner`
//! is `crate2_owner`. This is the same rule, written out.

/// The snake_case of `name` as heck computes it.
pub(crate) fn snake_case(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    for part in name.split(|c: char| !c.is_alphanumeric()) {
        let chars: Vec<char> = part.chars().collect();
        let mut start = 0;
        // The case of the last cased character since the word began; digits inherit it.
        let mut last_case: Option<bool> = None;
        for i in 0..chars.len() {
            let c = chars[i];
            let Some(&next) = chars.get(i + 1) else {
                words.push(chars[start..].iter().collect());
                break;
            };
            let case = if c.is_lowercase() {
                Some(false)
            } else if c.is_uppercase() {
                Some(true)
            } else {
                last_case
            };
            if case == Some(false) && next.is_uppercase() {
                // `userId`: the word ends after the lower-case letter.
                words.push(chars[start..=i].iter().collect());
                start = i + 1;
                last_case = None;
            } else if last_case == Some(true) && c.is_uppercase() && next.is_lowercase() {
                // `HTTPServer`: the last capital of a run starts the next word.
                words.push(chars[start..i].iter().collect());
                start = i;
                last_case = None;
            } else {
                last_case = case;
            }
        }
    }
    words.iter().filter(|w| !w.is_empty()).map(|w| w.to_lowercase()).collect::<Vec<_>>().join("_")
}

#[cfg(test)]
mod tests {
    use super::snake_case;

    #[test]
    fn words_split_like_heck() {
        let cases = [
            ("Table", "table"),
            ("CrateMeta", "crate_meta"),
            ("IsAdmin", "is_admin"),
            ("ETag", "e_tag"),
            ("HTTPServer", "http_server"),
            ("Crate2Owner", "crate2_owner"),
            ("V2Table", "v2_table"),
            ("already_snake", "already_snake"),
            ("CratesIoFk", "crates_io_fk"),
            ("UUID", "uuid"),
            ("userId", "user_id"),
        ];
        for (name, expected) in cases {
            assert_eq!(snake_case(name), expected, "{name}");
        }
    }
}
