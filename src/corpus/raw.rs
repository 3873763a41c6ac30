//! The TOML shapes of the corpus files, exactly as written, with the source
//! span of every value a later check may need to point at. Unknown keys are
//! errors, so a misspelt field is reported rather than silently ignored.

use serde::Deserialize;
use toml::Spanned;

pub type S = Spanned<String>;

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PeopleFile {
    #[serde(default)]
    pub person: Vec<Person>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: S,
    pub name: S,
    pub full_name: Option<S>,
    pub role: Option<S>,
    #[serde(default)]
    pub aliases: Vec<S>,
    #[serde(default)]
    pub group: bool,
    #[serde(default)]
    pub principal: bool,
    pub side: Option<S>,
    pub note: Option<S>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SourcesFile {
    #[serde(default)]
    pub scholar: Vec<Scholar>,
    #[serde(default)]
    pub work: Vec<Work>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scholar {
    pub id: S,
    pub name: S,
    #[serde(default)]
    pub aliases: Vec<S>,
    pub about: Option<S>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Work {
    pub id: S,
    #[serde(default)]
    pub by: Vec<S>,
    pub short: S,
    pub citation: S,
    #[serde(default)]
    pub footnotes: Vec<Spanned<u32>>,
    pub note: Option<S>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct FootnotesFile {
    #[serde(default)]
    pub footnote: Vec<Footnote>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Footnote {
    pub number: Spanned<u32>,
    pub text: Option<S>,
    pub missing: Option<Spanned<bool>>,
    #[serde(default)]
    pub works: Vec<S>,
    pub note: Option<S>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct EventsFile {
    #[serde(default)]
    pub event: Vec<Event>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: S,
    pub date: S,
    pub date_certainty: Option<S>,
    pub label: S,
    pub short: Option<S>,
    #[serde(default)]
    pub key: bool,
    #[serde(default)]
    pub footnotes: Vec<Spanned<u32>>,
    pub note: Option<S>,
    #[serde(default)]
    pub conflict: Vec<Conflict>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    pub date: S,
    #[serde(rename = "where")]
    pub place: S,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Telegram {
    pub id: S,
    pub date: S,
    pub time: Option<S>,
    /// Order among messages of the same day, where the paper gives one.
    #[serde(default)]
    pub seq: u32,
    pub date_certainty: Option<S>,
    pub received: Option<Received>,
    pub from: Spanned<Vec<S>>,
    pub to: Spanned<Vec<S>>,
    #[serde(default)]
    pub via: Vec<S>,
    /// The people in `via` carried it together, not one after another.
    pub via_together: Option<Spanned<bool>>,
    pub kind: S,
    pub status: S,
    pub side: Option<S>,
    pub title: S,
    pub archive: Option<S>,
    pub published: Option<S>,
    /// Required, even if empty: every record says which footnotes it rests on.
    pub footnotes: Vec<Spanned<u32>>,
    /// The record comes from the source paper though it cites none of its
    /// footnotes (one the paper reports in a sentence without a footnote).
    pub in_paper: Option<Spanned<bool>>,
    #[serde(default)]
    pub witness: Vec<Witness>,
    #[serde(default)]
    pub passage: Vec<Passage>,
    #[serde(default)]
    pub note: Vec<Note>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Received {
    pub date: S,
    pub time: Option<S>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Witness {
    pub id: S,
    pub label: S,
    pub language: Option<S>,
    pub translation: Option<S>,
    /// The form of this version, where it differs from the telegram's.
    pub kind: Option<S>,
    pub date: Option<S>,
    pub status: Option<S>,
    /// "excerpt" (the paper gives parts) or "full"; full if not said.
    pub extent: Option<S>,
    /// The footnote whose words give the status ("Draft Ciphered Telegram").
    pub status_footnote: Option<Spanned<u32>>,
    pub status_note: Option<S>,
    pub archive: Option<S>,
    pub published: Option<S>,
    #[serde(default)]
    pub footnotes: Vec<Spanned<u32>>,
    #[serde(default)]
    pub passage: Vec<Passage>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Passage {
    pub kind: S,
    pub align: S,
    pub text: S,
    pub relation: Option<S>,
    #[serde(default)]
    pub cite: Vec<Spanned<u32>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub by: S,
    pub stance: Option<S>,
    pub text: S,
    #[serde(default)]
    pub cite: Vec<Spanned<u32>>,
    pub anchor: Option<S>,
    pub witness: Option<S>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct DebateFile {
    #[serde(default)]
    pub position: Vec<Position>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    pub id: S,
    pub scholars: Spanned<Vec<S>>,
    pub stance: S,
    pub trigger: Option<S>,
    pub claim: S,
    /// Required, even if empty: every position says which footnotes it rests on.
    pub footnotes: Vec<Spanned<u32>>,
    /// Required, even if empty, like `events`: the evidence is stated, not forgotten.
    pub telegrams: Vec<S>,
    pub events: Vec<S>,
    pub answer: Option<S>,
    #[serde(default)]
    pub answer_cite: Vec<Spanned<u32>>,
    pub note: Option<S>,
    #[serde(default)]
    pub quote: Vec<Quote>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// Always "quote": the key `verify-quotes` looks for.
    pub kind: S,
    pub text: S,
    #[serde(default)]
    pub cite: Vec<Spanned<u32>>,
}
