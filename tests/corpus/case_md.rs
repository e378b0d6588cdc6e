//! Reads the machine-checked sections of a corpus case's `CASE.md`: `## Expected findings`
//! and `## Near misses`. The grammar, and what the tests check with it, is in the module
//! comment of `tests/corpus.rs`.

/// The sections that tests check.
#[derive(Debug, Default)]
pub(crate) struct CaseMd {
    /// The bullets of `## Expected findings`; empty when the section says `- None.`.
    pub(crate) expected: Vec<Bullet>,
    /// Whether `## Expected findings` says `- None.`.
    pub(crate) none: bool,
    /// The bullets of `## Near misses`.
    pub(crate) near_misses: Vec<Bullet>,
}

/// One bullet: a place, and rules that must (or must not) fire there.
#[derive(Debug)]
pub(crate) struct Bullet {
    /// The bullet's line in `CASE.md` (1-based), for messages.
    pub(crate) at: usize,
    /// Relative to the case directory; `.` is the case itself.
    pub(crate) path: String,
    /// The lines of `path` the bullet is about; empty for every line.
    pub(crate) lines: Vec<u64>,
    /// Each rule with the severity the bullet gives it, if any.
    pub(crate) rules: Vec<(String, Option<String>)>,
}

/// A parse error: the line of `CASE.md` (1-based) and what is wrong with it.
pub(crate) type Error = (usize, String);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Other,
    Expected,
    NearMisses,
}

const EXPECTED: &str = "## Expected findings";
const NEAR_MISSES: &str = "## Near misses";
const SEVERITIES: [&str; 3] = ["note", "warning", "error"];
/// What separates a bullet's rules from the reason for them.
const DASH: &str = " — ";

