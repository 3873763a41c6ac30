//! The information model: people, scholars and their works, events, and
//! telegrams with their witnesses, passages and notes. These are the checked,
//! cross-referenced values the rest of shifr reads; the TOML shapes they are
//! loaded from live in `load.rs`.

use super::body::Counted;
use super::date::{Certainty, Date, Time};

/// Which side of the war a record belongs to. US-side records are kept apart.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Side {
    #[default]
    SinoSoviet,
    Us,
}

impl Side {
    pub const ALL: [(&'static str, Side); 2] =
        [("sino-soviet", Side::SinoSoviet), ("us", Side::Us)];
}

/// A correspondent, or a group addressed as one.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Person {
    pub id: String,
    /// What lists show: "Mao", "Roshchin".
    pub name: String,
    pub full_name: Option<String>,
    /// The role as the source paper gives it.
    pub role: Option<String>,
    /// Spelling variants and names in native script.
    pub aliases: Vec<String>,
    pub group: bool,
    /// One of the correspondence's principals (Stalin, Mao, Zhou, Kim and
    /// the two Soviet ambassadors): listed first, in the file's order, in
    /// the timeline's lanes and the matrix.
    pub principal: bool,
    pub side: Side,
    /// Where the paper is vague or inconsistent about the person.
    pub note: Option<String>,
}

impl Person {
    pub fn full(&self) -> &str {
        self.full_name.as_deref().unwrap_or(&self.name)
    }

    /// The name in the person's own script: the first alias written in
    /// Cyrillic, Chinese characters or Hangul ("Рощин", "毛泽东", "김일성").
    pub fn native(&self) -> Option<&str> {
        let native = |c: char| matches!(c, '\u{0400}'..='\u{04FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}');
        self.aliases
            .iter()
            .map(String::as_str)
            .find(|a| a.chars().any(native))
    }
}

/// Someone a note is by: a historian, the paper's author, or the editors.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Scholar {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub about: Option<String>,
}

/// A bibliography entry, as the source paper's footnotes give it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Work {
    pub id: String,
    pub by: Vec<String>,
    pub short: String,
    pub citation: String,
    pub footnotes: Vec<u32>,
    pub note: Option<String>,
}

/// Another date the paper gives for an event.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Conflict {
    pub date: Date,
    pub place: String,
}

/// A point in the paper's chronology.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Event {
    pub id: String,
    pub date: Date,
    pub certainty: Certainty,
    pub label: String,
    pub short: String,
    /// Key events are the ones a telegram's header counts days from.
    pub key: bool,
    pub footnotes: Vec<u32>,
    pub note: Option<String>,
    pub conflicts: Vec<Conflict>,
}

macro_rules! named_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal / $label:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($variant),+ }
        impl $name {
            /// Every value with the name the corpus files use for it.
            pub const ALL: &'static [(&'static str, $name)] = &[$(($text, $name::$variant)),+];
            /// The name the corpus files use.
            pub fn name(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            /// How a reader sees it.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }
    };
}

named_enum! {
    /// The form a message took.
    Kind {
        CipheredTelegram = "ciphered-telegram" / "ciphered telegram",
        Telegram = "telegram" / "telegram",
        Cable = "cable" / "cable",
        Letter = "letter" / "letter",
        HandwrittenNote = "handwritten-note" / "handwritten note",
        Order = "order" / "order",
        Instruction = "instruction" / "instruction",
        Directive = "directive" / "directive",
        Memorandum = "memorandum" / "memorandum",
        Message = "message" / "message (form not stated)",
        TelephoneCall = "telephone-call" / "telephone call",
    }
}

named_enum! {
    /// What is known of a message's text: extant, reported only, its
    /// versions conflict (they say different things, each held genuine: 2
    /// October), or its existence is disputed (11 October Stalin–Zhou).
    Status {
        Extant = "extant" / "extant: published text",
        Reported = "reported" / "reported: known only from accounts",
        Conflict = "conflict" / "versions conflict",
        Disputed = "disputed" / "existence disputed",
    }
}

