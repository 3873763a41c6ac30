//! Where each pane goes for a terminal size. Pure geometry: the reader
//! computes it when the size, the focus or the panes shown change, and
//! draws, pages and finds the pane under the mouse with the same one.

use ratatui::layout::{Constraint, Layout, Rect};

pub use crate::app::{NotesAt, Pane, PaneLayout};

/// How the panes are arranged at this size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrangement {
    /// 140 columns and wider: list, message and annotations side by side
    /// (or, as the settings say, the annotations below the message).
    Columns,
    /// List on the left; message above annotations on the right (or, as the
    /// settings say, the annotations beside the message).
    Stacked,
    /// One pane at a time, the focused one (below 80 columns).
    Single,
    /// Nothing fits: a "terminal too small" message.
    TooSmall,
}

/// Smallest size that shows a pane at all.
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 6;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Areas {
    pub arrangement: Arrangement,
    pub list: Option<Rect>,
    pub message: Option<Rect>,
    pub annotations: Option<Rect>,
    pub status: Option<Rect>,
    pub full: Rect,
}

impl Areas {
    pub fn pane(&self, p: Pane) -> Option<Rect> {
        match p {
            Pane::List => self.list,
            Pane::Message => self.message,
            Pane::Annotations => self.annotations,
        }
    }

    /// The pane containing a screen cell.
    pub fn pane_at(&self, x: u16, y: u16) -> Option<Pane> {
        [Pane::List, Pane::Message, Pane::Annotations]
            .into_iter()
            .find(|p| self.pane(*p).is_some_and(|r| r.contains((x, y).into())))
    }

    /// Whether a pane is on screen.
    pub fn shows(&self, p: Pane) -> bool {
        self.pane(p).is_some()
    }
}

/// The list pane's width on a screen `w` wide with a message beside it of
/// at least `rest` columns: a share that keeps titles readable, moved by
/// the user's `<`/`>`.
fn list_width(w: u16, share: (u32, u16, u16), rest: u16, delta: i16) -> u16 {
    let (pct, lo, hi) = share;
    let base = ((u32::from(w) * pct / 100).min(u32::from(u16::MAX)) as u16).clamp(lo, hi);
    let max = w.saturating_sub(rest).max(20);
    (i32::from(base) + i32::from(delta)).clamp(20, i32::from(max)) as u16
}

/// The arrangement for a terminal of `area`, with `focus` (shown alone when
/// only one pane fits, or when zoomed), whether the annotations pane is
/// wanted, and the user's zoom and list width.
pub fn compute(area: Rect, focus: Pane, annotations: bool, panes: PaneLayout) -> Areas {
    let mut a = Areas {
        arrangement: Arrangement::TooSmall,
        list: None,
        message: None,
        annotations: None,
        status: None,
        full: area,
    };
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return a;
    }
    let [body, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    a.status = Some(status);
    let w = area.width;
    let pct = |p: u32| (u32::from(w) * p / 100).min(u32::from(u16::MAX)) as u16;
    // The settings' share, else shifr's for the width.
    let share = |auto: (u32, u16, u16)| {
        panes
            .list_share
            .map_or(auto, |p| (u32::from(p), 20, u16::MAX))
    };
    if w >= 80 && !panes.zoom {
        let wide = w >= 140;
        let list_w = if wide {
            list_width(w, share((30, 36, 56)), 60, panes.list_delta)
        } else {
            list_width(w, share((40, 28, 48)), 40, panes.list_delta)
        };
        let notes_w = if wide {
            pct(26).clamp(32, 56)
        } else {
            pct(30).clamp(24, 40)
        };
        // The notes beside the message where the settings want them there
        // and the message keeps its room; else below it.
        let beside = annotations
            && match panes.notes_at {
                NotesAt::Auto => wide,
                NotesAt::Right => w.saturating_sub(list_w + notes_w) >= 40,
                NotesAt::Below => false,
            };
        a.arrangement = if wide {
            Arrangement::Columns
        } else {
            Arrangement::Stacked
        };
        if beside {
            let [l, m, n] = Layout::horizontal([
                Constraint::Length(list_w),
                Constraint::Min(20),
                Constraint::Length(notes_w),
            ])
            .areas(body);
            (a.list, a.message, a.annotations) = (Some(l), Some(m), Some(n));
        } else {
            let [l, right] =
                Layout::horizontal([Constraint::Length(list_w), Constraint::Min(20)]).areas(body);
            a.list = Some(l);
            if annotations && body.height >= 14 {
                let [m, n] =
                    Layout::vertical([Constraint::Percentage(68), Constraint::Percentage(32)])
                        .areas(right);
                (a.message, a.annotations) = (Some(m), Some(n));
            } else {
                a.message = Some(right);
            }
        }
    } else {
        a.arrangement = Arrangement::Single;
        let shown = if focus == Pane::Annotations && !annotations {
            Pane::Message
        } else {
            focus
        };
        match shown {
            Pane::List => a.list = Some(body),
            Pane::Message => a.message = Some(body),
            Pane::Annotations => a.annotations = Some(body),
        }
    }
    a
}

