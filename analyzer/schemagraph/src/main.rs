//! The `schemagraph` binary: argument parsing and exit codes, nothing else.
//!
//! Exit status: 0 when no finding reaches `--fail-on`, 1 when one does, 2 on bad usage, a
//! bad configuration or an unreadable path.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use sg_engine::{Analysis, DiskFs, analyze, load_config};
use sg_model::Severity;
use sg_report::SchemaView;

#[derive(Parser)]
#[command(name = "schemagraph", version, about = "Static analysis of database migrations for multi-tenant services")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyze every migration stream under PATH and report findings.
    Analyze {
        /// The repository or directory to analyze.
        #[arg(default_value = ".")]
        path: PathBuf,
        #[arg(long, value_enum, default_value_t = AnalyzeFormat::Human)]
        format: AnalyzeFormat,
        /// Write the report to FILE instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Exit with status 1 when a finding is at least this severe.
        #[arg(long, value_enum, default_value_t = FailOn::Error)]
        fail_on: FailOn,
        /// Configuration file (default: PATH/schemagraph.toml).
        #[arg(long)]
        config: Option<PathBuf>,
        /// Run only these rules or categories (comma-separated, repeatable).
        #[arg(long, value_delimiter = ',')]
        select: Vec<String>,
        /// Do not run these rules or categories (comma-separated, repeatable).
        #[arg(long, value_delimiter = ',')]
        ignore: Vec<String>,
        /// Report only findings that FILE (written by --write-baseline) does not record.
        #[arg(long)]
        baseline: Option<PathBuf>,
        /// Record today's findings in FILE, to adopt schemagraph on an existing repository.
        #[arg(long)]
        write_baseline: Option<PathBuf>,
    },
    /// Record a checksum of every migration in PATH/schemagraph.sum; `analyze` then reports
    /// recorded migrations that are edited, removed, or preceded by new ones.
    Lock {
        #[arg(default_value = ".")]
        path: PathBuf,
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Print the schema a stream's migrations produce.
    Schema {
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Only this stream (its id, as `analyze` prints it).
        #[arg(long)]
        stream: Option<String>,
        /// The schema just after this migration version instead of at the head: as the file
        /// spells it (`V1_1`, `000003`), or the same numbers (`1.1`, `3`).
        #[arg(long)]
        at: Option<String>,
        #[arg(long, value_enum, default_value_t = SchemaFormat::Sql)]
        format: SchemaFormat,
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Print the foreign-key graph.
    Graph {
        #[arg(default_value = ".")]
        path: PathBuf,
        #[arg(long)]
        stream: Option<String>,
        #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
        format: GraphFormat,
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Run the language server on standard input and output.
    Lsp,
    /// List the rules.
    Rules,
    /// Print a rule's documentation.
    Explain {
        /// The rule's name, e.g. fk-cycle.
        name: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum AnalyzeFormat {
    Human,
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF consumers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaFormat {
    Sql,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum GraphFormat {
    Dot,
    Mermaid,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Note,
    Never,
}

/// A failure that ends the run with status 2.
struct UsageError(String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(UsageError(message)) => {
            let report = miette::miette!("{message}");
            let _ = writeln!(std::io::stderr(), "{report:?}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<ExitCode, UsageError> {
    match command {
        Command::Analyze { path, format, output, fail_on, config, select, ignore, baseline, write_baseline } => {
            sg_engine::Config::check_rule_names(&select).map_err(|e| UsageError(format!("--select: {e}")))?;
            sg_engine::Config::check_rule_names(&ignore).map_err(|e| UsageError(format!("--ignore: {e}")))?;
            let mut analysis = load_with(&path, config.as_deref(), |c| {
                c.select = select;
                c.ignore_rules = ignore;
            })?;
            if let Some(file) = &write_baseline {
                let text = sg_engine::write_baseline(&analysis);
                emit(&text, Some(file))?;
            }
            if let Some(file) = &baseline {
                let text = std::fs::read_to_string(file)
                    .map_err(|e| UsageError(format!("cannot read baseline `{}`: {e}", file.display())))?;
                sg_engine::apply_baseline(&mut analysis, &text)
                    .map_err(|e| UsageError(format!("baseline `{}`: {e}", file.display())))?;
            }
            let text = match format {
                AnalyzeFormat::Json => sg_report::json(&analysis),
                AnalyzeFormat::Sarif => sg_report::sarif(&analysis),
                AnalyzeFormat::Github => sg_report::github(&analysis),
                AnalyzeFormat::Human => {
                    let color = output.is_none() && std::io::stdout().is_terminal() && !no_color();
                    sg_report::human(&analysis, sg_report::HumanOptions { color, width: None })
                }
            };
            emit(&text, output.as_deref())?;
            let threshold = match fail_on {
                FailOn::Error => Some(Severity::Error),
                FailOn::Warning => Some(Severity::Warning),
                FailOn::Note => Some(Severity::Note),
                FailOn::Never => None,
            };
            let failed = threshold.is_some_and(|t| analysis.diagnostics.iter().any(|d| d.finding.severity >= t));
            Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Lock { path, config } => {
            let analysis = load(&path, config.as_deref())?;
            let text = sg_engine::sum_file(&analysis.files, &analysis.streams);
            let target = path.join(sg_engine::SUM_FILE);
            emit(&text, Some(&target))?;
            let migrations = analysis.migration_count();
            let streams = analysis.streams.len();
            let _ = writeln!(
                std::io::stderr(),
                "schemagraph: recorded {migrations} migrations of {streams} streams in {}",
                target.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema { path, stream, at, format, config } => {
            let analysis = load(&path, config.as_deref())?;
            let schemas = select(&analysis, stream.as_deref(), at.as_deref())?;
            let views: Vec<SchemaView<'_>> =
                schemas.iter().map(|(id, schema)| SchemaView { id, at: at.as_deref(), schema }).collect();
            let text = match format {
                SchemaFormat::Json => sg_report::schema_json(&views),
                SchemaFormat::Sql => sg_report::schema_sql(&views),
            };
            emit(&text, None)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Graph { path, stream, format, config } => {
            let analysis = load(&path, config.as_deref())?;
            let schemas = select(&analysis, stream.as_deref(), None)?;
            let views: Vec<SchemaView<'_>> =
                schemas.iter().map(|(id, schema)| SchemaView { id, at: None, schema }).collect();
            let text = match format {
                GraphFormat::Dot => sg_report::dot(&views),
                GraphFormat::Mermaid => sg_report::mermaid(&views),
            };
            emit(&text, None)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Lsp => {
            sg_lsp::run_stdio().map_err(|e| UsageError(format!("language server: {e}")))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules => {
            let mut text = String::new();
            let width = sg_rules::RULES.iter().map(|r| r.meta.name.len()).max().unwrap_or(0);
            for r in sg_rules::RULES {
                text.push_str(&format!(
                    "{:width$}  {:10}  {:7}  {}\n",
                    r.meta.name,
                    r.meta.category.name(),
                    r.meta.default_severity.name(),
                    r.meta.summary()
                ));
            }
            emit(&text, None)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { name } => {
            let Some(rule) = sg_rules::rule(&name) else {
                return Err(UsageError(format!("unknown rule `{name}`; `schemagraph rules` lists them")));
            };
            let meta = rule.meta;
            let text = format!(
                "# {} ({}, {} by default)\n\n{}\n\n{}\n",
                meta.name,
                meta.category.name(),
                meta.default_severity.name(),
                meta.docs_text(),
                meta.url()
            );
            emit(&text, None)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

fn load(path: &Path, config: Option<&Path>) -> Result<Analysis, UsageError> {
    load_with(path, config, |_| {})
}

fn load_with(
    path: &Path,
    config: Option<&Path>,
    adjust: impl FnOnce(&mut sg_engine::Config),
) -> Result<Analysis, UsageError> {
    let meta = std::fs::metadata(path).map_err(|e| UsageError(format!("cannot read `{}`: {e}", path.display())))?;
    if !meta.is_dir() {
        return Err(UsageError(format!("`{}` is not a directory; pass the repository to analyze", path.display())));
    }
    let mut config = load_config(path, config).map_err(|e| UsageError(e.to_string()))?;
    adjust(&mut config);
    Ok(analyze(&DiskFs::new(path), &config))
}

/// The schemas to print: every stream's head, or one stream, possibly at a version.
fn select<'a>(
    analysis: &'a Analysis,
    stream: Option<&str>,
    at: Option<&str>,
) -> Result<Vec<(&'a str, std::borrow::Cow<'a, sg_model::Schema>)>, UsageError> {
    let streams: Vec<&sg_engine::Stream> = match stream {
        Some(id) => match analysis.stream(id) {
            Some(s) => vec![s],
            None => {
                let known = analysis.streams.iter().map(|s| s.info.id.as_str()).collect::<Vec<_>>().join(", ");
                return Err(UsageError(format!("no stream `{id}` (streams: {known})")));
            }
        },
        None => analysis.streams.iter().map(|s| &**s).collect(),
    };
    let mut out = Vec::new();
    for s in streams {
        match at {
            None => out.push((s.info.id.as_str(), std::borrow::Cow::Borrowed(&s.head))),
            Some(version) => match s.schema_at(version) {
                Some(schema) => out.push((s.info.id.as_str(), std::borrow::Cow::Owned(schema))),
                None if stream.is_some() => {
                    return Err(UsageError(format!("stream `{}` has no migration `{version}`", s.info.id)));
                }
                None => {}
            },
        }
    }
    if at.is_some() && out.is_empty() {
        return Err(UsageError(format!("no stream has a migration `{}`", at.unwrap_or_default())));
    }
    Ok(out)
}

fn emit(text: &str, output: Option<&Path>) -> Result<(), UsageError> {
    match output {
        Some(path) => {
            std::fs::write(path, text).map_err(|e| UsageError(format!("cannot write `{}`: {e}", path.display())))
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a message.
            let _ = stdout.write_all(text.as_bytes());
            let _ = stdout.flush();
            Ok(())
        }
    }
}
