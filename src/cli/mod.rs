//! The command line: arguments (clap), loading the corpus before anything
//! else, and the non-interactive subcommands. Exit codes: 0 success, 1 a
//! problem with the input (bad corpus, unknown id), 2 a usage error.
//!
//! This file holds the arguments and the dispatch; each command lives in a
//! module of its own. Every command returns `Result<(), CliError>`; `run`
//! alone prints the error and turns it into the exit code.

mod bench_startup;
mod check;
mod cite;
mod compare;
mod completions;
mod config;
mod debate;
mod error;
mod export;
mod gen_corpus;
mod list;
mod load;
mod man;
mod notes;
mod reader;
mod screenshots;
mod search;
mod show;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

pub use error::{CliError, eprint};
pub use load::load_corpus;

const EXAMPLES: &str = "\
Examples:
  shifr                                  open the reader on the bundled corpus
  shifr open 1950-10-02-mao-stalin       open the reader on one telegram
  shifr check                            validate the bundled corpus
  shifr check path/to/corpus             validate another corpus
  shifr debate                           the positions of the trigger vs. justification debate
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

    /// Use this keymap file over the defaults (else $XDG_CONFIG_HOME/shifr/keymap.toml)
    #[arg(long, global = true, value_name = "FILE")]
    pub keymap: Option<PathBuf>,

    /// Keep your notes in FILE (default: $XDG_DATA_HOME/shifr/notes.toml)
    #[arg(long, global = true, value_name = "FILE")]
    pub notes: Option<PathBuf>,

    /// Start the reader clean, not where the last run left off (bookmarks
    /// and what you have read are kept)
    #[arg(long)]
    pub fresh: bool,
    /// Read settings from FILE (else $XDG_CONFIG_HOME/shifr/config.toml)
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Append a log of start-up and errors to $XDG_STATE_HOME/shifr/shifr.log
    /// (also with SHIFR_LOG=1)
    #[arg(long, global = true)]
    pub debug: bool,

    /// Open the reader with this telegram selected and shown
    #[arg(long, value_name = "ID")]
    pub open: Option<String>,

    /// Measure start-up to first frame (off-screen, 120x40) and exit
    #[arg(long)]
    pub bench_startup: bool,

    /// Read the corpus directory afresh, neither reading nor writing the start-up cache (also SHIFR_NO_CACHE=1)
    #[arg(long, global = true)]
    pub no_cache: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Open the reader on one telegram (a deep link for notes and scripts)
    #[command(after_help = "Examples:\n  shifr open 1950-10-02-mao-stalin")]
    Open {
        /// The telegram id, e.g. 1950-10-02-mao-stalin
        id: String,
    },
    /// Print the aligned comparison of a telegram's versions
    #[command(
        after_help = "Examples:\n  shifr compare 1950-10-02-mao-stalin\n  shifr compare 1950-10-02-mao-stalin --width 80\n  shifr compare 1950-10-02-mao-stalin --witnesses ru,zh --format json"
    )]
    Compare {
        /// The telegram id
        id: String,
        /// Width of the text in columns (side by side from 100, stacked below;
        /// default: the terminal's width, else 120)
        #[arg(long)]
        width: Option<usize>,
        /// The two witnesses to compare, by id, in order (default: the first two)
        #[arg(long, value_name = "A,B", value_delimiter = ',')]
        witnesses: Option<Vec<String>>,
        /// Output format
        #[arg(long, value_enum, default_value_t = CompareFormat::Text)]
        format: CompareFormat,
    },
    /// List telegrams (id, which begins with the date; correspondents; title), in date order
    #[command(
        after_help = "Examples:\n  shifr list\n  shifr list --from stalin --to kim\n  shifr list --json | jq -r '.[].id'"
    )]
    List {
        /// Only telegrams sent by this person (an id, name or alias)
        #[arg(long, value_name = "PERSON")]
        from: Option<String>,
        /// Only telegrams sent to this person
        #[arg(long, value_name = "PERSON")]
        to: Option<String>,
        /// Print JSON (the same telegram objects as `shifr export`)
        #[arg(long)]
        json: bool,
    },
    /// Print one telegram: header, passages (quotes and summaries marked) and notes
    #[command(
        after_help = "Examples:\n  shifr show 1950-10-02-mao-stalin\n  shifr show 1950-10-02-mao-stalin --json"
    )]
    Show {
        /// The telegram id
        id: String,
        /// Width of the text (default: the terminal's, else 80)
        #[arg(long)]
        width: Option<usize>,
        /// Print JSON (the telegram object of `shifr export`)
        #[arg(long)]
        json: bool,
    },
    /// Print the positions of the trigger vs. justification debate, with evidence and the paper's answers
    #[command(
        after_help = "Each position: its scholars and stance, the claim (the editors' summary), the paper's\nown words, its footnotes, the telegrams and events the paper ties to it, and the\npaper's answer where it gives one.\n\nExamples:\n  shifr debate\n  shifr debate --format markdown > debate.md\n  shifr debate --format json | jq -r '.[] | select(.stance == \"trigger\") | .id'"
    )]
    Debate {
        /// Output format
        #[arg(long, value_enum, default_value_t = DebateFormat::Text)]
        format: DebateFormat,
        /// (text) Width of the text (default: the terminal's, else 80)
        #[arg(long)]
        width: Option<usize>,
    },
    /// Print a citation of a telegram (a Chicago note, BibTeX, CSL-JSON or RIS)
    #[command(
        after_help = "Examples:\n  shifr cite 1950-10-02-mao-stalin\n  shifr cite 1950-10-04-stalin-mao --short\n  shifr cite 1950-10-02-mao-stalin --style bibtex >> refs.bib\n  shifr cite 1950-10-02-mao-stalin --style csl > item.json"
    )]
    Cite {
        /// The telegram id
        id: String,
        /// Citation style
        #[arg(long, value_enum, default_value_t = CiteStyle::Chicago)]
        style: CiteStyle,
        /// (chicago) The short note, for a second reference
        #[arg(long)]
        short: bool,
    },
    /// Your own notes
    #[command(
        after_help = "Examples:\n  shifr notes export\n  shifr --notes ~/thesis/notes.toml notes export --format json"
    )]
    Notes {
        #[command(subcommand)]
        command: NotesCommand,
    },
    /// Print the telegrams that match a query, best first
    #[command(
        after_help = "Query: words separated by spaces, all of which must match (fuzzily: abbreviations\nand small typos match). 'exact ^prefix suffix$ !not a|b \"a phrase\"; from: to: via: by: date:\n\nExamples:\n  shifr search 'shld we fear'\n  shifr search 'from:stalin to:kim' --limit 5\n  shifr search inchon --json"
    )]
    Search {
        /// The query (quote it for the shell)
        query: String,
        /// Show at most N hits
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Print hits as JSON
        #[arg(long)]
        json: bool,
    },
    /// Write a synthetic corpus (for measuring search at scale)
    #[command(
        name = "gen-corpus",
        after_help = "Examples:\n  shifr gen-corpus --count 100000 --out /tmp/big\n  shifr --corpus /tmp/big"
    )]
    GenCorpus {
        /// How many telegrams
        #[arg(long)]
        count: usize,
        /// The directory to write (created if missing; it must be empty)
        #[arg(long)]
        out: PathBuf,
        /// Seed for the generator (the same seed gives the same corpus)
        #[arg(long, default_value_t = 1950)]
        seed: u64,
        /// Write into a directory that is not empty, replacing files of the same names
        #[arg(long)]
        force: bool,
    },
    /// Draw the main screens off-screen and write each as SVG and plain text
    #[command(
        after_help = "The screens are drawn by the reader's own code on the corpus (the bundled one\nunless --corpus), with the default keys and colours, and written as NAME.svg and\nNAME.txt. The committed screenshots/ directory is this command's output.\n\nExamples:\n  shifr screenshots\n  shifr screenshots --out /tmp/shots"
    )]
    Screenshots {
        /// The directory to write (created if missing)
        #[arg(long, default_value = "screenshots")]
        out: PathBuf,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    #[command(
        after_help = "Examples:\n  shifr completions bash > ~/.local/share/bash-completion/completions/shifr\n  shifr completions zsh > ~/.zfunc/_shifr        # with fpath+=(~/.zfunc) before compinit\n  shifr completions fish > ~/.config/fish/completions/shifr.fish"
    )]
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// Check the settings file and print the settings in effect
    #[command(
        after_help = "Without --default: the settings file (--config FILE, else\n$XDG_CONFIG_HOME/shifr/config.toml) is checked, its problems reported with\nfile:line:column (exit 1), and the settings in effect printed as TOML.\n\nExamples:\n  shifr config --default > ~/.config/shifr/config.toml\n  shifr config\n  shifr --config my.toml config"
    )]
    Config {
        /// Print the default settings file, every setting commented
        #[arg(long)]
        default: bool,
    },
    /// Print the manual page (roff), generated from these options
    #[command(
        after_help = "Examples:\n  shifr man > ~/.local/share/man/man1/shifr.1     # then: man shifr\n  shifr man | man -l -"
    )]
    Man,
    /// Validate a corpus and report every problem with file:line:column
    #[command(
        after_help = "Examples:\n  shifr check\n  shifr check my-corpus/\n  shifr check --source ../shared/sources/inchon-and-stalin-1950.txt"
    )]
    Check {
        /// The corpus directory (default: --corpus, else the bundled corpus)
        dir: Option<PathBuf>,
        /// Also compare every footnote text of footnotes.toml with this source
        /// paper (plain text), folded as verify-quotes folds quotes
        #[arg(long, value_name = "FILE")]
        source: Option<PathBuf>,
    },
    /// Write the corpus to standard output in another format
    #[command(
        after_help = "Every export is deterministic: the same corpus gives the same bytes.\n\nExamples:\n  shifr export --format json > corpus.json\n  shifr export --format cmif | xmllint --noout -\n  shifr export --format csl > shifr.json\n  shifr export --format tei 1950-10-02-mao-stalin > 2-october.xml\n  shifr export --format cmif --url https://example.org/shifr.xml --date 2026-11-27 > shifr-cmif.xml\n  shifr export --format markdown > dossier.md"
    )]
    Export {
        /// Output format
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// (tei) Only this telegram (it must have several versions)
        id: Option<String>,
        /// (cmif) The URL the file will be published at, for publicationStmt/idno
        #[arg(long, value_name = "URL")]
        url: Option<String>,
        /// (cmif) When the data last changed, YYYY-MM-DD (default: this corpus edition's date)
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// (cmif) The licence of the file
        #[arg(long, value_enum, default_value_t = Licence::CcBy)]
        licence: Licence,
    },
}

