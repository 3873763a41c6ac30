//! The comparison view's state: which pair of witnesses, which side is
//! active, whether the two columns scroll together, and where.

use super::App;
use crate::action::Action;
use crate::compare::pairs;
use crate::ui::compare::{
    Built, Flat, SIDE_BY_SIDE_MIN, build, col_width, flatten, header_lines, max_scroll, regions,
};

#[derive(Clone, Debug, PartialEq)]
pub struct CompareState {
    /// Index of the telegram in the corpus.
    pub telegram: usize,
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
    /// The row at the top of each column, kept across resizes.
    pub top_rows: [usize; 2],
}

impl CompareState {
    pub fn new(telegram: usize, witnesses: usize) -> CompareState {
        CompareState {
            telegram,
            pair: 0,
            swapped: false,
            scroll: [0, 0],
            sync: true,
            active: 0,
            witnesses,
            top_rows: [0, 0],
        }
    }

    /// The witness indices shown left and right.
    pub fn shown(&self) -> (usize, usize) {
        let (a, b) = pairs(self.witnesses)
            .get(self.pair)
            .copied()
            .unwrap_or((0, 1));
        if self.swapped { (b, a) } else { (a, b) }
    }
}

impl App {
    /// The open comparison laid out for the screen, and the body's height.
    pub fn compare_layout(&self, s: &CompareState) -> (Built, Flat, usize) {
        let t = &self.corpus.telegrams[s.telegram];
        let (a, b) = s.shown();
        let (col_w, full_w) = col_width(self.size);
        let built = build(t, a, b, &self.theme, col_w, full_w, false);
        let stacked = self.size.width < SIDE_BY_SIDE_MIN;
        let r = regions(self.size, header_lines(&built, stacked));
        let flat = flatten(&built, stacked);
        (built, flat, r.body.height as usize)
    }

    /// `c`: opens the comparison of the open telegram, or says why not.
    pub(super) fn open_compare(&mut self) {
        // From the list, the telegram under the cursor.
        if self.focus == crate::layout::Pane::List
            && let Some(sel) = self.list.selected_telegram()
            && self.open != Some(sel)
        {
            self.open_telegram(sel);
        }
        let Some(i) = self.open else { return };
        let n = self.corpus.telegrams[i].witnesses.len();
        if n < 2 {
            self.flash = Some("this telegram has one version only: nothing to compare".to_string());
            return;
        }
        self.overlays
            .push(super::Overlay::Compare(CompareState::new(i, n)));
    }

    pub(super) fn update_compare(&mut self, action: Action) {
        let Some(super::Overlay::Compare(s)) = self.overlays.last().cloned() else {
            return;
        };
        let mut s = s;
        let (built, flat, h) = self.compare_layout(&s);
        let max = max_scroll(&flat, h);
        let half = (h / 2).max(1) as isize;
        let page = h.saturating_sub(1).max(1) as isize;
        let stacked = self.size.width < SIDE_BY_SIDE_MIN;
        let scroll_by = |s: &mut CompareState, d: isize| {
            let target = |v: usize| (v as isize + d).clamp(0, max as isize) as usize;
            if s.sync || stacked {
                let v = target(s.scroll[s.active]);
                s.scroll = [v, v];
            } else {
                s.scroll[s.active] = target(s.scroll[s.active]);
            }
        };
        let jump = |s: &mut CompareState, line: usize| {
            let v = line.min(max);
            if s.sync || stacked {
                s.scroll = [v, v];
            } else {
                s.scroll[s.active] = v;
            }
        };
        match action {
            Action::Close | Action::Cancel => {
                self.overlays.pop();
                return;
            }
            Action::Down => scroll_by(&mut s, 1),
            Action::Up => scroll_by(&mut s, -1),
            Action::HalfPageDown => scroll_by(&mut s, half),
            Action::HalfPageUp => scroll_by(&mut s, -half),
            Action::PageDown => scroll_by(&mut s, page),
            Action::PageUp => scroll_by(&mut s, -page),
            Action::Top => jump(&mut s, 0),
            Action::Bottom => jump(&mut s, max),
            Action::ToggleSync | Action::SwitchSide if stacked => {
                self.flash = Some(
                    "one column below 100 columns wide: s and tab work side by side".to_string(),
                );
            }
            Action::ToggleSync => {
                s.sync = !s.sync;
                if s.sync {
                    s.scroll = [s.scroll[s.active]; 2];
                }
                self.flash = Some(
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
                    self.flash = Some("only two versions: w has no other pair to show".to_string());
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
                    Some(i) => jump(&mut s, flat.row_starts[i]),
                    None => {
                        let which = if action == Action::NextDivergent {
                            "below"
                        } else {
                            "above"
                        };
                        self.flash = Some(format!("no divergent row {which}"));
                    }
                }
            }
            _ => {}
        }
        s.top_rows = [flat.row_at(s.scroll[0]), flat.row_at(s.scroll[1])];
        if let Some(super::Overlay::Compare(top)) = self.overlays.last_mut() {
            *top = s;
        }
    }

    /// Keeps the comparison's scroll inside its text after a resize.
    pub(super) fn clamp_compare(&mut self) {
        for i in 0..self.overlays.len() {
            let super::Overlay::Compare(s) = &self.overlays[i] else {
                continue;
            };
            let (_, flat, h) = self.compare_layout(s);
            let max = max_scroll(&flat, h);
            if let super::Overlay::Compare(s) = &mut self.overlays[i] {
                // Keep the same rows at the top: a resize rewraps every row.
                let start = |row: usize| flat.row_starts.get(row).copied().unwrap_or(0).min(max);
                s.scroll = [start(s.top_rows[0]), start(s.top_rows[1])];
            }
        }
    }
}
