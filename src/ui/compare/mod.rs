//! The comparison view's component: which pair of witnesses, which side is
//! active, whether the two columns scroll together, and where. Its layout
//! (`view::compare`) is built when the telegram, the pair or the size
//! changes; scrolling and drawing only read it.

mod draw;

use std::any::Any;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::component::{Component, Cx, Outcome, RenderCx, stop_unless_global};
use super::widgets::{boxed, scrollbar};
use crate::action::Action;
use crate::app::session::{ComparePlace, Overlay, Resume};
use crate::app::{App, FindIn, Pane};
use crate::compare::pairs;
use crate::keymap::Context;
use crate::text::width;
use crate::view::compare::{CompareLayout, Flat, GUTTER, SIDE_BY_SIDE_MIN};
use crate::view::compare_notes::strip;

pub struct Compare {
    /// Index of the telegram in the corpus.
    pub telegram: usize,
    /// Its id, for the place kept between runs.
    telegram_id: String,
    /// Which pair of witnesses (index into `compare::pairs`).
    pub pair: usize,
    /// Shown right to left.
    pub swapped: bool,
    /// First line shown in each column.
    pub scroll: [usize; 2],
    /// The columns scroll together.
    pub sync: bool,
    /// The column that scrolls when they do not (0 left, 1 right).
    pub active: usize,
    /// Number of witnesses, for cycling pairs.
    pub witnesses: usize,
    /// The row at the top of each column and how many of its lines are
    /// scrolled past, kept across resizes (a line past the row's end at the
    /// new width is its last).
    pub top_rows: [(usize, usize); 2],
    view: Option<CompareLayout>,
    /// The notes strip, laid out for (row, width, notes), with its count of
    /// notes on the row, and how far it is scrolled.
    strip: (Option<(usize, u16, u64)>, Vec<Line<'static>>, usize),
    pub strip_scroll: usize,
    /// Both columns with a find's occurrences marked, for (word, current).
    found: Option<(FoundKey, [Vec<Line<'static>>; 2])>,
}

impl Compare {
    /// `c`: the comparison of the open telegram, or why not (said).
    pub fn open(cx: &mut Cx) -> Option<Compare> {
        let app = &mut *cx.app;
        // From the list, the telegram under the cursor.
        if app.focus == Pane::List
            && let Some(sel) = app.list.selected_telegram()
            && app.open != Some(sel)
        {
            app.open_telegram(sel);
        }
        let i = app.open?;
        let n = app.corpus.telegrams[i].witnesses().len();
        if n < 2 {
            app.say("this telegram has one version only: nothing to compare");
            return None;
        }
        let mut c = Compare {
            telegram: i,
            telegram_id: app.corpus.telegrams[i].id.clone(),
            pair: 0,
            swapped: false,
            scroll: [0, 0],
            sync: true,
            active: 0,
            witnesses: n,
            top_rows: [(0, 0); 2],
            view: None,
            strip: (None, Vec::new(), 0),
            strip_scroll: 0,
            found: None,
        };
        c.layout(cx);
        Some(c)
    }

    /// The witness indices shown left and right.
    pub fn shown(&self) -> (usize, usize) {
        let (a, b) = pairs(self.witnesses)
            .get(self.pair)
            .copied()
            .unwrap_or((0, 1));
        if self.swapped { (b, a) } else { (a, b) }
    }

    /// Goes back to where the last run left the comparison: its pair,
    /// sides and top row, if it is of this telegram (a pair or row the
    /// telegram no longer has is left as opened).
    pub fn go_to(&mut self, place: &ComparePlace, cx: &Cx) {
        if place.telegram != self.telegram_id {
            return;
        }
        if place.pair < pairs(self.witnesses).len() {
            self.pair = place.pair;
        }
        self.swapped = place.swapped;
        self.view = None;
        self.layout(cx);
        if let Some(v) = &self.view
            && let Some(row) = v.built.rows.iter().position(|r| r.key == place.row)
        {
            // Laid out again from the row and line, as a resize does (the
            // reader starts at a size of its own before the terminal's).
            self.top_rows = [(row, place.line); 2];
            self.view = None;
            self.layout(cx);
        }
    }

    /// Where it is, to be taken back at the next start.
    fn place(&self) -> ComparePlace {
        let row = self.view.as_ref().and_then(|v| {
            let (at, past) = row_and_past(&v.flat, self.scroll[self.active]);
            v.built.rows.get(at).map(|r| (r.key.clone(), past))
        });
        let (row, line) = row.unwrap_or_default();
        ComparePlace {
            telegram: self.telegram_id.clone(),
            pair: self.pair,
            swapped: self.swapped,
            row,
            line,
        }
    }

    /// The layout in use.
    pub fn layout_in_use(&self) -> Option<&CompareLayout> {
        self.view.as_ref()
    }

    /// Lays the comparison out again if its inputs changed, keeping the
    /// same rows at the top (a resize rewraps every row).
    fn layout(&mut self, cx: &Cx) {
        let shown = self.shown();
        if self
            .view
            .as_ref()
            .is_some_and(|v| v.is_for(self.telegram, shown, cx.size))
        {
            return;
        }
        let t = &cx.app.corpus.telegrams[self.telegram];
        let v = CompareLayout::new(t, self.telegram, shown, cx.theme, cx.size);
        let max = v.max_scroll();
        self.scroll = self
            .top_rows
            .map(|(row, past)| line_of(&v.flat, max, row, past));
        self.view = Some(v);
    }
}

/// The row at line `line`, and how many of its lines come before it.
fn row_and_past(flat: &Flat, line: usize) -> (usize, usize) {
    let row = flat.row_at(line);
    let start = flat.row_starts.get(row).copied().unwrap_or(0);
    (row, line.saturating_sub(start))
}

/// The line `past` lines into row `row`: inside the row (its last line if
/// it has fewer now) and inside the scroll's range.
fn line_of(flat: &Flat, max: usize, row: usize, past: usize) -> usize {
    let start = flat.row_starts.get(row).copied().unwrap_or(0);
    let end = flat.row_starts.get(row + 1).copied().unwrap_or(flat.len());
    start
        .saturating_add(past)
        .min(end.saturating_sub(1).max(start))
        .min(max)
}

/// What a find's marks were made for: the word, the occurrence, the size
/// and the pair of versions.
type FoundKey = (String, usize, ratatui::layout::Size, (usize, usize));

impl Compare {
    /// Marks the occurrences of the word being found in both columns,
    /// counts them for the find bar, and scrolls to the current one (both
    /// columns when they scroll together, its own when apart).
    fn find(&mut self, cx: &mut Cx) {
        let Some(f) = cx.app.find.as_mut().filter(|f| f.target == FindIn::Compare) else {
            self.found = None;
            return;
        };
        let Some(v) = &self.view else { return };
        let key = (f.text.clone(), f.current, cx.size, self.shown());
        if self.found.as_ref().is_some_and(|(k, _)| *k == key) {
            return;
        }
        use crate::view::find::{find, mark};
        let sides = [find(&v.flat.left, &f.text), find(&v.flat.right, &f.text)];
        // In reading order: by line, the left column first.
        let mut all: Vec<(usize, usize, usize)> = sides
            .iter()
            .enumerate()
            .flat_map(|(side, found)| {
                found
                    .iter()
                    .enumerate()
                    .map(move |(k, x)| (x.line, side, k))
            })
            .collect();
        all.sort_unstable();
        f.count = all.len();
        f.current = f.current.min(all.len().saturating_sub(1));
        let hit = cx.theme.search_match();
        let now = hit.add_modifier(ratatui::style::Modifier::REVERSED);
        let on = all.get(f.current).copied();
        let current = |side: usize| on.filter(|o| o.1 == side).map(|o| o.2);
        let left = mark(&v.flat.left, &sides[0], current(0), hit, now);
        let right = mark(&v.flat.right, &sides[1], current(1), hit, now);
        if let Some((line, side, _)) = on {
            let h = v.height().max(1);
            let target = line.saturating_sub(2).min(v.max_scroll());
            let stacked = cx.size.width < SIDE_BY_SIDE_MIN;
            if self.sync || stacked {
                if line < self.scroll[0] || line >= self.scroll[0] + h {
                    self.scroll = [target; 2];
                }
            } else {
                self.active = side;
                if line < self.scroll[side] || line >= self.scroll[side] + h {
                    self.scroll[side] = target;
                }
            }
        }
        self.found = Some((key, [left, right]));
    }
}

impl Component for Compare {
    fn context(&self, _: &App) -> Context {
        Context::Compare
    }

    fn mode(&self, _: &App) -> &'static str {
        "COMPARE"
    }

    fn hints(&self, _: &RenderCx) -> Vec<(Action, &'static str)> {
        vec![
            (Action::Down, "scroll"),
            (Action::NextDivergent, "next divergence"),
            (Action::PrevDivergent, "prev"),
            (Action::ToggleSync, "sync"),
            (Action::SwitchSide, "side"),
            (Action::SwapSides, "swap"),
            (Action::Close, "back"),
            (Action::AddNote, "note"),
            (Action::Help, "help"),
        ]
    }

    fn status(&self, _: &App) -> Option<String> {
        let side = if self.active == 0 { "left" } else { "right" };
        Some(if self.sync {
            "synced".to_string()
        } else {
            format!("apart · {side} scrolls")
        })
    }

    fn resume(&self) -> Option<Resume> {
        Some(Resume {
            overlay: Overlay::Compare,
            compare: Some(self.place()),
        })
    }

    fn update(&mut self, action: Action, cx: &mut Cx) -> Outcome {
        self.layout(cx);
        let s = self;
        let view = s.view.take().expect("laid out in sync");
        let (built, flat, h) = (&view.built, &view.flat, view.height());
        let max = view.max_scroll();
        let half = (h / 2).max(1) as isize;
        let page = h.saturating_sub(1).max(1) as isize;
        let stacked = cx.size.width < SIDE_BY_SIDE_MIN;
        let scroll_by = |s: &mut Compare, d: isize| {
            let target = |v: usize| (v as isize + d).clamp(0, max as isize) as usize;
            if s.sync || stacked {
                let v = target(s.scroll[s.active]);
                s.scroll = [v, v];
            } else {
                s.scroll[s.active] = target(s.scroll[s.active]);
            }
        };
        let jump = |s: &mut Compare, line: usize| {
            let v = line.min(max);
            if s.sync || stacked {
                s.scroll = [v, v];
            } else {
                s.scroll[s.active] = v;
            }
        };
        match action {
            Action::Close | Action::Cancel => return Outcome::Close,
            Action::Down => scroll_by(s, 1),
            Action::Up => scroll_by(s, -1),
            Action::HalfPageDown => scroll_by(s, half),
            Action::HalfPageUp => scroll_by(s, -half),
            Action::PageDown => scroll_by(s, page),
            Action::PageUp => scroll_by(s, -page),
            Action::Top => jump(s, 0),
            Action::Bottom => jump(s, max),
            Action::ToggleSync | Action::SwitchSide if stacked => {
                cx.app.flash = Some(
                    "one column below 100 columns wide: s and tab work side by side".to_string(),
                );
            }
            Action::ToggleSync => {
                s.sync = !s.sync;
                if s.sync {
                    s.scroll = [s.scroll[s.active]; 2];
                }
                cx.app.flash = Some(
                    if s.sync {
                        "columns scroll together"
                    } else {
                        "columns scroll apart: tab picks the side"
                    }
                    .to_string(),
                );
            }
            Action::SwitchSide => s.active = 1 - s.active,
            Action::SwapSides => {
                s.swapped = !s.swapped;
                s.scroll = [s.scroll[s.active]; 2];
            }
            Action::CycleWitnesses => {
                let n = pairs(s.witnesses).len();
                if n > 1 {
                    s.pair = (s.pair + 1) % n;
                    s.scroll = [0, 0];
                } else {
                    cx.app.flash =
                        Some("only two versions: w has no other pair to show".to_string());
                }
            }
            Action::NextDivergent | Action::PrevDivergent => {
                let top = s.scroll[s.active];
                let current = flat.row_at(top);
                let divergent = |i: &usize| built.rows[*i].relation.divergent();
                let found = if action == Action::NextDivergent {
                    (0..built.rows.len())
                        .filter(|i| flat.row_starts[*i] > top)
                        .find(divergent)
                } else {
                    let before = if flat.row_starts.get(current) == Some(&top) {
                        current
                    } else {
                        current + 1
                    };
                    (0..before).rev().find(divergent)
                };
                match found {
                    Some(i) => jump(s, flat.row_starts[i]),
                    None => {
                        let which = if action == Action::NextDivergent {
                            "below"
                        } else {
                            "above"
                        };
                        cx.app.flash = Some(format!("no divergent row {which}"));
                    }
                }
            }
            Action::NotesDown => {
                let room = view.regions.notes.height.saturating_sub(1) as usize;
                let max = s.strip.1.len().saturating_sub(room);
                s.strip_scroll = (s.strip_scroll + 1).min(max);
            }
            Action::NotesUp => s.strip_scroll = s.strip_scroll.saturating_sub(1),
            Action::Yank => {
                // The version in the active column, with its own sources.
                let (a, b) = s.shown();
                let w = if s.active == 0 { a } else { b };
                let t = &cx.app.corpus.telegrams[s.telegram];
                let c = crate::export::cite::chicago_witness(&cx.app.corpus, t, w);
                cx.effects.push(crate::app::Effect::Copy(c.clone()));
                cx.app.say("citation of this version copied");
                s.view = Some(view);
                return Outcome::Push(Box::new(super::citation::Citation::new(c)));
            }
            Action::Find => {
                s.view = Some(view);
                return Outcome::Push(Box::new(super::find::Find::open(cx, FindIn::Compare)));
            }
            Action::AddNote if cx.app.open == Some(s.telegram) => {
                // On the row the notes strip shows, in the active column's
                // version where it has the passage (side by side); on the
                // row, in every version, where it does not or the versions
                // are stacked.
                let row = flat.row_at(s.scroll[s.active]);
                let key = built.rows.get(row).map(|r| r.key.clone());
                let (a, b) = s.shown();
                let t = &cx.app.corpus.telegrams[s.telegram];
                let w = &t.witnesses()[if s.active == 0 { a } else { b }];
                let has = |k: &str| w.passages.iter().any(|p| p.align == k);
                let passage = key.map(|k| {
                    let witness = if !stacked && has(&k) {
                        w.id.clone()
                    } else {
                        String::new()
                    };
                    (witness, k)
                });
                s.view = Some(view);
                return match cx.app.add_note(passage, cx.effects) {
                    Some(d) => Outcome::Push(Box::new(super::editor::Editor::new(d))),
                    None => Outcome::Consumed,
                };
            }
            other => {
                s.view = Some(view);
                return stop_unless_global(other);
            }
        }
        s.top_rows = s.scroll.map(|line| row_and_past(flat, line));
        s.view = Some(view);
        Outcome::Consumed
    }

    fn sync(&mut self, cx: &mut Cx) {
        self.layout(cx);
        self.find(cx);
        if let Some(v) = &self.view {
            let row = v.flat.row_at(self.scroll[self.active]);
            let key = Some((row, v.regions.notes.width, cx.app.notes_epoch));
            if self.strip.0 != key {
                if self.strip.0.is_none_or(|k| k.0 != row) {
                    self.strip_scroll = 0;
                }
                let t = &cx.app.corpus.telegrams[self.telegram];
                let (k, notes) = v
                    .built
                    .rows
                    .get(row)
                    .map_or(("", &[][..]), |r| (r.key.as_str(), &r.notes[..]));
                let width = v.regions.notes.width as usize;
                let mine = &cx.app.store.notes;
                let (lines, n) = strip(&cx.app.corpus, t, k, notes, mine, cx.theme, width);
                self.strip = (key, lines, n);
            }
        }
        // A new pair or a swap starts from where the scroll says.
        self.top_rows = self.view.as_ref().map_or([(0, 0); 2], |v| {
            self.scroll.map(|line| row_and_past(&v.flat, line))
        });
    }

    fn render(&self, screen: Rect, buf: &mut Buffer, cx: &RenderCx) {
        draw::render(self, screen, buf, cx);
    }

    /// Built from the part shown while the corpus loaded: closed (and
    /// opened again on the whole, where it would be at the next start).
    fn corpus_replaced(&mut self, _map: &dyn Fn(usize) -> Option<usize>, _cx: &mut Cx) -> bool {
        false
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
