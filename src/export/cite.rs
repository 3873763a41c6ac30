//! Citations of a telegram as historians write them: a Chicago note (full,
//! or short for a second reference), a BibTeX entry, and the name and date
//! parts the CSL-JSON export shares. Each says what the document is (its
//! form, and its status where the paper's footnote gives one: footnote 121
//! calls the telegram of 4 October a draft), who sent it to whom and when,
//! where it is kept and published as the footnotes give it, and that it is
//! quoted (or cited) in the source paper, at which footnotes.
//!
//! The form follows the Chicago Manual of Style for a document seen only
//! through a secondary work: "…, quoted in [work], nn. 116–20." Ranges of
//! pages, folios and issues take an en dash ("listy 105–106"), runs of
//! footnotes are collapsed and abbreviated as CMOS abbreviates numbers
//! ("nn. 116–20"), a month-only date is just that ("August 1950"), a date
//! the editors worked out is in brackets ("[18 October 1950]") and one the
//! paper gives loosely has a question mark ("[7 July 1950?]").

use crate::corpus::{
    Certainty, Corpus, Date, Kind, PassageKind, Status, Telegram, Witness, WitnessStatus,
};

/// The source paper every record of the bundled corpus comes from.
pub const SOURCE_PAPER: &str = "“The Korean War June-October 1950: Inchon and Stalin in the ‘Trigger vs. Justification’ Debate”, IDSS Working Paper (Singapore: Institute of Defence and Strategic Studies, 2005)";

/// The `xml:id` of the source a record of the reader's own is given by in
/// TEI and CMIF (the paper's is `source-paper`).
pub const OWN_ID: &str = "own-records";

/// What TEI and CMIF say of records of the reader's own: records that cite
/// none of the paper's footnotes and do not say they come from it.
pub const OWN_RECORDS: &str = "Records added to this corpus by its reader, not from the paper: each is as the archive file or publication it names gives it";

/// The source paper's short title, for short notes.
pub const SOURCE_PAPER_SHORT: &str = "“The Korean War June-October 1950”";

pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A number range as CMOS 9.64 abbreviates its second number: 71–72,
/// 100–104, 101–8, 116–20, 321–28, 498–532, 1087–89.
pub fn cmos_range(a: u32, b: u32) -> String {
    if b <= a {
        return a.to_string();
    }
    let (sa, sb) = (a.to_string(), b.to_string());
    if a < 100 || a.is_multiple_of(100) || sa.len() != sb.len() {
        return format!("{sa}–{sb}");
    }
    // Keep the digits of b from the first that differs from a's; at least
    // one digit if a % 100 < 10, else at least two.
    let min = if a % 100 < 10 { 1 } else { 2 };
    let first_diff = sa
        .bytes()
        .zip(sb.bytes())
        .position(|(x, y)| x != y)
        .unwrap_or(sb.len() - 1);
    let keep = (sb.len() - first_diff).max(min);
    format!("{sa}–{}", &sb[sb.len() - keep..])
}

/// "n. 59", "nn. 116–20", "nn. 11–12, 109": the paper's footnotes, runs
/// collapsed; none for an empty list.
pub fn footnote_runs(f: &[u32]) -> Option<String> {
    let mut v: Vec<u32> = f.to_vec();
    v.sort_unstable();
    v.dedup();
    if v.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    let mut i = 0;
    while i < v.len() {
        let mut j = i;
        while j + 1 < v.len() && v[j + 1] == v[j] + 1 {
            j += 1;
        }
        parts.push(if j == i {
            v[i].to_string()
        } else {
            cmos_range(v[i], v[j])
        });
        i = j + 1;
    }
    let word = if v.len() == 1 { "n." } else { "nn." };
    Some(format!("{word} {}", parts.join(", ")))
}

/// Ranges given with a hyphen take an en dash: "listy 105-106" →
/// "listy 105–106", "Bulletin 6-7" → "Bulletin 6–7", "Winter 03-Spring 04" →
/// "Winter 03–Spring 04". Other hyphens stay ("Sino-Soviet", "059a").
pub fn en_dash_ranges(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let before = i > 0 && chars[i - 1].is_ascii_digit();
        let after_digit = chars.get(i + 1).is_some_and(char::is_ascii_digit);
        let rest: String = chars[i + 1..].iter().collect();
        let after_season = ["Spring", "Summer", "Fall", "Autumn", "Winter"]
            .iter()
            .any(|w| rest.starts_with(w));
        if c == '-' && before && (after_digit || after_season) {
            out.push('–');
        } else {
            out.push(c);
        }
    }
    out
}

