//! What the reader remembers between runs, as data: where the user was
//! (`state.toml`: the open telegram, pane, scrolls, grouping, filter, last
//! search, the view on top, what has been read) and the bookmarks
//! (`bookmarks.toml`, a file of its own, so setting a broken state file
//! aside never takes them with it). Turning the model into these and back
//! is pure; reading and writing the files is the caller's (`cli::reader`
//! at start, `runner` on quit and on a bookmark).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::list::{Filter, Grouping};
use super::{App, HeaderMode, NotesState, Pane, PaneLayout};
use crate::problem::Problem;

/// The format of both files; a file of another version is set aside.
pub const VERSION: u32 = 1;

/// A view on top of the reader that is worth reopening at the next start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Overlay {
    Compare,
    Timeline,
    Matrix,
    Debate,
    Apparatus,
}

/// Where the comparison was, kept with `overlay = "compare"`: its pair of
/// versions, which side is which, and the row at the top. It is taken
/// back only when the comparison reopens on the same telegram, and a row
/// or pair the telegram no longer has falls back to the first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComparePlace {
    pub telegram: String,
    #[serde(default)]
    pub pair: usize,
    #[serde(default)]
    pub swapped: bool,
    /// The align key of the row at the top (`decision`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub row: String,
    /// How many of that row's lines were scrolled past (as laid out at
    /// the size it was left at; kept inside the row at another).
    #[serde(default)]
    pub line: usize,
}

/// A view to reopen at the next start, with where it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resume {
    pub overlay: Overlay,
    /// With `Overlay::Compare`.
    pub compare: Option<ComparePlace>,
}

impl From<Overlay> for Resume {
    fn from(overlay: Overlay) -> Resume {
        Resume {
            overlay,
            compare: None,
        }
    }
}

/// Where the reader's files are, for this corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateFiles {
    pub state: PathBuf,
    pub bookmarks: PathBuf,
}

/// `state.toml`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
    #[serde(default)]
    pub flat: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter_person: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter_pair: Option<[String; 2]>,
    #[serde(default)]
    pub list_offset: usize,
    #[serde(default)]
    pub scroll: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<usize>,
    #[serde(default)]
    pub note: usize,
    #[serde(default)]
    pub notes_scroll: usize,
    #[serde(default = "yes")]
    pub annotations: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    #[serde(default)]
    pub zoom: bool,
    #[serde(default)]
    pub list_delta: i16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overlay: Option<Overlay>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compare: Option<ComparePlace>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub read: Vec<String>,
}

fn yes() -> bool {
    true
}

/// One bookmark: a telegram, and perhaps a passage of one version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bookmark {
    pub telegram: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub align: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub witness: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BookmarksFile {
    version: u32,
    #[serde(default, rename = "bookmark")]
    bookmarks: Vec<Bookmark>,
}

fn pane_name(p: Pane) -> &'static str {
    match p {
        Pane::List => "list",
        Pane::Message => "message",
        Pane::Annotations => "annotations",
    }
}

fn header_name(h: HeaderMode) -> &'static str {
    match h {
        HeaderMode::Auto => "auto",
        HeaderMode::Full => "full",
        HeaderMode::Compact => "compact",
    }
}

/// Parses TOML into `T`, with the error located in `file`.
fn parse<'a, T: Deserialize<'a>>(file: &str, text: &'a str) -> Result<T, Problem> {
    toml::from_str(text).map_err(|e| {
        Problem::at(
            file,
            text,
            e.span().map_or(0, |s| s.start),
            e.message().trim().replace('\n', " "),
        )
    })
}

fn version_ok(file: &str, v: u32) -> Result<(), Problem> {
    if v == VERSION {
        Ok(())
    } else {
        Err(Problem::file(
            file,
            format!("version {v}, but this shifr reads version {VERSION}"),
        ))
    }
}

impl Session {
    /// Reads `state.toml`'s text.
    pub fn parse(file: &str, text: &str) -> Result<Session, Problem> {
        let s: Session = parse(file, text)?;
        version_ok(file, s.version)?;
        Ok(s)
    }

    pub fn to_toml(&self) -> String {
        let body = toml::to_string(self).unwrap_or_default();
        format!(
            "# shifr's reading state: where you were, restored at the next start\n\
             # (shifr --fresh starts clean). Written on quit (and on ending by a signal); safe to delete.\n{body}"
        )
    }
}

