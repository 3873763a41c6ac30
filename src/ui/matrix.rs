//! The correspondence matrix: senders down the side, recipients across the
//! top, the number of telegrams in each cell, and under the grid the
//! channels and telegrams of the cell under the cursor.

use std::any::Any;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::component::{Component, Cx, Outcome, RenderCx, stop_unless_global};
use super::widgets::boxed;
use crate::action::Action;
use crate::app::list::Filter;
use crate::app::{App, Pane};
use crate::keymap::Context;
use crate::text::{sanitize, truncate, width};
use crate::view::matrix::{Matrix, matrix};

pub struct MatrixView {
    pub row: usize,
    pub col: usize,
    /// Counted once, when the view opens.
    matrix: Matrix,
    /// The panel on the cell under the cursor, for (row, col, width).
    detail: (Option<(usize, usize, usize)>, Detail),
}

/// The panel on a cell: its heading lines (the pair, the channels), a
/// line for each of its telegrams, and the hint that `enter` narrows the
/// list to them.
#[derive(Default)]
struct Detail {
    head: Vec<Line<'static>>,
    rows: Vec<Line<'static>>,
    hint: Option<Line<'static>>,
}

impl Detail {
    /// The lines that fit in `room`: the heading, then as many telegrams
    /// as fit with the hint; where they do not all fit, as many as fit
    /// with a last line saying how many telegrams are not shown.
    fn fitted(&self, room: usize, dim: ratatui::style::Style) -> Vec<Line<'static>> {
        let mut out: Vec<Line<'static>> = self.head.iter().take(room).cloned().collect();
        let left = room - out.len();
        let hint = usize::from(self.hint.is_some());
        if self.rows.len() + hint <= left {
            out.extend(self.rows.iter().cloned());
            out.extend(self.hint.clone());
        } else if left > 0 {
            let shown = left - 1;
            out.extend(self.rows[..shown].iter().cloned());
            let hidden = self.rows.len() - shown;
            out.push(Line::styled(format!("  … and {hidden} more"), dim));
        }
        out
    }
}

impl MatrixView {
    /// `m`: the matrix, on the open telegram's pair.
    pub fn open(cx: &mut Cx) -> MatrixView {
        let m = matrix(&cx.app.corpus);
        let (row, col) = cx
            .app
            .telegram()
            .map(|t| {
                let r = m.senders.iter().position(|s| *s == t.from[0]).unwrap_or(0);
                let c = m.recipients.iter().position(|s| *s == t.to[0]).unwrap_or(0);
                (r, c)
            })
            .unwrap_or((0, 0));
        MatrixView {
            row,
            col,
            matrix: m,
            detail: (None, Detail::default()),
        }
    }
}

/// Column width and the first column shown, so the cursor's column is in
/// view: (cell width, first column, columns shown).
pub fn columns(n: usize, cursor: usize, room: usize) -> (usize, usize, usize) {
    if n == 0 {
        return (0, 0, 0);
    }
    let cw = (room / n).clamp(4, 10);
    let fit = (room / cw).max(1).min(n);
    let first = cursor.saturating_sub(fit - 1).min(n - fit);
    (cw, first, fit)
}

/// The same for rows.
pub fn first_row(n: usize, cursor: usize, rows: usize) -> usize {
    if rows == 0 || n <= rows {
        0
    } else {
        cursor.saturating_sub(rows - 1).min(n - rows)
    }
}

fn detail(cx: &RenderCx, m: &Matrix, s: &MatrixView, width: usize) -> Detail {
    let (theme, c) = (cx.theme, &cx.app.corpus);
    let (Some(from), Some(to)) = (m.senders.get(s.row), m.recipients.get(s.col)) else {
        return Detail::default();
    };
    let n = m.counts[s.row][s.col];
    let mut out = vec![Line::from(vec![
        Span::styled(
            format!("{} → {}", c.name(from), c.name(to)),
            theme.heading(),
        ),
        Span::raw(format!(
            ": {}",
            match n {
                0 => "no telegrams".to_string(),
                1 => "1 telegram".to_string(),
                n => format!("{n} telegrams"),
            }
        )),
    ])];
    if let Some(via) = m.via.get(&(s.row, s.col)) {
        let parts: Vec<String> = via
            .iter()
            .map(|(ch, k)| {
                let ch = if ch.is_empty() { "direct" } else { ch.as_str() };
                format!("{ch} ×{k}")
            })
            .collect();
        out.push(Line::from(vec![
            Span::styled("via  ", theme.label()),
            Span::raw(truncate(&parts.join(" · "), width.saturating_sub(5))),
        ]));
    }
    let rows = c
        .telegrams
        .iter()
        .filter(|t| t.from.contains(from) && t.to.contains(to))
        .map(|t| {
            Line::raw(truncate(
                &format!("  {:<14} {}", t.date.short(), sanitize(&t.title)),
                width,
            ))
        })
        .collect();
    let hint = (n > 0).then(|| {
        let open = cx.hints.key(Context::Matrix, Action::Open);
        Line::styled(format!("{open} narrows the list to this pair"), theme.dim())
    });
    Detail {
        head: out,
        rows,
        hint,
    }
}

