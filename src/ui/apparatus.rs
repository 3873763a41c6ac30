//! The apparatus view (`F`): the paper's footnotes — those the open
//! telegram cites, or all of them — each in full with what else cites it;
//! and (`s`) the bibliography, each work with what rests on it. `enter` on
//! a telegram, a note or a position opens it; `esc` returns.

use std::any::Any;

use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Widget};

use super::component::{Component, Cx, Outcome, RenderCx, stop_unless_global};
use super::widgets::{boxed, content_rect, inner, keep_in_view, list_and_detail, moved};
use crate::action::Action;
use crate::app::{App, Pane};
use crate::keymap::Context;
use crate::text::{fit, truncate};
use crate::view::apparatus::{Target, cited_by, footnote, work};

/// What the list holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Listing {
    /// The footnotes the open telegram cites.
    Telegram,
    /// Every footnote of the paper.
    All,
    /// The works of the bibliography.
    Sources,
}

fn parts(size: Size) -> (Rect, Rect, Rect) {
    let frame = Rect::new(0, 0, size.width, size.height.saturating_sub(1));
    let body = content_rect(inner(frame));
    let lw = if body.width >= 100 {
        36
    } else {
        (body.width / 3).max(12)
    };
    let list = Rect {
        width: lw.min(body.width),
        ..body
    };
    let detail = Rect {
        x: body.x + lw + 2,
        width: body.width.saturating_sub(lw + 2),
        ..body
    };
    (frame, list, detail)
}

#[derive(Default)]
struct Drawn {
    key: Option<(Listing, usize, Option<usize>, Size)>,
    list: Vec<Line<'static>>,
    detail: Vec<Line<'static>>,
    rows: Vec<usize>,
    targets: Vec<Target>,
}

pub struct Apparatus {
    pub listing: Listing,
    /// Footnote numbers, or work ids, as listed.
    numbers: Vec<u32>,
    works: Vec<String>,
    pub selected: usize,
    /// The cursor in "cited by", when it has the focus.
    pub cursor: Option<usize>,
    list_scroll: usize,
    detail_scroll: usize,
    drawn: Drawn,
}

impl Apparatus {
    /// `F`: the footnotes of the open telegram (all of them if it cites none).
    pub fn open(cx: &mut Cx) -> Apparatus {
        let mut a = Apparatus {
            listing: Listing::Telegram,
            numbers: Vec::new(),
            works: cx.app.corpus.works.iter().map(|w| w.id.clone()).collect(),
            selected: 0,
            cursor: None,
            list_scroll: 0,
            detail_scroll: 0,
            drawn: Drawn::default(),
        };
        a.relist(cx.app);
        if a.numbers.is_empty() {
            a.listing = Listing::All;
            a.relist(cx.app);
        }
        a
    }

    fn relist(&mut self, app: &App) {
        self.numbers = match self.listing {
            Listing::Telegram => app.telegram().map(cited_by).unwrap_or_default(),
            Listing::All => {
                let mut v: Vec<u32> = app.corpus.footnotes.iter().map(|f| f.number).collect();
                if v.is_empty() {
                    v = app.telegram().map(cited_by).unwrap_or_default();
                }
                v
            }
            Listing::Sources => Vec::new(),
        };
        self.selected = 0;
        self.cursor = None;
        self.list_scroll = 0;
        self.detail_scroll = 0;
        self.drawn.key = None;
    }

    fn len(&self) -> usize {
        match self.listing {
            Listing::Sources => self.works.len(),
            _ => self.numbers.len(),
        }
    }

    /// The footnote under the selection, if the list holds footnotes.
    pub fn footnote(&self) -> Option<u32> {
        (self.listing != Listing::Sources)
            .then(|| self.numbers.get(self.selected).copied())
            .flatten()
    }
}

impl Component for Apparatus {
    fn context(&self, _: &App) -> Context {
        Context::Apparatus
    }