named_enum! {
    /// How much of a version the paper gives: an excerpt (it quotes or
    /// summarises parts), or the whole text.
    Extent {
        Excerpt = "excerpt" / "the paper's excerpt",
        Full = "full" / "the full text",
    }
}

// named_enum! defines the enum, so #[default] cannot be put on a variant.
#[allow(clippy::derivable_impls)]
impl Default for Extent {
    fn default() -> Extent {
        Extent::Full
    }
}

named_enum! {
    /// The standing of one version of a text.
    WitnessStatus {
        Sent = "sent" / "sent",
        Received = "received" / "received",
        Draft = "draft" / "draft",
    }
}

named_enum! {
    /// Whether a passage is the message's own words or an editor's paraphrase.
    PassageKind {
        Quote = "quote" / "quote",
        Summary = "summary" / "summary",
    }
}

named_enum! {
    /// How a passage stands to its counterpart in another witness.
    Relation {
        Matches = "matches" / "matches",
        Differs = "differs" / "differs",
        Softens = "softens" / "softens",
        Contradicts = "contradicts" / "contradicts",
    }
}

named_enum! {
    /// Where a scholar stands in the "trigger vs. justification" debate.
    Stance {
        Trigger = "trigger" / "trigger",
        Justification = "justification" / "justification",
        Other = "other" / "other",
    }
}

/// A stretch of a witness's text.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Passage {
    pub kind: PassageKind,
    /// Passages of different witnesses with the same key are counterparts.
    pub align: String,
    pub text: String,
    pub relation: Option<Relation>,
    pub cite: Vec<u32>,
}

/// One version of a telegram's text.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Witness {
    pub id: String,
    pub label: String,
    /// Language of this version (ISO 639-1: "ru", "zh"); the passages hold the
    /// source paper's English.
    pub language: Option<String>,
    /// The language the passages are written in when it is not `language`:
    /// "en" where the source paper quotes the version in English translation.
    pub translation: Option<String>,
    /// The form this version took, where it differs from the telegram's
    /// (the Chinese text of 2 October is "a telegram", the Russian one a
    /// ciphered telegram).
    pub kind: Option<Kind>,
    pub date: Option<Date>,
    pub status: Option<WitnessStatus>,
    /// The paper's footnote whose own words give `status` (footnote 121:
    /// "Draft Ciphered Telegram…"). Citations state the status only then:
    /// a status without it is the editors' reading.
    pub status_footnote: Option<u32>,
    pub status_note: Option<String>,
    pub archive: Option<String>,
    pub published: Option<String>,
    pub footnotes: Vec<u32>,
    pub passages: Vec<Passage>,
    /// Made from a telegram's top-level `[[passage]]`s: the text as the paper
    /// gives it, with no provenance of its own.
    pub implicit: bool,
    /// How much of this version the paper gives. A claim missing from an
    /// excerpt is not known to be missing from the version.
    pub extent: Extent,
}

/// A scholar's (or the editors') comment on a telegram.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Note {
    pub by: String,
    pub stance: Option<Stance>,
    pub text: String,
    pub cite: Vec<u32>,
    /// The align key of the passage the note speaks to.
    pub anchor: Option<String>,
    /// The version (a witness id) the note speaks of, where the paper says
    /// (Chen speaks of the Chinese text): selecting the note marks that
    /// version's passage only. Without it, a note speaks to the passage in
    /// every version.
    pub witness: Option<String>,
}

/// When a message arrived, where the paper says.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Received {
    pub date: Date,
    pub time: Option<Time>,
}

/// The versions of a telegram's text and the notes on it.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Body {
    pub witnesses: Vec<Witness>,
    pub notes: Vec<Note>,
}

impl Counted for Body {
    fn count(&self) -> usize {
        self.witnesses.len()
    }
}

/// A telegram's body, decoded when first read (see `body.rs`).
pub type Lazy = super::body::Lazy<Body>;

