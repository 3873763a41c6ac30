//! The command line: arguments (clap), loading the corpus before anything
//! else, and the non-interactive subcommands. Exit codes: 0 success, 1 a
//! problem with the input (bad corpus, unknown id), 2 a usage error.
//!
//! Every command returns `Result<(), CliError>`; `run` alone prints the
//! error and turns it into the exit code.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};
use ratatui::layout::Size;

use crate::app::App;
use crate::corpus::{Corpus, Report, Telegram};
use crate::export;
use crate::keymap::Keymap;
use crate::output;
use crate::tui;
use crate::ui::theme::Theme;

const EXAMPLES: &str = "\
Examples:
  shifr                                  open the reader on the bundled corpus
  shifr open 1950-10-02-mao-stalin       open the reader on one telegram
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

    /// Use this keymap file over the defaults (else $XDG_CONFIG_HOME/shifr/keymap.toml)
    #[arg(long, global = true, value_name = "FILE")]
    pub keymap: Option<PathBuf>,

    /// Keep your notes in FILE (default: $XDG_DATA_HOME/shifr/notes.toml)
    #[arg(long, global = true, value_name = "FILE")]
    pub notes: Option<PathBuf>,

    /// Open the reader with this telegram selected and shown
    #[arg(long, value_name = "ID")]
    pub open: Option<String>,

    /// Measure start-up to first frame (off-screen, 120x40) and exit
    #[arg(long)]
    pub bench_startup: bool,

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
    /// List telegrams (id, date, correspondents, title), in date order
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
    /// Print a citation of a telegram (Chicago-style note, or BibTeX)
    #[command(
        after_help = "Examples:\n  shifr cite 1950-10-02-mao-stalin\n  shifr cite 1950-10-02-mao-stalin --style bibtex >> refs.bib"
    )]
    Cite {
        /// The telegram id
        id: String,
        /// Citation style
        #[arg(long, value_enum, default_value_t = CiteStyle::Chicago)]
        style: CiteStyle,
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
        /// The directory to write (created if missing)
        #[arg(long)]
        out: PathBuf,
        /// Seed for the generator (the same seed gives the same corpus)
        #[arg(long, default_value_t = 1950)]
        seed: u64,
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
    /// Validate a corpus and report every problem with file:line:column
    #[command(after_help = "Examples:\n  shifr check\n  shifr check my-corpus/")]
    Check {
        /// The corpus directory (default: --corpus, else the bundled corpus)
        dir: Option<PathBuf>,
    },
    /// Write the corpus to standard output in another format
    #[command(
        after_help = "Every export is deterministic: the same corpus gives the same bytes.\n\nExamples:\n  shifr export --format json > corpus.json\n  shifr export --format cmif | xmllint --noout -\n  shifr export --format cmif --url https://example.org/shifr.xml --date 2026-11-27 > shifr-cmif.xml\n  shifr export --format markdown > dossier.md"
    )]
    Export {
        /// Output format
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
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
    /// A BibTeX @misc entry
    Bibtex,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareFormat {
    /// Columns side by side (stacked below 100 columns), for reading and citing
    Text,
    /// The aligned rows as JSON
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// The whole corpus as one JSON document
    Json,
    /// Correspondence metadata as TEI XML (CMIF, for correspSearch)
    Cmif,
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

/// Prints to stderr; a closed stderr is ignored rather than a panic.
pub fn eprint(msg: &str) {
    let _ = writeln!(std::io::stderr(), "{msg}");
}

/// Why a command failed: the whole message for stderr and the exit code.
/// Commands return it with `?`; only `run` prints it.
#[derive(Debug)]
pub struct CliError {
    code: i32,
    message: String,
}

impl CliError {
    /// Exit code 1: the input (a bad corpus, an unknown id) or the
    /// environment (an unwritable file, the terminal) let the command down.
    pub fn fail(message: impl Into<String>) -> Self {
        CliError {
            code: 1,
            message: message.into(),
        }
    }

    /// Exit code 2: the command line asks for something that cannot be done.
    pub fn usage(message: impl Into<String>) -> Self {
        CliError {
            code: 2,
            message: message.into(),
        }
    }

    /// The exit code.
    pub fn code(&self) -> i32 {
        self.code
    }

    /// What to print on stderr.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// A corpus that did not load: its report is the message.
impl From<Report> for CliError {
    fn from(report: Report) -> Self {
        CliError::fail(report.to_string())
    }
}

/// Loads the corpus named by `--corpus`, or the bundled one; its problems
/// are the error.
pub fn load_corpus(dir: Option<&PathBuf>) -> Result<Corpus, CliError> {
    let loaded = match dir {
        Some(d) => Corpus::load_dir(d),
        None => Corpus::embedded(),
    };
    loaded.map_err(CliError::from)
}

/// The telegram with this id; if there is none, an error naming the
/// nearest ids.
fn find<'a>(corpus: &'a Corpus, id: &str) -> Result<&'a Telegram, CliError> {
    corpus.telegram(id).ok_or_else(|| {
        CliError::fail(format!(
            "shifr: {}",
            crate::app::unknown_telegram(corpus, id)
        ))
    })
}

/// Writes `text` to stdout. A closed pipe is success (see `output`); any
/// other failure to write is an error.
fn print(text: &str) -> Result<(), CliError> {
    output::print(text).map_err(cannot_write)
}

/// `print` with a trailing newline.
fn println(text: &str) -> Result<(), CliError> {
    output::println(text).map_err(cannot_write)
}

fn cannot_write(e: std::io::Error) -> CliError {
    CliError::fail(format!("shifr: cannot write output: {e}"))
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

/// Loads the keymap, reporting problems before the terminal is touched.
fn load_keymap(path: Option<&PathBuf>) -> Result<Keymap, CliError> {
    Keymap::load(path.map(PathBuf::as_path)).map_err(|e| {
        CliError::fail(format!(
            "{e}\nshifr: the keymap has problems; nothing was started"
        ))
    })
}

/// The reader, after the corpus and keymap have loaded.
fn reader(cli: &Cli, open: Option<&str>) -> Result<(), CliError> {
    let corpus = Arc::new(load_corpus(cli.corpus.as_ref())?);
    let keymap = load_keymap(cli.keymap.as_ref())?;
    if let Some(id) = open {
        find(&corpus, id)?;
    }
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(CliError::usage(
            "shifr: the reader needs a terminal. For output to pipe or save, use a subcommand, e.g.\n  shifr list\n  shifr show ID\n  shifr search QUERY\n  shifr compare ID\n  shifr export --format json\n  shifr check\nSee shifr --help.",
        ));
    }
    let mut app = App::new(corpus, keymap, Theme::from_env(), Size::new(80, 24));
    app.keymap_file = cli
        .keymap
        .clone()
        .or_else(crate::keymap::user_keymap_path)
        .map(|p| p.display().to_string());
    app.store = open_notes(cli);
    app.external_editor = std::env::var("VISUAL")
        .ok()
        .or_else(|| std::env::var("EDITOR").ok())
        .filter(|e| !e.trim().is_empty());
    if let Some(why) = &app.store.read_only {
        app.flash = Some(format!("notes: {why}"));
    } else {
        let orphans = app.store.notes.orphans(&app.corpus).count();
        if orphans > 0 {
            app.flash = Some(format!(
                "{orphans} of your notes are on telegrams this corpus lacks: shifr notes export lists them"
            ));
        }
    }
    if let Some(id) = open {
        // Known to exist: checked above.
        let _ = app.open_id(id);
    }
    match tui::run(&mut app) {
        Ok(tui::Exit::Quit) => Ok(()),
        Err(e) => {
            tui::restore();
            Err(CliError::fail(format!("shifr: terminal error: {e}")))
        }
    }
}

/// The notes file named by `--notes`, or the default one.
fn open_notes(cli: &Cli) -> crate::notes::store::Store {
    use crate::notes::store::{Store, default_path};
    match cli.notes.clone().or_else(default_path) {
        Some(p) => Store::open(p),
        None => Store::nowhere("no place for notes: set --notes FILE, XDG_DATA_HOME or HOME"),
    }
}

/// `shifr notes export`: the reader's notes with the citation of each
/// telegram, orphaned notes last.
fn notes_export(cli: &Cli, format: NotesFormat) -> Result<(), CliError> {
    let corpus = load_corpus(cli.corpus.as_ref())?;
    let store = open_notes(cli);
    if let Some(why) = &store.read_only
        && store.notes.notes.is_empty()
        && store.path.exists()
    {
        return Err(CliError::fail(format!("shifr: {why}")));
    }
    let notes = &store.notes;
    let mut out = String::new();
    match format {
        NotesFormat::Markdown => {
            out.push_str("# My notes\n\n");
            if notes.notes.is_empty() {
                out.push_str("No notes yet.\n");
            }
            for t in &corpus.telegrams {
                let mine: Vec<_> = notes.on(&t.id).collect();
                if mine.is_empty() {
                    continue;
                }
                out.push_str(&format!(
                    "## {} — {}\n\n{}\n\n",
                    t.date.long(),
                    t.title,
                    export::cite::chicago(&corpus, t)
                ));
                for n in mine {
                    let about = n
                        .align
                        .as_ref()
                        .map(|a| format!(" (§ {a})"))
                        .unwrap_or_default();
                    out.push_str(&format!(
                        "- {}{about}, written {}{}:\n\n",
                        n.id,
                        n.created,
                        n.edited
                            .as_ref()
                            .map(|e| format!(", edited {e}"))
                            .unwrap_or_default()
                    ));
                    for line in n.text.lines() {
                        out.push_str(&format!("  > {line}\n"));
                    }
                    out.push('\n');
                }
            }
            let orphans: Vec<_> = notes.orphans(&corpus).collect();
            if !orphans.is_empty() {
                out.push_str("## Orphaned notes\n\nThese notes belong to telegrams this corpus does not have. They are kept.\n\n");
                for n in orphans {
                    out.push_str(&format!(
                        "- on `{}`, written {}:\n\n",
                        n.telegram, n.created
                    ));
                    for line in n.text.lines() {
                        out.push_str(&format!("  > {line}\n"));
                    }
                    out.push('\n');
                }
            }
        }
        NotesFormat::Json => {
            let v: Vec<serde_json::Value> = notes
                .notes
                .iter()
                .map(|n| {
                    let t = corpus.telegram(&n.telegram);
                    serde_json::json!({
                        "id": n.id,
                        "telegram": n.telegram,
                        "align": n.align,
                        "text": n.text,
                        "created": n.created,
                        "edited": n.edited,
                        "orphaned": t.is_none(),
                        "citation": t.map(|t| export::cite::chicago(&corpus, t)),
                    })
                })
                .collect();
            out = serde_json::to_string_pretty(&v).expect("JSON");
            out.push('\n');
        }
    }
    print(&out)
}

/// `--bench-startup`: corpus load, keymap, state and first frame, timed.
fn bench_startup(cli: &Cli) -> Result<(), CliError> {
    // Up to 50 runs, or as many as fit in about ten seconds (large corpora).
    let budget = std::time::Duration::from_secs(10);
    let started = Instant::now();
    let mut totals = Vec::new();
    let mut parts: Vec<[f64; 5]> = Vec::new();
    while totals.len() < 50 && (totals.len() < 3 || started.elapsed() < budget) {
        let t0 = Instant::now();
        let corpus = Arc::new(load_corpus(cli.corpus.as_ref())?);
        let t1 = Instant::now();
        let keymap = load_keymap(cli.keymap.as_ref())?;
        let t2 = Instant::now();
        let mut app = App::new(
            Arc::clone(&corpus),
            keymap,
            Theme::from_env(),
            Size::new(120, 40),
        );
        app.resize(120, 40);
        let t3 = Instant::now();
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40))
            .expect("test backend");
        let _ = terminal.draw(|f| crate::ui::render(&app, f));
        let t4 = Instant::now();
        // The reader builds the search index on its own thread after this.
        let index = crate::search::index_corpus(&corpus);
        let t5 = Instant::now();
        drop(index);
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        parts.push([
            ms(t1 - t0),
            ms(t2 - t1),
            ms(t3 - t2),
            ms(t4 - t3),
            ms(t5 - t4),
        ]);
        totals.push(ms(t4 - t0));
    }
    let runs = totals.len();
    let median = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    let p95 = {
        let mut v = totals.clone();
        v.sort_by(|a, b| a.total_cmp(b));
        v[(runs - 1) * 95 / 100]
    };
    let med = median(&mut totals.clone());
    let part = |k: usize| median(&mut parts.iter().map(|p| p[k]).collect());
    let n = load_corpus(cli.corpus.as_ref())
        .map(|c| c.telegrams.len())
        .unwrap_or(0);
    println(&format!(
        "start-up to first frame ({n} telegrams, {runs} runs, 120x40 off-screen): median {med:.2} ms, p95 {p95:.2} ms\n  medians: corpus {:.2} ms · keymap {:.2} ms · state {:.2} ms · first frame {:.2} ms\n  then, on the search thread: index {:.2} ms (search ready at {:.2} ms)",
        part(0),
        part(1),
        part(2),
        part(3),
        part(4),
        med + part(4)
    ))
}