impl Component for MatrixView {
    fn context(&self, _: &App) -> Context {
        Context::Matrix
    }

    fn mode(&self, _: &App) -> &'static str {
        "MATRIX"
    }

    fn hints(&self, _: &RenderCx) -> Vec<(Action, &'static str)> {
        vec![
            (Action::Down, "sender"),
            (Action::Right, "recipient"),
            (Action::Open, "filter the list"),
            (Action::Close, "back"),
        ]
    }

    fn resume(&self) -> Option<crate::app::session::Resume> {
        Some(crate::app::session::Overlay::Matrix.into())
    }

    fn update(&mut self, action: Action, cx: &mut Cx) -> Outcome {
        let m = &self.matrix;
        let (rows, cols) = (m.senders.len(), m.recipients.len());
        match action {
            Action::Close | Action::Cancel | Action::Matrix => return Outcome::Close,
            Action::Up => self.row = self.row.saturating_sub(1),
            Action::Down => self.row = (self.row + 1).min(rows.saturating_sub(1)),
            Action::Left => self.col = self.col.saturating_sub(1),
            Action::Right => self.col = (self.col + 1).min(cols.saturating_sub(1)),
            Action::Top => self.row = 0,
            Action::Bottom => self.row = rows.saturating_sub(1),
            Action::Open | Action::Confirm => {
                if m.counts
                    .get(self.row)
                    .and_then(|r| r.get(self.col))
                    .copied()
                    .unwrap_or(0)
                    == 0
                {
                    cx.app.flash = Some("nobody wrote along this pair".into());
                } else {
                    cx.app.set_filter(Filter::Pair(
                        m.senders[self.row].clone(),
                        m.recipients[self.col].clone(),
                    ));
                    cx.app.focus = Pane::List;
                    let clear = cx.hints.key(Context::List, Action::Filter);
                    cx.app
                        .say(format!("list narrowed to one pair: {clear} clears"));
                    return Outcome::Close;
                }
            }
            other => return stop_unless_global(other),
        }
        Outcome::Consumed
    }

    fn sync(&mut self, cx: &mut Cx) {
        let area = Rect::new(0, 0, cx.size.width, cx.size.height.saturating_sub(1));
        let w = super::widgets::content_rect(super::widgets::inner(area)).width as usize;
        let key = Some((self.row, self.col, w));
        if self.detail.0 != key {
            self.detail = (key, detail(&cx.view(), &self.matrix, self, w));
        }
    }

    fn render(&self, screen: Rect, buf: &mut Buffer, cx: &RenderCx) {
        let (theme, c, s) = (cx.theme, &cx.app.corpus, self);
        let area = Rect {
            height: screen.height.saturating_sub(1),
            ..screen
        };
        Clear.render(area, buf);
        let block = boxed(
            "Correspondence · who wrote to whom",
            Some("rows: senders · columns: recipients · a joint message counts once for each"),
            true,
            area.width,
            theme,
        );
        let inner = super::widgets::content_rect(block.inner(area));
        block.render(area, buf);
        let m = &self.matrix;
        if inner.height < 5 || inner.width < 20 || m.senders.is_empty() {
            Paragraph::new(Line::styled(
                truncate("too small for the matrix", inner.width as usize),
                theme.error(),
            ))
            .render(inner, buf);
            return;
        }
        let head_w = m
            .senders
            .iter()
            .map(|id| width(c.name(id)))
            .max()
            .unwrap_or(0)
            .clamp(6, 14)
            .min(inner.width as usize / 3);
        let room = (inner.width as usize).saturating_sub(head_w + 1);
        let (cw, first_col, ncols) = columns(m.recipients.len(), s.col, room);
        // Names that do not fit a column go on two staggered header rows, each
        // with room for two columns.
        let shown: Vec<usize> = (first_col..first_col + ncols).collect();
        let stagger = shown
            .iter()
            .any(|&col| width(c.name(&m.recipients[col])) > cw - 1);
        let head_h: u16 = if stagger { 2 } else { 1 };
        // The detail gets a fixed share, so the grid does not jump as the
        // cursor moves between cells with more or fewer telegrams.
        let detail_min = (inner.height / 4).clamp(3, 8);
        let grid_rows =
            (inner.height.saturating_sub(head_h + 1 + detail_min) as usize).min(m.senders.len());
        let first = first_row(m.senders.len(), s.row, grid_rows);
        let put = |buf: &mut Buffer, x: usize, y: u16, text: &str, style: Style| {
            if y < inner.bottom() && (x as u16) < inner.right() {
                buf.set_stringn(
                    x as u16,
                    y,
                    text,
                    (inner.right() - x as u16) as usize,
                    style,
                );
            }
        };
        let x0 = inner.x as usize;
        let gx = x0 + head_w + 1;
        put(
            buf,
            x0,
            inner.y + head_h - 1,
            &truncate("from \\ to", head_w),
            theme.dim(),
        );
        for (k, col) in shown.iter().copied().enumerate() {
            let style = if col == s.col {
                theme.selected(false)
            } else {
                theme.heading()
            };
            let name = c.name(&m.recipients[col]);
            if stagger {
                // Right-aligned over its column, reaching left over the one
                // before (which has its name on the other row).
                let w = (2 * cw - 1).min(head_w + cw);
                let name = truncate(name, w);
                let x = gx + (k + 1) * cw - 1 - width(&name);
                put(buf, x, inner.y + (k % 2) as u16, &name, style);
            } else {
                let name = truncate(name, cw - 1);
                put(
                    buf,
                    gx + k * cw,
                    inner.y,
                    &format!("{name:>w$}", w = cw - 1),
                    style,
                );
            }
        }
        for (r, row) in (first..m.senders.len()).take(grid_rows).enumerate() {
            let y = inner.y + head_h + r as u16;
            let style = if row == s.row {
                theme.selected(false)
            } else {
                theme.heading()
            };
            put(
                buf,
                x0,
                y,
                &truncate(c.name(&m.senders[row]), head_w),
                style,
            );
            for (k, col) in (first_col..first_col + ncols).enumerate() {
                let n = m.counts[row][col];
                let text = if n == 0 {
                    "·".to_string()
                } else {
                    n.to_string()
                };
                let mut style = if n == 0 {
                    theme.dim()
                } else if n >= 3 {
                    theme.versions()
                } else {
                    Style::new()
                };
                if row == s.row && col == s.col {
                    style = style.patch(theme.selected(true));
                }
                put(
                    buf,
                    gx + k * cw,
                    y,
                    &format!("{text:>w$}", w = cw - 1),
                    style,
                );
            }
        }
        let rule_y = inner.y + head_h + grid_rows as u16;
        if rule_y < inner.bottom() {
            put(
                buf,
                x0,
                rule_y,
                &"─".repeat(inner.width as usize),
                theme.border(false),
            );
            let more = if ncols < m.recipients.len() || grid_rows < m.senders.len() {
                format!(
                    " recipients {}–{} of {} · senders {}–{} of {} ",
                    first_col + 1,
                    first_col + ncols,
                    m.recipients.len(),
                    first + 1,
                    first + grid_rows,
                    m.senders.len()
                )
            } else {
                String::new()
            };
            if !more.is_empty() {
                put(
                    buf,
                    inner.right() as usize - width(&more).min(inner.width as usize),
                    rule_y,
                    &more,
                    theme.dim(),
                );
            }
        }
        let d = Rect {
            y: rule_y + 1,
            height: inner.bottom().saturating_sub(rule_y + 1),
            ..inner
        };
        let details = self.detail.1.fitted(d.height as usize, theme.dim());
        Paragraph::new(details).render(d, buf);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// "… and N more" counts the telegrams not shown, not the hint below
    /// them.
    #[test]
    fn the_panel_says_how_many_telegrams_it_does_not_show() {
        let line = |s: &str| Line::raw(s.to_string());
        let d = Detail {
            head: vec![line("Stalin → Mao: 5 telegrams"), line("via …")],
            rows: (1..=5).map(|i| line(&format!("t{i}"))).collect(),
            hint: Some(line("enter narrows")),
        };
        let text = |room| -> Vec<String> {
            d.fitted(room, Default::default())
                .iter()
                .map(|l| l.to_string())
                .collect()
        };
        assert_eq!(text(8).len(), 8);
        assert_eq!(text(8).last().unwrap(), "enter narrows");
        assert_eq!(text(7)[2..], ["t1", "t2", "t3", "t4", "  … and 1 more"]);
        assert_eq!(text(4)[2..], ["t1", "  … and 4 more"]);
        assert_eq!(text(3)[2..], ["  … and 5 more"]);
        assert_eq!(text(1), ["Stalin → Mao: 5 telegrams"]);
        assert!(text(0).is_empty());
    }

    #[test]
    fn the_cursors_column_stays_in_view() {
        // Plenty of room: every column, at most 10 wide.
        assert_eq!(columns(8, 7, 200), (10, 0, 8));
        // Little room: 4 wide, scrolled so column 11 shows.
        let (cw, first, fit) = columns(20, 11, 40);
        assert_eq!((cw, fit), (4, 10));
        assert!(first <= 11 && 11 < first + fit);
        assert_eq!(first_row(20, 0, 5), 0);
        assert_eq!(first_row(20, 19, 5), 15);
        assert_eq!(first_row(3, 2, 5), 0);
    }
}