    fn mode(&self, _: &App) -> &'static str {
        if self.listing == Listing::Sources {
            "SOURCES"
        } else {
            "FOOTNOTES"
        }
    }

    fn hints(&self, _: &RenderCx) -> Vec<(Action, &'static str)> {
        vec![
            (Action::Down, "move"),
            (Action::SwitchSide, "cited by"),
            (Action::Open, "open"),
            (Action::ToggleSources, "sources"),
            (Action::AllFootnotes, "all"),
            (Action::Close, "back"),
        ]
    }

    fn resume(&self) -> Option<crate::app::session::Resume> {
        Some(crate::app::session::Overlay::Apparatus.into())
    }

    fn update(&mut self, action: Action, cx: &mut Cx) -> Outcome {
        let n = self.len();
        let m = self.drawn.targets.len();
        let (_, _, d) = parts(cx.size);
        let half = (d.height as usize / 2).max(1);
        match (action, self.cursor) {
            (Action::Close | Action::Cancel | Action::Apparatus, _) => return Outcome::Close,
            (a @ (Action::Down | Action::Up | Action::Top | Action::Bottom), None) => {
                self.selected = moved(self.selected, n, a)
            }
            (a @ (Action::Down | Action::Up | Action::Top | Action::Bottom), Some(c)) => {
                self.cursor = Some(moved(c, m, a))
            }
            (Action::HalfPageDown | Action::PageDown, _) => self.detail_scroll += half,
            (Action::HalfPageUp | Action::PageUp, _) => {
                self.detail_scroll = self.detail_scroll.saturating_sub(half)
            }
            (Action::SwitchSide, Some(_)) => self.cursor = None,
            (Action::SwitchSide | Action::Open | Action::Confirm, None) => {
                if m == 0 {
                    cx.app.say("nothing else in the corpus cites it");
                } else {
                    self.cursor = Some(0);
                }
            }
            (Action::Open | Action::Confirm, Some(c)) => {
                let app = &mut *cx.app;
                match self.drawn.targets.get(c).copied() {
                    Some(Target::Telegram(i)) => {
                        app.go_to(i);
                        return Outcome::Close;
                    }
                    Some(Target::Note(i, k)) => {
                        app.go_to(i);
                        // The note, selected in the annotations pane.
                        let t = &app.corpus.telegrams[i];
                        let order = crate::app::notes::display_order(t, &app.store.notes);
                        let want = crate::app::notes::NoteRef::Scholar(k);
                        app.notes.selected = order.iter().position(|r| *r == want).unwrap_or(0);
                        app.show_annotations = true;
                        app.focus = Pane::Annotations;
                        app.reveal = Some(crate::app::Reveal::SelectedNote);
                        return Outcome::Close;
                    }
                    Some(Target::Event(_)) => {
                        app.say("an event: the timeline (t in the reader) shows it on its day")
                    }
                    Some(Target::Position(_)) => {
                        app.say("a position of the debate: D in the reader shows it")
                    }
                    None => {}
                }
            }
            (Action::ToggleSources, _) => {
                self.listing = if self.listing == Listing::Sources {
                    Listing::Telegram
                } else {
                    Listing::Sources
                };
                self.relist(cx.app);
            }
            (Action::AllFootnotes, _) => {
                self.listing = if self.listing == Listing::All {
                    Listing::Telegram
                } else {
                    Listing::All
                };
                self.relist(cx.app);
            }
            (other, _) => return stop_unless_global(other),
        }
        if self.cursor.is_none()
            && matches!(
                action,
                Action::Down | Action::Up | Action::Top | Action::Bottom
            )
        {
            self.detail_scroll = 0;
        }
        Outcome::Consumed
    }

    fn sync(&mut self, cx: &mut Cx) {
        let (_, l, d) = parts(cx.size);
        let key = Some((self.listing, self.selected, self.cursor, cx.size));
        if self.drawn.key != key {
            let (corpus, theme) = (&cx.app.corpus, cx.theme);
            let lw = l.width as usize;
            let list: Vec<Line<'static>> = match self.listing {
                Listing::Sources => self
                    .works
                    .iter()
                    .enumerate()
                    .map(|(k, id)| {
                        let short = corpus.work(id).map_or(id.as_str(), |w| w.short.as_str());
                        row(k == self.selected, &fit(short, lw.saturating_sub(2)), theme)
                    })
                    .collect(),
                _ => self
                    .numbers
                    .iter()
                    .enumerate()
                    .map(|(k, n)| {
                        let missing = corpus.footnote_missing(*n);
                        let text = match corpus.footnote(*n).and_then(|f| f.text.as_deref()) {
                            Some(t) => format!("{n:>4}  {t}"),
                            None if missing => format!("{n:>4}  (missing from the paper)"),
                            None => format!("{n:>4}"),
                        };
                        row(
                            k == self.selected,
                            &truncate(&text, lw.saturating_sub(2)),
                            theme,
                        )
                    })
                    .collect(),
            };
            let w = d.width as usize;
            let (detail, rows, targets) = match self.listing {
                Listing::Sources => match self.works.get(self.selected) {
                    Some(id) => work(corpus, id, theme, w, self.cursor),
                    None => (Vec::new(), Vec::new(), Vec::new()),
                },
                _ => match self.numbers.get(self.selected) {
                    Some(n) => footnote(corpus, *n, theme, w, self.cursor),
                    None => (
                        vec![Line::styled(
                            "The open telegram cites no footnote.",
                            theme.dim(),
                        )],
                        Vec::new(),
                        Vec::new(),
                    ),
                },
            };
            self.drawn = Drawn {
                key,
                list,
                detail,
                rows,
                targets,
            };
        }
        keep_in_view(&mut self.list_scroll, self.selected, l.height as usize);
        let dh = d.height as usize;
        if let Some(&r) = self.cursor.and_then(|c| self.drawn.rows.get(c)) {
            keep_in_view(&mut self.detail_scroll, r, dh);
        }
        self.detail_scroll = self
            .detail_scroll
            .min(self.drawn.detail.len().saturating_sub(dh));
    }

    fn render(&self, screen: Rect, buf: &mut Buffer, cx: &RenderCx) {
        let (frame, l, d) = parts(cx.size);
        let frame = frame.intersection(screen);
        Clear.render(frame, buf);
        let title = match (self.listing, cx.app.telegram()) {
            (Listing::Telegram, Some(t)) => {
                format!(
                    "Footnotes cited by {} · {}",
                    t.date.long(),
                    cx.app.corpus.chain(t)
                )
            }
            (Listing::Sources, _) => "Sources: the paper's bibliography".to_string(),
            _ => "All the paper's footnotes".to_string(),
        };
        let hint = cx.hints.line(
            Context::Apparatus,
            &[
                (Action::SwitchSide, "cited by"),
                (Action::ToggleSources, "sources"),
                (Action::AllFootnotes, "all footnotes"),
                (Action::Close, "back"),
            ],
        );
        let block = boxed(&title, Some(&hint), true, frame.width, cx.theme);
        block.render(frame, buf);
        if l.height == 0 || d.width < 10 {
            return;
        }
        list_and_detail(
            (&self.drawn.list, self.list_scroll, l),
            (&self.drawn.detail, self.detail_scroll, d),
            frame,
            buf,
            cx.theme,
        );
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

fn row(selected: bool, text: &str, theme: &crate::theme::Theme) -> Line<'static> {
    let mark = if selected { "▸ " } else { "  " };
    let line = Line::raw(format!("{mark}{text}"));
    if selected {
        line.style(theme.selected(true))
    } else {
        line
    }
}