/// A date as a note gives it: "2 October 1950", "August 1950", "[18 October
/// 1950]" (worked out by the editors), "[7 July 1950?]" (the paper's loose
/// date).
pub fn note_date(d: &Date, certainty: Certainty) -> String {
    match certainty {
        Certainty::Exact | Certainty::Month => d.long(),
        Certainty::Inferred => format!("[{}]", d.long()),
        Certainty::Approximate => format!("[{}?]", d.long()),
    }
}

/// How a person's name is ordered and split for BibTeX and CSL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameParts {
    /// A personal name: family and given (given may be empty), and whether
    /// the family name comes first (Chinese and Korean names: Mao Zedong,
    /// Kim Il Sung).
    Person {
        family: String,
        given: String,
        family_first: bool,
    },
    /// A body addressed as one (the CCP Politburo): one literal name.
    Literal(String),
}

/// The parts of a person's name, from the corpus as it stands: a group is
/// a literal; where the short name is the first word of the full name
/// ("Mao" of "Mao Zedong"), or the full name is the short name and the
/// person has a name in Chinese or Korean script (Kim Il Sung, Zhou
/// Enlai), the family name comes first; where it is the last word
/// ("Stalin" of "Josef Stalin", "Rhee" of "Syngman Rhee") it comes last.
pub fn name_parts(corpus: &Corpus, id: &str) -> NameParts {
    let Some(p) = corpus.person(id) else {
        return NameParts::Literal(id.to_string());
    };
    if p.group {
        let full = p.full();
        return NameParts::Literal(capitalised(full.strip_prefix("the ").unwrap_or(full)));
    }
    let full = p.full().trim();
    let words: Vec<&str> = full.split_whitespace().collect();
    let person = |family: &[&str], given: &[&str], family_first| NameParts::Person {
        family: family.join(" "),
        given: given.join(" "),
        family_first,
    };
    if words.len() < 2 {
        return person(&words, &[], false);
    }
    let east_asian_script = p.native().is_some_and(|n| {
        n.chars().any(|c| {
            matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}')
        })
    });
    if words[0] == p.name && p.name != full {
        person(&words[..1], &words[1..], true)
    } else if words.last() == Some(&p.name.as_str()) {
        person(&words[words.len() - 1..], &words[..words.len() - 1], false)
    } else if east_asian_script {
        person(&words[..1], &words[1..], true)
    } else {
        person(&words[words.len() - 1..], &words[..words.len() - 1], false)
    }
}

/// What a citation says about one document: a telegram, or one version of
/// it.
#[derive(Clone, Debug)]
pub struct Document {
    /// "Ciphered telegram", "Draft ciphered telegram", "Message".
    pub kind: String,
    /// The document's senders: for a message conveyed by an ambassador, the
    /// ambassador, whose telegram the document is.
    pub authors: Vec<String>,
    pub recipients: Vec<String>,
    /// Went through the telegram's channel (`via`), where the document is
    /// the message itself; not for a version the channel did not carry.
    pub via: bool,
    pub date: Date,
    pub certainty: Certainty,
    /// For a conveyed message: the original senders and date.
    pub conveying: Option<(Vec<String>, Date)>,
    /// "Chinese text", where one version of several is cited.
    pub version: Option<String>,
    pub archive: Option<String>,
    pub published: Option<String>,
    /// The status as the paper's footnote gives it ("draft").
    pub status: Option<WitnessStatus>,
    pub footnotes: Vec<u32>,
    /// The paper quotes its words (else it only reports it).
    pub quoted: bool,
    /// The record comes from the source paper ([`Telegram::from_paper`]):
    /// else the citation does not name the paper.
    pub in_paper: bool,
    /// The record is known only from accounts, its versions conflict, or
    /// its existence is disputed.
    pub record: Status,
    /// The language of the document (not of the paper's English).
    pub language: Option<String>,
}