/// `shifr compare`.
fn compare(
    cli: &Cli,
    id: &str,
    width: Option<usize>,
    witnesses: Option<&[String]>,
    format: CompareFormat,
) -> Result<(), CliError> {
    let corpus = load_corpus(cli.corpus.as_ref())?;
    let t = find(&corpus, id)?;
    if t.witnesses.len() < 2 {
        return Err(CliError::fail(format!(
            "shifr: telegram '{id}' has one version only: nothing to compare"
        )));
    }
    let ids: Vec<&str> = t.witnesses.iter().map(|w| w.id.as_str()).collect();
    let (a, b) = match witnesses {
        None => (0, 1),
        Some(list) => {
            let find = |w: &str| ids.iter().position(|x| *x == w);
            match list {
                [x, y] if x != y => match (find(x), find(y)) {
                    (Some(a), Some(b)) => (a, b),
                    _ => {
                        let bad = if find(x).is_none() { x } else { y };
                        return Err(CliError::fail(format!(
                            "shifr: telegram '{id}' has no witness '{bad}': its witnesses are {}",
                            ids.join(", ")
                        )));
                    }
                },
                _ => {
                    return Err(CliError::usage(format!(
                        "shifr: --witnesses takes two different witness ids, e.g. --witnesses {}",
                        ids.join(",")
                    )));
                }
            }
        }
    };
    let text = match format {
        CompareFormat::Json => {
            let mut s =
                serde_json::to_string_pretty(&crate::compare::export::to_json(&corpus, t, a, b))
                    .expect("JSON");
            s.push('\n');
            s
        }
        CompareFormat::Text => {
            if let Some(w) = width.filter(|w| *w < 20) {
                return Err(CliError::usage(format!(
                    "shifr: --width {w} is too narrow: expected 20 columns or more"
                )));
            }
            let width = width
                .or_else(|| {
                    crossterm::terminal::size()
                        .ok()
                        .filter(|_| std::io::stdout().is_terminal())
                        .map(|(w, _)| w as usize)
                })
                .unwrap_or(120)
                .clamp(20, 1000);
            crate::ui::compare::plain_text(&corpus, t, a, b, width)
        }
    };
    print(&text)
}

