//! The command line: arguments (clap), loading the corpus before anything
//! else, and the non-interactive subcommands. Exit codes: 0 success, 1 a
//! problem with the input (bad corpus, unknown id), 2 a usage error.

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::corpus::Corpus;
use crate::export;
use crate::output;

const EXAMPLES: &str = "\
Examples:
  shifr                                  open the reader on the bundled corpus
  shifr check                            validate the bundled corpus
  shifr check path/to/corpus             validate another corpus
  shifr --corpus path/to/corpus          read another corpus
  shifr export --format json | jq '.telegrams | length'";

#[derive(Parser, Debug)]
#[command(
    name = "shifr",
    version,
    about = "A terminal reader for the 1950 ciphered telegrams behind China's entry into the Korean War",
    after_help = EXAMPLES
)]
pub struct Cli {
    /// Read the corpus in DIR instead of the bundled one
    #[arg(long, global = true, value_name = "DIR")]
    pub corpus: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Validate a corpus and report every problem with file:line:column
    #[command(after_help = "Examples:\n  shifr check\n  shifr check my-corpus/")]
    Check {
        /// The corpus directory (default: --corpus, else the bundled corpus)
        dir: Option<PathBuf>,
    },
    /// Write the corpus to standard output in another format
    #[command(after_help = "Examples:\n  shifr export --format json > corpus.json")]
    Export {
        /// Output format
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// The whole corpus as one JSON document
    Json,
}

/// Prints to stderr; a closed stderr is ignored rather than a panic.
pub fn eprint(msg: &str) {
    let _ = writeln!(std::io::stderr(), "{msg}");
}

/// Loads the corpus named by `--corpus`, or the bundled one. On problems,
/// prints the report and returns the exit code.
pub fn load_corpus(dir: Option<&PathBuf>) -> Result<Corpus, i32> {
    let loaded = match dir {
        Some(d) => Corpus::load_dir(d),
        None => Corpus::embedded(),
    };
    loaded.map_err(|report| {
        eprint(&report.to_string());
        1
    })
}

fn io_result(r: std::io::Result<()>) -> i32 {
    match r {
        Ok(()) => 0,
        Err(e) => {
            eprint(&format!("shifr: cannot write output: {e}"));
            1
        }
    }
}

/// Runs shifr with the process's arguments; returns the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = e.exit_code();
            let _ = e.print();
            return code;
        }
    };
    run(cli)
}

pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Some(Command::Check { dir }) => {
            let dir = dir.or(cli.corpus);
            match load_corpus(dir.as_ref()) {
                Ok(c) => io_result(output::println(&format!("ok: {}", c.summary()))),
                Err(code) => code,
            }
        }
        Some(Command::Export { format }) => {
            let corpus = match load_corpus(cli.corpus.as_ref()) {
                Ok(c) => c,
                Err(code) => return code,
            };
            let text = match format {
                ExportFormat::Json => export::json::to_string(&corpus),
            };
            io_result(output::print(&text))
        }
        None => {
            let corpus = match load_corpus(cli.corpus.as_ref()) {
                Ok(c) => c,
                Err(code) => return code,
            };
            let mut s = format!("shifr: {}\n\n", corpus.summary());
            for t in &corpus.telegrams {
                s.push_str(&format!(
                    "{:<11} {:<40} {}\n",
                    t.date.to_string(),
                    corpus.chain(t),
                    t.title
                ));
            }
            io_result(output::print(&s))
        }
    }
}