fn conveyed_witness(t: &Telegram) -> Option<&Witness> {
    if t.via.is_empty() {
        return None;
    }
    t.witnesses()
        .iter()
        .find(|w| w.date.is_some_and(|d| d != t.date))
}

/// The document a citation of the whole telegram describes: the version
/// that conveyed it where an ambassador did, else its only version.
fn primary_witness(t: &Telegram) -> Option<&Witness> {
    conveyed_witness(t).or(match t.witnesses() {
        [w] => Some(w),
        _ => None,
    })
}

impl Document {
    /// The telegram as a whole, as [`chicago`] cites it.
    pub fn of(t: &Telegram) -> Document {
        let mut d = Document::describe(t, primary_witness(t), false);
        d.footnotes = t.footnotes.clone();
        d.archive = t.archive.clone();
        d.published = t.published.clone();
        d.quoted = t.passages().any(|(_, p)| p.kind == PassageKind::Quote);
        d
    }

    /// One version of a telegram, as [`chicago_witness`] cites it: its own
    /// archive, publication and footnotes.
    pub fn of_witness(t: &Telegram, w: &Witness) -> Document {
        if w.implicit || !t.is_multi_witness() && w.archive.is_none() && w.published.is_none() {
            return Document::of(t);
        }
        let mut d = Document::describe(t, Some(w), true);
        let mut f = w.footnotes.clone();
        f.extend(w.passages.iter().flat_map(|p| p.cite.iter().copied()));
        if f.is_empty() {
            f = t.footnotes.clone();
        }
        f.sort_unstable();
        f.dedup();
        d.footnotes = f;
        d.archive = w.archive.clone();
        d.published = w.published.clone();
        d.quoted = w.passages.iter().any(|p| p.kind == PassageKind::Quote);
        d
    }

    fn describe(t: &Telegram, w: Option<&Witness>, one_version: bool) -> Document {
        let kind = w.and_then(|w| w.kind).unwrap_or(t.kind);
        let status = w
            .filter(|w| w.status_footnote.is_some())
            .and_then(|w| w.status);
        let mut kind_label = kind_label(kind);
        if status == Some(WitnessStatus::Draft) {
            kind_label = format!("Draft {}", kind_label.to_lowercase());
        }
        let conveyed = w.filter(|w| {
            !t.via.is_empty() && conveyed_witness(t).is_some_and(|c| std::ptr::eq(c, *w))
        });
        let (authors, via, date, certainty, conveying) = match conveyed {
            Some(w) => (
                t.via.last().cloned().into_iter().collect(),
                false,
                w.date.unwrap_or(t.date),
                Certainty::Exact,
                Some((t.from.clone(), t.date)),
            ),
            None => (
                t.from.clone(),
                !t.via.is_empty() && conveyed_witness(t).is_none(),
                w.and_then(|w| w.date).unwrap_or(t.date),
                t.certainty,
                None,
            ),
        };
        Document {
            kind: kind_label,
            authors,
            recipients: t.to.clone(),
            via,
            date,
            certainty,
            conveying,
            version: w
                .filter(|w| one_version && conveyed.is_none() && !w.implicit)
                .map(|w| w.label.clone()),
            archive: None,
            published: None,
            status,
            footnotes: Vec::new(),
            quoted: false,
            in_paper: t.from_paper(),
            record: t.status,
            language: w.and_then(|w| w.language.clone()),
        }
    }

    /// "Ciphered telegram, Roshchin to Stalin, 3 October 1950, conveying
    /// Mao’s message of 2 October": what the document is, without where it
    /// is kept. The BibTeX and CSL title.
    pub fn description(&self, corpus: &Corpus, t: &Telegram) -> String {
        let mut parts = vec![self.kind.clone()];
        let mut who = format!(
            "{} to {}",
            names(corpus, &self.authors),
            names(corpus, &self.recipients)
        );
        if self.via
            && let Some(v) = corpus.via_prose(t)
        {
            who.push_str(&format!(" (via {v})"));
        }
        parts.push(who);
        parts.push(note_date(&self.date, self.certainty));
        if let Some((from, d)) = &self.conveying {
            let of = match (d.day, d.month) {
                (Some(day), Some(m)) => format!("{day} {}", Date::month_name(m)),
                _ => d.long(),
            };
            parts.push(format!(
                "conveying {}’s message of {of}",
                names(corpus, from)
            ));
        }
        if let Some(v) = &self.version {
            parts.push(v.clone());
        }
        parts.join(", ")
    }