/// One message.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Telegram {
    pub id: String,
    pub date: Date,
    pub time: Option<Time>,
    /// Order among messages of the same day, where the paper gives one.
    pub seq: u32,
    pub certainty: Certainty,
    pub received: Option<Received>,
    pub from: Vec<String>,
    pub to: Vec<String>,
    /// The ambassadors or channels that conveyed it, in order.
    pub via: Vec<String>,
    /// The people in `via` carried it together (two envoys), not in turn.
    pub via_together: bool,
    pub kind: Kind,
    pub status: Status,
    pub side: Side,
    pub title: String,
    pub archive: Option<String>,
    pub published: Option<String>,
    pub footnotes: Vec<u32>,
    /// Says it comes from the source paper (`in_paper = true`), though it
    /// cites none of the paper's footnotes. See [`Telegram::from_paper`].
    pub in_paper: bool,
    /// Its versions and the notes on it, decoded when first read (see
    /// `body.rs`); written to the start-up cache apart from the rest.
    #[serde(skip)]
    pub body: Lazy,
    /// The corpus file it came from, relative to the corpus's parent. Not
    /// kept in the start-up cache, which names the file itself.
    #[serde(skip)]
    pub file: String,
}

impl Telegram {
    /// The versions of its text.
    pub fn witnesses(&self) -> &[Witness] {
        &self.body.get().witnesses
    }

    /// The scholars' (and the editors') notes on it.
    pub fn notes(&self) -> &[Note] {
        &self.body.get().notes
    }

    /// Its date as a reader sees it: "2 October 1950, 03:20", with
    /// "(inferred)" and the like where the date is not exact.
    pub fn date_line(&self) -> String {
        let mut s = self.date.long();
        if let Some(time) = self.time {
            s.push_str(&format!(", {time}"));
        }
        if self.certainty != Certainty::Exact {
            s.push_str(&format!(" ({})", self.certainty.marker()));
        }
        s
    }

    /// Whether the record comes from the source paper: it rests on one of
    /// the paper's footnotes (itself, a version or a passage; a note's
    /// footnote is the note's, not the record's), or says so
    /// (`in_paper`). A record of the reader's own does neither, and its
    /// citation names only where the document is kept and published.
    pub fn from_paper(&self) -> bool {
        self.in_paper
            || !self.footnotes.is_empty()
            || self
                .witnesses()
                .iter()
                .any(|w| !w.footnotes.is_empty() || w.passages.iter().any(|p| !p.cite.is_empty()))
    }

    /// Every footnote the record cites — its own, its versions', their
    /// passages', its notes' — each once, in number order.
    pub fn cited_footnotes(&self) -> Vec<u32> {
        let mut v: Vec<u32> = self.footnotes.clone();
        for w in self.witnesses() {
            v.extend(&w.footnotes);
            for p in &w.passages {
                v.extend(&p.cite);
            }
        }
        for n in self.notes() {
            v.extend(&n.cite);
        }
        v.sort_unstable();
        v.dedup();
        v
    }
}

impl Witness {
    /// The passages in runs that share an align key: the units the reader
    /// labels, highlights and aligns.
    pub fn groups(&self) -> impl Iterator<Item = &[Passage]> {
        self.passages.chunk_by(|a, b| a.align == b.align)
    }

    /// The language the passages are written in, where known.
    pub fn text_language(&self) -> Option<&str> {
        self.translation.as_deref().or(self.language.as_deref())
    }
}

impl Telegram {
    /// Has more than one version of its text.
    pub fn is_multi_witness(&self) -> bool {
        self.body.witness_count() > 1
    }

    pub fn passages(&self) -> impl Iterator<Item = (&Witness, &Passage)> {
        self.witnesses()
            .iter()
            .flat_map(|w| w.passages.iter().map(move |p| (w, p)))
    }

    pub fn has_align_key(&self, key: &str) -> bool {
        self.passages().any(|(_, p)| p.align == key)
    }
}

/// Display name of a language code.
pub fn language_name(code: &str) -> &str {
    match code {
        "ru" => "Russian",
        "zh" => "Chinese",
        "en" => "English",
        "ko" => "Korean",
        other => other,
    }
}