/// A person by id, name or alias (any case), or a clear error.
fn person_arg(corpus: &Corpus, who: &str) -> Result<String, CliError> {
    let w = who.to_lowercase();
    let found = corpus.people.iter().find(|p| {
        p.id == w
            || p.name.to_lowercase() == w
            || p.full_name
                .as_deref()
                .is_some_and(|f| f.to_lowercase() == w)
            || p.aliases.iter().any(|a| a.to_lowercase() == w)
    });
    match found {
        Some(p) => Ok(p.id.clone()),
        None => {
            let hint = crate::corpus::nearest::did_you_mean(
                who,
                corpus.people.iter().map(|p| p.id.as_str()),
            );
            Err(CliError::fail(format!("shifr: no person '{who}'{hint}")))
        }
    }
}

/// `shifr list`.
fn list(cli: &Cli, from: Option<&str>, to: Option<&str>, json: bool) -> Result<(), CliError> {
    let corpus = load_corpus(cli.corpus.as_ref())?;
    let from = from.map(|p| person_arg(&corpus, p)).transpose()?;
    let to = to.map(|p| person_arg(&corpus, p)).transpose()?;
    let shown: Vec<_> = corpus
        .telegrams
        .iter()
        .filter(|t| {
            from.as_ref().is_none_or(|p| t.from.contains(p))
                && to.as_ref().is_none_or(|p| t.to.contains(p))
        })
        .collect();
    let text = if json {
        let v: Vec<serde_json::Value> = shown.iter().map(|t| export::json::telegram(t)).collect();
        let mut s = serde_json::to_string_pretty(&v).expect("JSON");
        s.push('\n');
        s
    } else {
        let id_w = shown.iter().map(|t| t.id.len()).max().unwrap_or(0);
        shown
            .iter()
            .map(|t| {
                let (status, versions) = crate::ui::list::marks(t);
                format!(
                    "{:<id_w$}  {}{}  {} · {}\n",
                    t.id,
                    status,
                    versions,
                    corpus.chain(t),
                    t.title
                )
            })
            .collect()
    };
    print(&text)
}