#[derive(Subcommand, Debug)]
pub enum NotesCommand {
    /// Print your notes with the citation of each telegram
    #[command(
        after_help = "Examples:\n  shifr notes export > my-notes.md\n  shifr notes export --format json"
    )]
    Export {
        #[arg(long, value_enum, default_value_t = NotesFormat::Markdown)]
        format: NotesFormat,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotesFormat {
    /// A readable document, grouped by telegram
    Markdown,
    /// The notes as JSON, each with its telegram's citation
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CiteStyle {
    /// A Chicago-style note, as historians write them
    Chicago,
    /// A BibLaTeX @letter entry (a Letter in Zotero)
    Bibtex,
    /// A CSL-JSON array of one personal_communication item
    Csl,
    /// An RIS record (PCOMM)
    Ris,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareFormat {
    /// Columns side by side (stacked below 100 columns), for reading and citing
    Text,
    /// The aligned rows as JSON
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DebateFormat {
    /// Plain text, one block per position
    Text,
    /// The Markdown dossier's section "The debate"
    Markdown,
    /// The positions as JSON (the objects of `shifr export`'s "positions")
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// The whole corpus as one JSON document
    Json,
    /// Correspondence metadata as TEI XML (CMIF, for correspSearch)
    Cmif,
    /// Every telegram as CSL-JSON (for Zotero, Pandoc, citeproc)
    Csl,
    /// Every telegram as RIS (PCOMM records)
    Ris,
    /// The telegrams with several versions as TEI P5: witnesses, aligned segments, links
    Tei,
    /// A readable dossier: chronology, telegrams, notes and citations
    Markdown,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Licence {
    /// Creative Commons Attribution 4.0
    CcBy,
    /// Creative Commons Zero 1.0 (public domain)
    Cc0,
}

/// The text width `--width` asks for, else the terminal's, else `default`;
/// `show` and `compare` alike. Below 20 columns nothing fits: a usage
/// error, the same for both.
fn text_width(width: Option<usize>, default: usize) -> Result<usize, CliError> {
    use std::io::IsTerminal;
    if let Some(w) = width.filter(|w| *w < 20) {
        return Err(CliError::usage(format!(
            "shifr: --width {w} is too narrow: expected 20 columns or more"
        )));
    }
    Ok(width
        .or_else(|| {
            crossterm::terminal::size()
                .ok()
                .filter(|_| std::io::stdout().is_terminal())
                .map(|(w, _)| w as usize)
        })
        .unwrap_or(default)
        .clamp(20, 1000))
}

/// Runs shifr with the process's arguments; returns the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version come this way too, with exit code 0: if
            // they could not be written (a full disk), that is a failure. A
            // closed pipe is not (`shifr --help | head -1`).
            let code = e.exit_code();
            return match e.print() {
                Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprint(&format!("shifr: cannot write output: {err}"));
                    code.max(1)
                }
                _ => code,
            };
        }
    };
    run(cli)
}

/// Runs the parsed command line; returns the exit code. The one place where
/// a command's error is printed.
pub fn run(cli: Cli) -> i32 {
    if cli.debug || crate::debug_log::wanted_by_env() {
        start_log();
    }
    match dispatch(cli) {
        Ok(()) => {
            crate::debug_log::line("done: exit 0");
            0
        }
        Err(e) => {
            crate::debug_log::line(format_args!("error, exit {}: {}", e.code(), e.message()));
            eprint(e.message());
            e.code()
        }
    }
}

/// Starts the debug log; if it cannot be written, says so on standard
/// error (before any screen is drawn) and goes on without it.
fn start_log() {
    let started = match crate::debug_log::path() {
        Some(p) => crate::debug_log::start(&p),
        None => Err("no state directory: set XDG_STATE_HOME or HOME".to_string()),
    };
    if let Err(why) = started {
        eprint(&format!("shifr: no debug log: {why}"));
    }
}

/// The command the arguments name.
fn dispatch(cli: Cli) -> Result<(), CliError> {
    if cli.no_cache {
        load::disable_cache();
    }
    if cli.bench_startup {
        return bench_startup::run(&cli);
    }
    match cli.command {
        Some(Command::Open { ref id }) => {
            let id = id.clone();
            reader::run(&cli, Some(&id))
        }
        Some(Command::Cite {
            ref id,
            style,
            short,
        }) => cite::run(&cli, id, style, short),
        Some(Command::Debate { format, width }) => debate::run(&cli, format, width),
        Some(Command::Notes {
            command: NotesCommand::Export { format },
        }) => notes::export(&cli, format),
        Some(Command::List {
            ref from,
            ref to,
            json,
        }) => list::run(&cli, from.as_deref(), to.as_deref(), json),
        Some(Command::Show {
            ref id,
            width,
            json,
        }) => show::run(&cli, id, width, json),
        Some(Command::Search {
            ref query,
            limit,
            json,
        }) => search::run(&cli, query, limit, json),
        Some(Command::GenCorpus {
            count,
            ref out,
            seed,
            force,
        }) => gen_corpus::run(out, count, seed, force),
        Some(Command::Compare {
            ref id,
            width,
            ref witnesses,
            format,
        }) => compare::run(&cli, id, width, witnesses.as_deref(), format),
        Some(Command::Screenshots { ref out }) => screenshots::run(&cli, out),
        Some(Command::Completions { shell }) => completions::run(shell),
        Some(Command::Config { default }) => config::run(&cli, default),
        Some(Command::Man) => man::run(),
        Some(Command::Check { dir, ref source }) => {
            check::run(dir.or(cli.corpus.clone()).as_ref(), source.as_deref())
        }
        Some(Command::Export {
            format,
            ref id,
            ref url,
            ref date,
            licence,
        }) => export::run(
            &cli,
            format,
            id.as_deref(),
            url.as_deref(),
            date.as_deref(),
            licence,
        ),
        None => {
            let open = cli.open.clone();
            reader::run(&cli, open.as_deref())
        }
    }
}
