//! `--format github`: GitHub Actions workflow commands, so findings appear as pull-request
//! annotations without uploading SARIF.
//!
//! ```text
//! ::error file=db/migrations/0003_x.up.sql,line=2,col=5,endLine=2,endColumn=85,title=fk-cycle::Foreign keys form a cycle ...
//! ```

use sg_engine::Analysis;
use sg_model::Severity;

use crate::region;

/// Workflow command data escapes `%`, CR and LF.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Property values also escape `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn github(analysis: &Analysis) -> String {
    let mut out = String::new();
    for d in &analysis.diagnostics {
        let f = &d.finding;
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let r = region(&analysis.files, f.span);
        let path = analysis.files.path(f.span.file);
        let message = match &f.help {
            Some(help) => format!("{}\n{help}", f.message),
            None => f.message.clone(),
        };
        out.push_str(&format!(
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            escape_property(path),
            r.line,
            r.column,
            r.end_line,
            r.end_column,
            escape_property(&format!("schemagraph {}", f.rule)),
            escape_data(&message)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_workflow_commands_reserve() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
