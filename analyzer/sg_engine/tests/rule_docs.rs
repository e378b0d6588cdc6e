//! The rule documentation cannot lie: every example in every rule's docs is analyzed as a
//! small repository. An example marked `expect_diagnostic` must make its rule fire exactly
//! once; every other example must not make it fire at all.

use sg_engine::{Config, MemoryFs, analyze};
use sg_rules::{RULES, docs};

#[test]
fn rule_examples_behave_as_documented() {
    let mut failures = Vec::new();
    for entry in RULES {
        let examples = docs::examples(entry.meta.docs);
        if !examples.iter().any(|e| e.expect_diagnostic) {
            failures.push(format!("{}: the docs have no failing example", entry.meta.name));
        }
        if !examples.iter().any(|e| !e.expect_diagnostic) {
            failures.push(format!("{}: the docs have no passing example", entry.meta.name));
        }
        for example in examples {
            let mut fs = MemoryFs::new();
            let mut config = Config::default();
            for (path, contents) in &example.files {
                if path == "schemagraph.toml" {
                    config = Config::parse(&String::from_utf8_lossy(contents), path).expect("example configuration");
                }
                fs = fs.with(path, contents.clone());
            }
            let analysis = analyze(&fs, &config);
            let fired: Vec<String> = analysis
                .diagnostics
                .iter()
                .filter(|d| d.finding.rule == entry.meta.name)
                .map(|d| d.finding.message.clone())
                .collect();
            let expected = usize::from(example.expect_diagnostic);
            if fired.len() != expected {
                failures.push(format!(
                    "{} ({}): expected {expected} finding(s), got {}: {fired:?}\n  files: {:?}",
                    entry.meta.name,
                    example.heading,
                    fired.len(),
                    example.files.iter().map(|f| &f.0).collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "rule docs that do not hold:\n{}", failures.join("\n"));
}