/// `shifr show`.
fn show(cli: &Cli, id: &str, width: Option<usize>, json: bool) -> Result<(), CliError> {
    let corpus = load_corpus(cli.corpus.as_ref())?;
    let t = find(&corpus, id)?;
    if json {
        let mut s = serde_json::to_string_pretty(&export::json::telegram(t)).expect("JSON");
        s.push('\n');
        return print(&s);
    }
    let width = width
        .or_else(|| {
            crossterm::terminal::size()
                .ok()
                .filter(|_| std::io::stdout().is_terminal())
                .map(|(w, _)| w as usize)
        })
        .unwrap_or(80)
        .clamp(20, 1000);
    let theme = Theme::plain();
    let text = |lines: &[ratatui::text::Line]| -> String {
        lines
            .iter()
            .map(|l| {
                l.spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>()
                    .trim_end()
                    .to_string()
                    + "\n"
            })
            .collect()
    };
    let mut out = text(
        &crate::ui::message::build(&corpus, t, &theme, width, None, None, &Default::default())
            .lines,
    );
    if !t.notes.is_empty() {
        out.push_str(&format!("\n{}\nNotes\n\n", "─".repeat(width)));
        out.push_str(&text(
            &crate::ui::annotations::build(
                &corpus,
                t,
                &Default::default(),
                &theme,
                width,
                None,
                false,
            )
            .lines,
        ));
    }
    print(&out)
}