/// A centred rectangle for an overlay: `pct` of the area, at least `min`
/// where possible, never outside it.
pub fn centered(area: Rect, pct_w: u16, pct_h: u16, min_w: u16, min_h: u16) -> Rect {
    let pct = |v: u16, p: u16| (u32::from(v) * u32::from(p) / 100) as u16;
    let w = pct(area.width, pct_w).max(min_w).min(area.width);
    let h = pct(area.height, pct_h).max(min_h).min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(w: u16, h: u16) -> Rect {
        Rect::new(0, 0, w, h)
    }

    #[test]
    fn arrangements_by_width() {
        assert_eq!(
            compute(r(200, 50), Pane::List, true, PaneLayout::default()).arrangement,
            Arrangement::Columns
        );
        assert_eq!(
            compute(r(140, 40), Pane::List, true, PaneLayout::default()).arrangement,
            Arrangement::Columns
        );
        assert_eq!(
            compute(r(120, 40), Pane::List, true, PaneLayout::default()).arrangement,
            Arrangement::Stacked
        );
        assert_eq!(
            compute(r(80, 24), Pane::List, true, PaneLayout::default()).arrangement,
            Arrangement::Stacked
        );
        assert_eq!(
            compute(r(60, 20), Pane::Message, true, PaneLayout::default()).arrangement,
            Arrangement::Single
        );
        assert_eq!(
            compute(r(10, 3), Pane::List, true, PaneLayout::default()).arrangement,
            Arrangement::TooSmall
        );
        assert_eq!(
            compute(r(0, 0), Pane::List, true, PaneLayout::default()).arrangement,
            Arrangement::TooSmall
        );
    }

    #[test]
    fn panes_tile_the_body_without_overlap() {
        for (w, h) in [
            (200, 50),
            (120, 40),
            (100, 30),
            (80, 24),
            (79, 24),
            (24, 6),
            (1000, 3),
            (300, 8),
            (u16::MAX, 40),
        ] {
            for ann in [true, false] {
                let a = compute(r(w, h), Pane::Annotations, ann, PaneLayout::default());
                let panes: Vec<Rect> = [a.list, a.message, a.annotations]
                    .into_iter()
                    .flatten()
                    .collect();
                for (i, p) in panes.iter().enumerate() {
                    assert!(p.right() <= w && p.bottom() <= h, "{w}x{h}: {p:?}");
                    for q in &panes[i + 1..] {
                        assert!(
                            p.intersection(*q).is_empty(),
                            "{w}x{h}: {p:?} overlaps {q:?}"
                        );
                    }
                }
                if a.arrangement != Arrangement::TooSmall {
                    assert!(a.message.is_some() || a.list.is_some() || a.annotations.is_some());
                }
            }
        }
    }

    #[test]
    fn single_pane_follows_focus_and_hit_testing_works() {
        let a = compute(r(60, 20), Pane::List, true, PaneLayout::default());
        assert!(a.list.is_some() && a.message.is_none());
        let a = compute(r(120, 40), Pane::List, true, PaneLayout::default());
        let m = a.message.unwrap();
        assert_eq!(a.pane_at(m.x + 1, m.y + 1), Some(Pane::Message));
        assert_eq!(a.pane_at(0, 39), None);
    }

    #[test]
    fn the_settings_place_the_notes_and_size_the_list() {
        let set = |notes_at, list_share| PaneLayout {
            notes_at,
            list_share,
            ..PaneLayout::default()
        };
        // below, on a wide screen: under the message, not beside it
        let a = compute(r(200, 50), Pane::List, true, set(NotesAt::Below, None));
        let (m, n) = (a.message.unwrap(), a.annotations.unwrap());
        assert_eq!((m.x, m.width), (n.x, n.width));
        assert!(n.y > m.y);
        // right, where the message keeps 40 columns: beside it
        let a = compute(r(130, 40), Pane::List, true, set(NotesAt::Right, None));
        let (m, n) = (a.message.unwrap(), a.annotations.unwrap());
        assert_eq!((m.y, m.height), (n.y, n.height));
        assert!(n.x > m.x && m.width >= 40, "{m:?}");
        // ... and below it where it would not (110: 44 + 33 leave 33)
        let a = compute(r(110, 40), Pane::List, true, set(NotesAt::Right, None));
        assert!(a.annotations.unwrap().y > a.message.unwrap().y);
        let a = compute(r(80, 24), Pane::List, true, set(NotesAt::Right, None));
        let (m, n) = (a.message.unwrap(), a.annotations.unwrap());
        assert!(n.y > m.y && n.x == m.x);
        // auto is today's: beside from 140 columns, below under it
        let a = compute(r(120, 40), Pane::List, true, set(NotesAt::Auto, None));
        assert!(a.annotations.unwrap().y > a.message.unwrap().y);
        // a list share in percent, moved by < and > as before
        for (w, p) in [(200, 20), (100, 50), (120, 10)] {
            let a = compute(r(w, 40), Pane::List, true, set(NotesAt::Auto, Some(p)));
            let want = (u32::from(w) * u32::from(p) / 100).max(20) as u16;
            assert_eq!(a.list.unwrap().width, want, "{w} at {p}%");
        }
        let moved = PaneLayout {
            list_delta: 8,
            ..set(NotesAt::Auto, Some(30))
        };
        assert_eq!(
            compute(r(200, 40), Pane::List, true, moved)
                .list
                .unwrap()
                .width,
            68
        );
        // the message is never squeezed out by a wide share
        let a = compute(r(100, 40), Pane::List, true, set(NotesAt::Auto, Some(70)));
        assert_eq!(a.list.unwrap().width, 60);
    }

    #[test]
    fn centered_stays_inside() {
        let c = centered(r(10, 5), 80, 80, 40, 20);
        assert_eq!(c, r(10, 5));
        let c = centered(r(100, 40), 50, 50, 10, 10);
        assert_eq!((c.x, c.y, c.width, c.height), (25, 10, 50, 20));
        let c = centered(r(1000, 1000), 86, 86, 10, 10);
        assert_eq!((c.width, c.height), (860, 860));
    }
}