/// Parses `text`; `is_rule` says whether a name is a registered rule. Every error is
/// returned, not only the first, so one run shows everything to fix.
pub(crate) fn parse(text: &str, is_rule: &dyn Fn(&str) -> bool) -> Result<CaseMd, Vec<Error>> {
    let mut out = CaseMd::default();
    let mut errors = Vec::new();
    let mut section = Section::Other;
    let mut seen = (0, 0);
    let mut expected_bullets = 0;
    for (i, line) in text.lines().enumerate() {
        let at = i + 1;
        if line.starts_with('#') {
            section = match line.trim_end() {
                EXPECTED => {
                    seen.0 += 1;
                    Section::Expected
                }
                NEAR_MISSES => {
                    seen.1 += 1;
                    Section::NearMisses
                }
                other if other.eq_ignore_ascii_case(EXPECTED) || other.eq_ignore_ascii_case(NEAR_MISSES) => {
                    errors.push((at, format!("write the heading exactly as `{EXPECTED}` or `{NEAR_MISSES}`")));
                    Section::Other
                }
                _ => Section::Other,
            };
            continue;
        }
        if section == Section::Other || !(line.starts_with('-') || line.starts_with('*')) {
            continue;
        }
        if section == Section::Expected {
            expected_bullets += 1;
        }
        if line.starts_with('*') {
            errors.push((at, "bullets in this section start with `- `".to_owned()));
            continue;
        }
        if section == Section::Expected && line.trim_end() == "- None." {
            out.none = true;
            continue;
        }
        match bullet(line, section == Section::NearMisses, is_rule) {
            Ok(mut b) => {
                b.at = at;
                match section {
                    Section::Expected => out.expected.push(b),
                    _ => out.near_misses.push(b),
                }
            }
            Err(e) => errors.push((at, e)),
        }
    }
    if seen.0 != 1 {
        errors.push((0, format!("needs exactly one `{EXPECTED}` section, found {}", seen.0)));
    }
    if seen.1 > 1 {
        errors.push((0, format!("has {} `{NEAR_MISSES}` sections; one at most", seen.1)));
    }
    if seen.0 == 1 && expected_bullets == 0 {
        errors.push((0, format!("`{EXPECTED}` has no bullet; write `- None.` for a case without findings")));
    }
    if out.none && expected_bullets > 1 {
        errors.push((0, format!("`{EXPECTED}` says `- None.` and lists findings too")));
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// Parses one bullet line:
/// ``- `db/migrations/000002_x.up.sql` line 3: `drop-column` (warning), `rename-table` — why``.
fn bullet(line: &str, near_miss: bool, is_rule: &dyn Fn(&str) -> bool) -> Result<Bullet, String> {
    let rest = line.strip_prefix("- ").ok_or("a bullet starts with `- `")?;
    let (path, rest) = backticked(rest).ok_or("a bullet starts with the path in backticks, e.g. - `db/x.sql`: …")?;
    if path.is_empty() || path.starts_with('/') || path.ends_with('/') || path.split('/').any(|p| p == "..") {
        return Err(format!("`{path}` is not a path relative to the case (write `.` for the case itself)"));
    }
    let (lines, rest) = line_numbers(rest)?;
    let rest = rest.strip_prefix(": ").ok_or("expected `: ` and the rules after the path (and its lines)")?;
    let mut rules = Vec::new();
    let mut rest = rest;
    loop {
        let (rule, after) = backticked(rest).ok_or("expected a rule name in backticks")?;
        if !is_rule(rule) {
            return Err(format!("`{rule}` is not a rule; `schemagraph rules` lists them"));
        }
        rest = after;
        let mut severity = None;
        if let Some(after) = rest.strip_prefix(" (") {
            let (word, after) = after.split_once(')').ok_or("unclosed `(` after a rule")?;
            if !SEVERITIES.contains(&word) {
                return Err(format!("`({word})` after a rule must be a severity: note, warning or error"));
            }
            if near_miss {
                return Err("a near miss gives no severity: the rule must not fire at all".to_owned());
            }
            severity = Some(word.to_owned());
            rest = after;
        }
        rules.push((rule.to_owned(), severity));
        match rest.strip_prefix(", ") {
            Some(after) if after.starts_with('`') => rest = after,
            _ => break,
        }
    }
    if rest.is_empty() {
        if near_miss {
            return Err(format!("a near miss says why the rule must stay silent, after `{}`", DASH.trim()));
        }
    } else {
        let reason = rest.strip_prefix(DASH).ok_or_else(|| {
            format!("after the rules comes nothing, or `{}` and the reason; found `{rest}`", DASH.trim())
        })?;
        if reason.trim().is_empty() {
            return Err(format!("`{}` must be followed by the reason", DASH.trim()));
        }
    }
    Ok(Bullet { at: 0, path: path.to_owned(), lines, rules })
}

/// `` `text` rest`` into `text` and `rest`.
fn backticked(s: &str) -> Option<(&str, &str)> {
    let inner = s.strip_prefix('`')?;
    let end = inner.find('`')?;
    Some((&inner[..end], &inner[end + 1..]))
}

/// ` line 3` or ` lines 3, 7` after the path, if there.
fn line_numbers(s: &str) -> Result<(Vec<u64>, &str), String> {
    let list = if let Some(rest) = s.strip_prefix(" lines ") {
        rest
    } else if let Some(rest) = s.strip_prefix(" line ") {
        rest
    } else {
        return Ok((Vec::new(), s));
    };
    let end = list.find(':').ok_or("expected `: ` after the line numbers")?;
    let numbers = list[..end]
        .split(", ")
        .map(|n| n.parse::<u64>().ok().filter(|n| *n > 0))
        .collect::<Option<Vec<u64>>>()
        .ok_or_else(|| format!("`{}` is not a line number or a list like `3, 7`", &list[..end]))?;
    if s.starts_with(" line ") && numbers.len() > 1 {
        return Err("several line numbers take `lines`".to_owned());
    }
    Ok((numbers, &list[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_rule(name: &str) -> bool {
        ["drop-column", "rename-table", "fk-cycle"].contains(&name)
    }

    #[test]
    fn bullets_parse_as_documented() {
        let text = "# x\n\n## Expected findings\n\nProse.\n\n\
            - `db/a.sql` line 3: `drop-column` (warning), `rename-table` — because\n  continued\n\
            - `.`: `fk-cycle`\n\n## Near misses\n\n- `db/a.sql` lines 5, 6: `drop-column` — created here\n";
        let md = parse(text, &is_rule).unwrap();
        assert_eq!(md.expected.len(), 2);
        assert_eq!(md.expected[0].path, "db/a.sql");
        assert_eq!(md.expected[0].lines, vec![3]);
        assert_eq!(md.expected[0].at, 7);
        assert_eq!(
            md.expected[0].rules,
            vec![("drop-column".to_owned(), Some("warning".to_owned())), ("rename-table".to_owned(), None)]
        );
        assert_eq!(md.expected[1].path, ".");
        assert_eq!(md.near_misses[0].lines, vec![5, 6]);
    }

    #[test]
    fn mistakes_are_errors_with_their_line() {
        let cases = [
            ("- db/a.sql: `drop-column`", "path in backticks"),
            ("- `db/a.sql`: `drop-colum`", "not a rule"),
            ("- `db/a.sql` line x: `drop-column`", "not a line number"),
            ("- `db/a.sql`: `drop-column` (fatal)", "must be a severity"),
            ("- `db/a.sql`: `drop-column`, exactly one", "after the rules"),
            ("- `db/a.sql` `drop-column`", "expected `: `"),
            ("* `db/a.sql`: `drop-column`", "start with `- `"),
            ("- `../x.sql`: `drop-column`", "relative to the case"),
        ];
        for (bullet, message) in cases {
            let text = format!("## Expected findings\n\n{bullet}\n");
            let errors = parse(&text, &is_rule).unwrap_err();
            assert_eq!(errors.len(), 1, "{bullet}: {errors:?}");
            assert_eq!(errors[0].0, 3, "{bullet}");
            assert!(errors[0].1.contains(message), "{bullet}: {}", errors[0].1);
        }
        let near = "## Expected findings\n\n- None.\n\n## Near misses\n\n- `a.sql`: `fk-cycle`\n";
        assert!(parse(near, &is_rule).unwrap_err()[0].1.contains("says why"));
        assert!(parse("# x\n", &is_rule).is_err(), "the section is required");
        assert!(parse("## Expected findings\n\nNone.\n", &is_rule).is_err(), "`- None.` is a bullet");
    }
}