/// `shifr search`.
fn search(cli: &Cli, query: &str, limit: usize, json: bool) -> Result<(), CliError> {
    let corpus = load_corpus(cli.corpus.as_ref())?;
    let q = crate::search::parse(query)
        .map_err(|e| CliError::usage(format!("shifr: bad query: {e}")))?;
    let index = crate::search::index_corpus(&corpus);
    let hits = index.search(&q);
    let shown: Vec<_> = hits.iter().take(limit).collect();
    let text = if json {
        let rows: Vec<serde_json::Value> = shown
            .iter()
            .map(|h| {
                let t = &corpus.telegrams[h.record as usize];
                let fields = crate::search::document::fields(&corpus, t);
                let snip = crate::search::snippet::snippet(&q, &fields, 100);
                serde_json::json!({
                    "id": t.id,
                    "score": h.score,
                    "date": t.date.to_string(),
                    "from": t.from,
                    "to": t.to,
                    "title": t.title,
                    "field": snip.as_ref().map(|s| s.kind.label()),
                    "snippet": snip.as_ref().map(|s| s.text.clone()),
                })
            })
            .collect();
        let mut s = serde_json::to_string_pretty(
            &serde_json::json!({"query": query, "total": hits.len(), "hits": rows}),
        )
        .expect("JSON");
        s.push('\n');
        s
    } else {
        let mut s = String::new();
        for h in &shown {
            let t = &corpus.telegrams[h.record as usize];
            let fields = crate::search::document::fields(&corpus, t);
            let snip = crate::search::snippet::snippet(&q, &fields, 90);
            s.push_str(&format!(
                "{:<24} {:>5}  {} · {}\n",
                t.id,
                h.score,
                corpus.chain(t),
                t.title
            ));
            if let Some(sn) = snip {
                s.push_str(&format!("{:<31}{}: {}\n", "", sn.kind.label(), sn.text));
            }
        }
        s.push_str(&format!("{} of {} hits\n", shown.len(), hits.len()));
        s
    };
    print(&text)
}

/// `shifr cite`.
fn cite(cli: &Cli, id: &str, style: CiteStyle) -> Result<(), CliError> {
    let corpus = load_corpus(cli.corpus.as_ref())?;
    let t = find(&corpus, id)?;
    let text = match style {
        CiteStyle::Chicago => format!("{}\n", export::cite::chicago(&corpus, t)),
        CiteStyle::Bibtex => export::cite::bibtex(&corpus, t),
    };
    print(&text)
}

/// `shifr gen-corpus`.
fn gen_corpus(out: &Path, count: usize, seed: u64) -> Result<(), CliError> {
    let c = crate::corpus::synth::write(out, count, seed)
        .map_err(|e| CliError::fail(format!("shifr: cannot write {}: {e}", out.display())))?;
    println(&format!(
        "wrote {} telegrams to {}",
        c.telegrams.len(),
        out.display()
    ))
}