/// Reads `bookmarks.toml`'s text.
pub fn parse_bookmarks(file: &str, text: &str) -> Result<Vec<Bookmark>, Problem> {
    let f: BookmarksFile = parse(file, text)?;
    version_ok(file, f.version)?;
    Ok(f.bookmarks)
}

pub fn bookmarks_toml(b: &[Bookmark]) -> String {
    let f = BookmarksFile {
        version: VERSION,
        bookmarks: b.to_vec(),
    };
    let body = toml::to_string(&f).unwrap_or_default();
    format!("# shifr's bookmarks (b marks, B lists them).\n{body}")
}

impl App {
    /// The reading state as it is now, with `resume` the view on top.
    pub fn session(&self, resume: Option<Resume>) -> Session {
        let (overlay, compare) = match resume {
            Some(r) => (Some(r.overlay), r.compare),
            None => (None, None),
        };
        let id = |i: usize| self.corpus.telegrams[i].id.clone();
        let (filter_person, filter_pair) = match &self.list.filter {
            Some(Filter::Person(p)) => (Some(p.clone()), None),
            Some(Filter::Pair(a, b)) => (None, Some([a.clone(), b.clone()])),
            None => (None, None),
        };
        let mut read: Vec<usize> = self.read.iter().copied().collect();
        read.sort_unstable();
        Session {
            version: VERSION,
            open: self.open.map(id),
            focus: Some(pane_name(self.focus).to_string()),
            flat: self.list.grouping == Grouping::Flat,
            filter_person,
            filter_pair,
            list_offset: self.list.offset,
            scroll: self.message_scroll,
            cursor: self.message_cursor,
            note: self.notes.selected,
            notes_scroll: self.notes.scroll,
            annotations: self.show_annotations,
            header: Some(header_name(self.header).to_string()),
            zoom: self.panes.zoom,
            list_delta: self.panes.list_delta,
            search: self.last_search.as_ref().map(|l| l.text.clone()),
            overlay,
            compare,
            read: read.into_iter().map(id).collect(),
        }
    }