    /// Where it is kept and published, en dashes in the ranges; or that it
    /// is known only from accounts.
    pub(super) fn holdings(&self) -> String {
        match (&self.archive, &self.published) {
            (Some(a), Some(p)) => format!("{}, in {}", en_dash_ranges(a), en_dash_ranges(p)),
            (Some(a), None) => en_dash_ranges(a),
            (None, Some(p)) => format!("in {}", en_dash_ranges(p)),
            (None, None) => match self.record {
                Status::Disputed => "existence disputed; known only from accounts".to_string(),
                Status::Conflict => "versions conflict; known only from accounts".to_string(),
                _ => "known only from accounts".to_string(),
            },
        }
    }

    /// "quoted in" where the paper quotes the document's words, else "cited in".
    fn through(&self) -> &'static str {
        if self.quoted { "quoted in" } else { "cited in" }
    }

    /// "quoted in `paper`, nn. 116–20", for a record from the paper; none
    /// for one of the reader's own.
    pub fn in_paper(&self, paper: &str) -> Option<String> {
        if !self.in_paper {
            return None;
        }
        let mut s = format!("{} {paper}", self.through());
        if let Some(f) = footnote_runs(&self.footnotes) {
            s.push_str(&format!(", {f}"));
        }
        Some(s)
    }

    fn full_note(&self, corpus: &Corpus, t: &Telegram) -> String {
        let mut s = format!("{}, {}", self.description(corpus, t), self.holdings());
        if let Some(p) = self.in_paper(SOURCE_PAPER) {
            s.push_str(&format!(", {p}"));
        }
        s.push('.');
        s
    }
}

/// "Kim Il Sung and Pak Hon Yong": names joined as a sentence joins them.
fn names(corpus: &Corpus, ids: &[String]) -> String {
    let n: Vec<&str> = ids.iter().map(|i| corpus.name(i)).collect();
    match n.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn kind_label(kind: Kind) -> String {
    capitalised(kind.label().trim_end_matches(" (form not stated)"))
}

/// A Chicago note for a telegram: "Ciphered telegram, Roshchin to Stalin,
/// 3 October 1950, conveying Mao’s message of 2 October, APRF, fond 45, opis
/// 1, delo 334, listy 105–106, in CWIHP, Bulletin 6–7, Winter 1995, quoted
/// in “The Korean War June-October 1950: …”, IDSS Working Paper (…), nn.
/// 116–20."
pub fn chicago(corpus: &Corpus, t: &Telegram) -> String {
    Document::of(t).full_note(corpus, t)
}

/// A Chicago note for one version (witness) of a telegram, with that
/// version's own archive, publication and footnotes: the Chinese text of 2
/// October cites footnote 116 and its source, not the Russian archive file.
/// `witness_index` indexes `t.witnesses`; out of range, or for a telegram
/// with one text, it is the note of the whole telegram ([`chicago`]).
pub fn chicago_witness(corpus: &Corpus, t: &Telegram, witness_index: usize) -> String {
    match t.witnesses().get(witness_index) {
        Some(w) => Document::of_witness(t, w).full_note(corpus, t),
        None => chicago(corpus, t),
    }
}

/// The short note for a second reference: "Stalin to Mao, 4 October 1950,
/// draft, quoted in “The Korean War June-October 1950”, nn. 121–22."
pub fn chicago_short(corpus: &Corpus, t: &Telegram) -> String {
    let d = Document::of(t);
    let mut s = format!(
        "{} to {}, {}",
        names(corpus, &d.authors),
        names(corpus, &d.recipients),
        note_date(&d.date, d.certainty)
    );
    if d.status == Some(WitnessStatus::Draft) {
        s.push_str(", draft");
    }
    if let Some(p) = d.in_paper(SOURCE_PAPER_SHORT) {
        s.push_str(&format!(", {p}"));
    }
    s.push('.');
    s
}

#[cfg(test)]
#[path = "cite_tests.rs"]
mod tests;
