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

/// Where an overlay `want_w` × `want_h` (at least 6 rows, 30 columns) goes
/// so that it leaves `avoid` — the passage being annotated — in view:
/// centred if that covers none of it, else in the taller of the rows above
/// and below it, else beside it; centred over it only when there is no
/// room anywhere else. The last row (the status line) is left alone.
pub fn clear_of(screen: Rect, avoid: Option<Rect>, want_w: u16, want_h: u16) -> Rect {
    let body = Rect {
        height: screen.height.saturating_sub(1),
        ..screen
    };
    let fallback = centered(body, 70, 60, 40, 10).intersection(screen);
    let Some(a) = avoid
        .map(|a| a.intersection(body))
        .filter(|a| !a.is_empty())
    else {
        return fallback;
    };
    if !fallback.intersects(a) {
        return fallback;
    }
    let w = want_w.min(body.width);
    let x = body.x + (body.width - w) / 2;
    let above = a.y.saturating_sub(body.y);
    let below = body.bottom().saturating_sub(a.bottom());
    if above.max(below) >= 6 {
        return if below >= above {
            Rect::new(x, a.bottom(), w, below.min(want_h))
        } else {
            let h = above.min(want_h);
            Rect::new(x, a.y - h, w, h)
        };
    }
    let left = a.x.saturating_sub(body.x);
    let right = body.right().saturating_sub(a.right());
    if left.max(right) >= 30 {
        let h = want_h.min(body.height);
        let y = body.y + (body.height - h) / 2;
        return if right >= left {
            Rect::new(a.right(), y, right.min(want_w), h)
        } else {
            let w = left.min(want_w);
            Rect::new(a.x - w, y, w, h)
        };
    }
    fallback
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_overlay_clear_of_a_passage_never_covers_it() {
        let screen = Rect::new(0, 0, 80, 24);
        // Nothing to avoid, or nothing in the way: centred.
        assert_eq!(
            clear_of(screen, None, 56, 14),
            centered(Rect::new(0, 0, 80, 23), 70, 60, 40, 10)
        );
        let corner = Rect::new(0, 0, 10, 1);
        assert!(!clear_of(screen, Some(corner), 56, 14).intersects(corner));
        // A passage at the top: below it.
        for a in [
            Rect::new(30, 2, 48, 5),
            Rect::new(30, 15, 48, 6),
            Rect::new(30, 1, 48, 20),
            Rect::new(2, 1, 30, 21),
        ] {
            let r = clear_of(screen, Some(a), 56, 14);
            assert!(!r.intersects(a), "{a:?} covered by {r:?}");
            assert!(r.height >= 6 && r.width >= 30, "{r:?} for {a:?}");
            assert!(r.bottom() <= 23, "the status line is left: {r:?}");
        }
        // No room anywhere: centred, as before.
        let all = Rect::new(0, 0, 80, 23);
        assert_eq!(
            clear_of(screen, Some(all), 56, 14),
            centered(all, 70, 60, 40, 10)
        );
        // Tiny screens never panic.
        for (w, h) in [(1, 1), (2, 3), (10, 4)] {
            let s = Rect::new(0, 0, w, h);
            let r = clear_of(s, Some(Rect::new(0, 0, w, 1)), 56, 14);
            assert!(s.union(r) == s, "{r:?} outside {s:?}");
        }
    }

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
