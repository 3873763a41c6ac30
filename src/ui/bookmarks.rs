//! The bookmarks overlay (`B`): every bookmark, oldest first — its date,
//! who wrote to whom, the title, and the passage when it is one — `enter`
//! goes there (a jump, so `ctrl-o` comes back), `d` removes one.

use std::any::Any;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::component::{Component, Cx, Outcome, RenderCx, stop_unless_global};
use super::layout::centered;
use super::widgets::{boxed, content_rect, keep_in_view, moved};
use crate::action::Action;
use crate::app::App;
use crate::app::session::Bookmark;
use crate::corpus::Corpus;
use crate::keymap::Context;
use crate::text::{truncate, width};
use crate::theme::Theme;

pub struct Bookmarks {
    pub selected: usize,
    scroll: usize,
    /// The rows as laid out (two lines each), and for what (bookmarks
    /// epoch, width).
    rows: (Option<(u64, usize)>, Vec<[Line<'static>; 2]>),
    /// The list's area, from the last layout.
    size: ratatui::layout::Size,
}

/// Where the overlay goes on the screen.
fn frame(screen: Rect) -> Rect {
    centered(screen, 80, 70, 40, 8).intersection(screen)
}

/// One bookmark as two lines `w` wide: when, who to whom and the title;
/// then what is marked (a passage of one version, or the whole telegram).
fn row(corpus: &Corpus, b: &Bookmark, w: usize, theme: &Theme) -> [Line<'static>; 2] {
    let Some(t) = corpus.telegram(&b.telegram) else {
        return [
            Line::styled(truncate(&b.telegram, w), theme.dim()),
            Line::styled(
                truncate("  not in this corpus (the bookmark is kept)", w),
                theme.dim(),
            ),
        ];
    };
    let date = format!("{:>6}  ", crate::ui::reader::list::short_date(t).trim());
    let who = format!("{} → {}  ", corpus.names(&t.from), corpus.names(&t.to));
    let rest = w.saturating_sub(width(&date));
    let who = truncate(&who, rest / 2);
    let title = truncate(&t.title, rest.saturating_sub(width(&who)));
    let what = match (&b.align, &b.witness) {
        (Some(a), Some(wid)) => {
            let label = t
                .witnesses()
                .iter()
                .find(|x| &x.id == wid)
                .map_or(wid.as_str(), |x| x.label.as_str());
            format!("§ {a} · {label}")
        }
        _ => "the whole telegram".to_string(),
    };
    let pad = " ".repeat(width(&date));
    [
        Line::from(vec![
            Span::styled(date, theme.dim()),
            Span::styled(who, theme.heading()),
            Span::raw(title),
        ]),
        Line::from(vec![
            Span::raw(pad),
            Span::styled(truncate(&what, rest), theme.key()),
        ]),
    ]
}

impl Bookmarks {
    pub fn open(cx: &mut Cx) -> Bookmarks {
        // Start on the open telegram's bookmark, if it has one.
        let open = cx.app.telegram().map(|t| t.id.clone());
        let selected = cx
            .app
            .bookmarks
            .iter()
            .position(|b| Some(&b.telegram) == open.as_ref())
            .unwrap_or(0);
        Bookmarks {
            selected,
            scroll: 0,
            rows: (None, Vec::new()),
            size: cx.size,
        }
    }

    /// How many bookmarks fit (two lines each).
    fn height(&self) -> usize {
        let r = frame(Rect::new(0, 0, self.size.width, self.size.height));
        (r.height.saturating_sub(2) as usize / 2).max(1)
    }
}

impl Component for Bookmarks {
    fn context(&self, _: &App) -> Context {
        Context::Bookmarks
    }

    fn mode(&self, _: &App) -> &'static str {
        "BOOKMARKS"
    }

    fn hints(&self, _: &RenderCx) -> Vec<(Action, &'static str)> {
        vec![
            (Action::Down, "move"),
            (Action::Open, "go"),
            (Action::RemoveBookmark, "remove"),
            (Action::Close, "close"),
        ]
    }

    fn update(&mut self, action: Action, cx: &mut Cx) -> Outcome {
        let n = cx.app.bookmarks.len();
        let page = self.height().max(1);
        match action {
            Action::Close | Action::Cancel | Action::Bookmarks => return Outcome::Close,
            Action::Down | Action::Up | Action::Top | Action::Bottom => {
                self.selected = moved(self.selected, n, action)
            }
            Action::PageDown | Action::HalfPageDown => {
                self.selected = (self.selected + page).min(n.saturating_sub(1))
            }
            Action::PageUp | Action::HalfPageUp => {
                self.selected = self.selected.saturating_sub(page)
            }
            Action::Open | Action::Confirm => {
                if cx.app.go_to_bookmark(self.selected) {
                    return Outcome::Close;
                }
            }
            Action::RemoveBookmark => {
                cx.app.remove_bookmark(self.selected, cx.effects);
                self.selected = self.selected.min(cx.app.bookmarks.len().saturating_sub(1));
            }
            other => return stop_unless_global(other),
        }
        Outcome::Consumed
    }

    fn sync(&mut self, cx: &mut Cx) {
        self.size = cx.size;
        let w = content_rect(frame(Rect::new(0, 0, cx.size.width, cx.size.height)))
            .width
            .saturating_sub(2) as usize;
        let key = (cx.app.bookmarks_epoch, w);
        if self.rows.0 != Some(key) {
            let rows = cx
                .app
                .bookmarks
                .iter()
                .map(|b| row(&cx.app.corpus, b, w, cx.theme))
                .collect();
            self.rows = (Some(key), rows);
        }
        self.selected = self.selected.min(cx.app.bookmarks.len().saturating_sub(1));
        let h = self.height();
        keep_in_view(&mut self.scroll, self.selected, h);
    }

    fn render(&self, screen: Rect, buf: &mut Buffer, cx: &RenderCx) {
        let theme = cx.theme;
        let r = frame(screen);
        Clear.render(r, buf);
        let hint = cx.hints.line(
            Context::Bookmarks,
            &[
                (Action::Open, "goes there"),
                (Action::RemoveBookmark, "removes"),
                (Action::Close, "closes"),
            ],
        );
        let title = format!("Bookmarks · {}", cx.app.bookmarks.len());
        let block = boxed(&title, Some(&hint), true, r.width, theme);
        let inner = block.inner(r);
        block.render(r, buf);
        let content = content_rect(inner);
        let mut lines: Vec<Line> = Vec::new();
        for (i, pair) in self
            .rows
            .1
            .iter()
            .enumerate()
            .skip(self.scroll)
            .take(content.height as usize / 2)
        {
            for l in pair {
                let mut l = l.clone();
                if i == self.selected {
                    l = l.style(theme.selected(true));
                }
                lines.push(l);
            }
        }
        if cx.app.bookmarks.is_empty() {
            let key = cx.hints.key(Context::Global, Action::ToggleBookmark);
            lines.push(Line::styled(
                format!("No bookmarks yet: {key} bookmarks the telegram (or the passage under the cursor)."),
                theme.dim(),
            ));
        }
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .render(content, buf);
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