/// `shifr screenshots`.
fn screenshots(cli: &Cli, out: &Path) -> Result<(), CliError> {
    let corpus = Arc::new(load_corpus(cli.corpus.as_ref())?);
    let files = crate::screenshots::write_all(&corpus, out)
        .map_err(|e| CliError::fail(format!("shifr: {e}")))?;
    println(&format!(
        "wrote {} screens ({} files) to {}",
        files.len() / 2,
        files.len(),
        out.display()
    ))
}

/// `shifr completions`.
fn completions(shell: clap_complete::Shell) -> Result<(), CliError> {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "shifr", &mut out);
    print(&String::from_utf8_lossy(&out))
}

/// `shifr check`.
fn check(dir: Option<&PathBuf>) -> Result<(), CliError> {
    let c = load_corpus(dir)?;
    println(&format!("ok: {}", c.summary()))
}

/// `shifr export`.
fn export(
    cli: &Cli,
    format: ExportFormat,
    url: Option<&str>,
    date: Option<&str>,
    licence: Licence,
) -> Result<(), CliError> {
    if let Some(d) = date
        && (d.len() != 10 || crate::corpus::Date::parse(d).map_or(true, |p| !p.is_full()))
    {
        return Err(CliError::usage(format!(
            "shifr: --date wants a day as YYYY-MM-DD, not '{d}'"
        )));
    }
    if let Some(u) = url
        && (!(u.starts_with("https://") || u.starts_with("http://"))
            || u.chars().any(char::is_whitespace))
    {
        return Err(CliError::usage(format!(
            "shifr: --url wants the http(s) address the file will be published at, not '{u}'"
        )));
    }
    let corpus = load_corpus(cli.corpus.as_ref())?;
    let text = match format {
        ExportFormat::Json => export::json::to_string(&corpus),
        ExportFormat::Cmif => {
            let mut opts = export::cmif::Options::default();
            match url {
                Some(u) => opts.url = u.to_string(),
                None => eprint(&format!(
                    "shifr: note: no --url: publicationStmt/idno is the placeholder {}; correspSearch needs the file's own http(s) address",
                    opts.url
                )),
            }
            if let Some(d) = date {
                opts.date = d.to_string();
            }
            opts.cc0 = licence == Licence::Cc0;
            export::cmif::to_string(&corpus, &opts)
        }
        ExportFormat::Markdown => export::dossier::to_string(&corpus),
    };
    print(&text)
}

/// Runs the parsed command line; returns the exit code. The one place where
/// a command's error is printed.
pub fn run(cli: Cli) -> i32 {
    match dispatch(cli) {
        Ok(()) => 0,
        Err(e) => {
            eprint(e.message());
            e.code()
        }
    }
}

/// The command the arguments name.
fn dispatch(cli: Cli) -> Result<(), CliError> {
    if cli.bench_startup {
        return bench_startup(&cli);
    }
    match cli.command {
        Some(Command::Open { ref id }) => {
            let id = id.clone();
            reader(&cli, Some(&id))
        }
        Some(Command::Cite { ref id, style }) => cite(&cli, id, style),
        Some(Command::Notes {
            command: NotesCommand::Export { format },
        }) => notes_export(&cli, format),
        Some(Command::List {
            ref from,
            ref to,
            json,
        }) => list(&cli, from.as_deref(), to.as_deref(), json),
        Some(Command::Show {
            ref id,
            width,
            json,
        }) => show(&cli, id, width, json),
        Some(Command::Search {
            ref query,
            limit,
            json,
        }) => search(&cli, query, limit, json),
        Some(Command::GenCorpus {
            count,
            ref out,
            seed,
        }) => gen_corpus(out, count, seed),
        Some(Command::Compare {
            ref id,
            width,
            ref witnesses,
            format,
        }) => compare(&cli, id, width, witnesses.as_deref(), format),
        Some(Command::Screenshots { ref out }) => screenshots(&cli, out),
        Some(Command::Completions { shell }) => completions(shell),
        Some(Command::Check { dir }) => check(dir.or(cli.corpus).as_ref()),
        Some(Command::Export {
            format,
            ref url,
            ref date,
            licence,
        }) => export(&cli, format, url.as_deref(), date.as_deref(), licence),
        None => {
            let open = cli.open.clone();
            reader(&cli, open.as_deref())
        }
    }
}