    /// Takes the reading state back. Every telegram and person it names
    /// must still be in the corpus, and every word be one this shifr
    /// writes; otherwise nothing is taken and the error says what (the
    /// caller sets the file aside). The view to reopen, if any.
    pub fn resume(&mut self, file: &str, s: &Session) -> Result<Option<Resume>, Problem> {
        let bad = |what: String| Problem::file(file, what);
        let index = |id: &str| {
            self.corpus.telegram_index(id).ok_or_else(|| {
                bad(format!(
                    "names telegram '{id}', which this corpus does not have"
                ))
            })
        };
        let open = s.open.as_deref().map(index).transpose()?;
        let read = s
            .read
            .iter()
            .map(|id| index(id))
            .collect::<Result<Vec<_>, _>>()?;
        let person = |p: &String| {
            if self.corpus.person(p).is_some() {
                Ok(p.clone())
            } else {
                Err(bad(format!(
                    "names person '{p}', whom this corpus does not have"
                )))
            }
        };
        let filter = match (&s.filter_person, &s.filter_pair) {
            (Some(p), _) => Some(Filter::Person(person(p)?)),
            (None, Some([a, b])) => Some(Filter::Pair(person(a)?, person(b)?)),
            (None, None) => None,
        };
        let focus = match s.focus.as_deref() {
            None | Some("list") => Pane::List,
            Some("message") => Pane::Message,
            Some("annotations") => Pane::Annotations,
            Some(o) => {
                return Err(bad(format!(
                    "focus '{o}': expected list, message or annotations"
                )));
            }
        };
        let header = match s.header.as_deref() {
            None | Some("auto") => HeaderMode::Auto,
            Some("full") => HeaderMode::Full,
            Some("compact") => HeaderMode::Compact,
            Some(o) => return Err(bad(format!("header '{o}': expected auto, full or compact"))),
        };
        self.read.extend(read);
        self.list.grouping = if s.flat {
            Grouping::Flat
        } else {
            Grouping::Pairs
        };
        self.list.filter = filter;
        self.list.rebuild(&self.corpus, open);
        self.list.offset = s.list_offset.min(self.list.rows.len().saturating_sub(1));
        if let Some(i) = open {
            self.select_in_list(i);
            self.show_telegram(i);
        }
        self.show_annotations = s.annotations;
        self.focus = match focus {
            Pane::Annotations if !s.annotations => Pane::Message,
            f => f,
        };
        self.message_scroll = s.scroll;
        self.message_cursor = s.cursor;
        self.notes = NotesState {
            selected: s.note,
            scroll: s.notes_scroll,
        };
        self.header = header;
        self.panes = PaneLayout {
            zoom: s.zoom,
            list_delta: s.list_delta.clamp(-40, 80),
            ..self.panes
        };
        self.resume_search = s.search.clone().filter(|q| !q.trim().is_empty());
        Ok(s.overlay.map(|overlay| Resume {
            overlay,
            compare: s.compare.clone().filter(|_| overlay == Overlay::Compare),
        }))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::corpus::Corpus;
    use crate::keymap::Keymap;

    fn app() -> App {
        App::new(Arc::new(Corpus::embedded().unwrap()), Keymap::defaults())
    }

    #[test]
    fn the_state_goes_round_through_its_file() {
        let mut a = app();
        let i = a.corpus.telegram_index("1950-10-02-mao-stalin").unwrap();
        a.toggle_grouping();
        a.go_to(i);
        a.message_scroll = 9;
        a.message_cursor = Some(1);
        a.panes.zoom = true;
        a.header = HeaderMode::Full;
        a.set_filter(Filter::Person("mao".into()));
        let place = ComparePlace {
            telegram: "1950-10-02-mao-stalin".into(),
            pair: 0,
            swapped: true,
            row: "consequences".into(),
            line: 2,
        };
        let s = a.session(Some(Resume {
            overlay: Overlay::Compare,
            compare: Some(place.clone()),
        }));
        let text = s.to_toml();
        let back = Session::parse("state.toml", &text).unwrap();
        assert_eq!(back, s);
        let mut b = app();
        assert_eq!(
            b.resume("state.toml", &back).unwrap(),
            Some(Resume {
                overlay: Overlay::Compare,
                compare: Some(place)
            })
        );
        assert_eq!(b.open, Some(i));
        assert_eq!(b.focus, Pane::Message);
        assert_eq!(b.message_scroll, 9);
        assert_eq!(b.message_cursor, Some(1));
        assert_eq!(b.list.grouping, Grouping::Flat);
        assert_eq!(b.list.filter, Some(Filter::Person("mao".into())));
        assert_eq!(b.list.selected_telegram(), Some(i));
        assert!(b.panes.zoom);
        assert_eq!(b.header, HeaderMode::Full);
        assert!(b.read.contains(&i));
    }

    #[test]
    fn a_broken_file_is_located() {
        let e = Session::parse("state.toml", "version = 1\nscroll = \"x\"\n").unwrap_err();
        assert_eq!((e.line, e.col), (2, 10), "{e}");
        let e = Session::parse("state.toml", "version = 1\nwhat = 3\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        let e = Session::parse("state.toml", "version = 7\n").unwrap_err();
        assert!(e.message.contains("version 7"), "{e}");
    }

    #[test]
    fn a_state_naming_what_is_gone_is_refused_whole() {
        let mut a = app();
        let s = Session {
            version: VERSION,
            open: Some("1950-01-01-nobody".into()),
            scroll: 4,
            ..Session::default()
        };
        let e = a.resume("state.toml", &s).unwrap_err();
        assert!(e.message.contains("1950-01-01-nobody"), "{e}");
        // Nothing was taken.
        assert_eq!(a.message_scroll, 0);
        let s = Session {
            version: VERSION,
            filter_person: Some("nobody".into()),
            ..Session::default()
        };
        assert!(a.resume("state.toml", &s).is_err());
        assert_eq!(a.list.filter, None);
        let s = Session {
            version: VERSION,
            focus: Some("sideways".into()),
            ..Session::default()
        };
        assert!(
            a.resume("state.toml", &s)
                .unwrap_err()
                .message
                .contains("sideways")
        );
    }

    #[test]
    fn bookmarks_go_round_and_a_broken_file_is_located() {
        let b = vec![
            Bookmark {
                telegram: "1950-10-02-mao-stalin".into(),
                align: None,
                witness: None,
            },
            Bookmark {
                telegram: "1950-10-13-stalin-kim".into(),
                align: Some("decision".into()),
                witness: Some("ru".into()),
            },
        ];
        let text = bookmarks_toml(&b);
        assert_eq!(parse_bookmarks("bookmarks.toml", &text).unwrap(), b);
        let e =
            parse_bookmarks("bookmarks.toml", "version = 1\n[[bookmark]]\nid = 3\n").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
    }
}
