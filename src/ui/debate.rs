//! The debate view: the positions of the trigger-vs-justification debate
//! grouped by stance, beside the selected one in full — claim, the paper's
//! words, the paper's answer, the evidence. `enter` on a telegram of the
//! evidence opens it in the reader; `t` shows the timeline with the
//! position's evidence marked.

use std::any::Any;

use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Widget};

use super::component::{Component, Cx, Outcome, RenderCx, stop_unless_global};
use super::timeline::{On, Timeline};
use super::widgets::{boxed, content_rect, inner, keep_in_view, list_and_detail, moved};
use crate::action::Action;
use crate::app::App;
use crate::keymap::Context;
use crate::view::debate::{
    Evidence, YourNote, detail, detail_yours, evidence, evidence_yours, list, order, your_reading,
};

/// Where the parts go: the list, and the position in full.
fn parts(size: Size) -> (Rect, Rect, Rect) {
    let frame = Rect::new(0, 0, size.width, size.height.saturating_sub(1));
    let body = content_rect(inner(frame));
    if body.width >= 100 {
        let lw = (body.width * 36 / 100).max(30);
        let list = Rect { width: lw, ..body };
        let detail = Rect {
            x: body.x + lw + 2,
            width: body.width.saturating_sub(lw + 2),
            ..body
        };
        (frame, list, detail)
    } else {
        let lh = (body.height * 40 / 100).max(3).min(body.height);
        let list = Rect { height: lh, ..body };
        let detail = Rect {
            y: body.y + lh + 1,
            height: body.height.saturating_sub(lh + 1),
            ..body
        };
        (frame, list, detail)
    }
}

/// What the view draws, for one selection, cursor and size.
#[derive(Default)]
struct Drawn {
    key: Option<(usize, Option<usize>, Size)>,
    list: Vec<Line<'static>>,
    rows: Vec<usize>,
    detail: Vec<Line<'static>>,
    evidence_rows: Vec<usize>,
}

pub struct Debate {
    /// Position indices in display order.
    order: Vec<usize>,
    /// The selected position (index into `order`).
    pub selected: usize,
    /// The cursor in the evidence, when the evidence has the focus.
    pub cursor: Option<usize>,
    /// Your notes that take a stance: "your reading", one more position.
    pub yours: Vec<YourNote>,
    yours_epoch: Option<u64>,
    list_scroll: usize,
    detail_scroll: usize,
    drawn: Drawn,
}

impl Debate {
    /// `D`: the debate, on the first position citing the open telegram.
    pub fn open(cx: &mut Cx) -> Option<Debate> {
        let corpus = &cx.app.corpus;
        if corpus.positions.is_empty() {
            cx.app
                .say("this corpus has no debate.toml: no positions to show");
            return None;
        }
        let order = order(corpus);
        let selected = cx
            .app
            .telegram()
            .and_then(|t| {
                order
                    .iter()
                    .position(|&i| corpus.positions[i].cites_telegram(&t.id))
            })
            .unwrap_or(0);
        Some(Debate {
            order,
            selected,
            cursor: None,
            yours: Vec::new(),
            yours_epoch: None,
            list_scroll: 0,
            detail_scroll: 0,
            drawn: Drawn::default(),
        })
    }

    /// Whether "your reading" is selected (it follows the positions).
    fn on_yours(&self) -> bool {
        self.selected >= self.order.len()
    }

    /// The positions, and your reading if your notes take a stance.
    fn rows(&self) -> usize {
        self.order.len() + usize::from(!self.yours.is_empty())
    }

    fn evidence(&self, app: &App) -> Vec<Evidence> {
        if self.on_yours() {
            return evidence_yours(&self.yours);
        }
        evidence(
            &app.corpus,
            &app.corpus.positions[self.order[self.selected]],
        )
    }
}

impl Component for Debate {
    fn context(&self, _: &App) -> Context {
        Context::Debate
    }

    fn mode(&self, _: &App) -> &'static str {
        "DEBATE"
    }

    fn hints(&self, _: &RenderCx) -> Vec<(Action, &'static str)> {
        vec![
            (Action::Down, "move"),
            (Action::SwitchSide, "evidence"),
            (Action::Open, "open"),
            (Action::Timeline, "timeline"),
            (Action::Close, "back"),
        ]
    }

    fn resume(&self) -> Option<crate::app::session::Resume> {
        Some(crate::app::session::Overlay::Debate.into())
    }

    fn update(&mut self, action: Action, cx: &mut Cx) -> Outcome {
        let n = self.rows();
        let ev = self.evidence(cx.app).len();
        let (_, _, d) = parts(cx.size);
        let half = (d.height as usize / 2).max(1);
        match (action, self.cursor) {
            (Action::Close | Action::Cancel | Action::Debate, _) => return Outcome::Close,
            (a @ (Action::Down | Action::Up | Action::Top | Action::Bottom), None) => {
                self.selected = moved(self.selected, n, a)
            }
            (a @ (Action::Down | Action::Up | Action::Top | Action::Bottom), Some(c)) => {
                self.cursor = Some(moved(c, ev, a))
            }
            (Action::HalfPageDown | Action::PageDown, _) => self.detail_scroll += half,
            (Action::HalfPageUp | Action::PageUp, _) => {
                self.detail_scroll = self.detail_scroll.saturating_sub(half)
            }
            (Action::SwitchSide, Some(_)) => self.cursor = None,
            (Action::SwitchSide | Action::Open | Action::Confirm, None) => {
                if ev == 0 {
                    cx.app
                        .say("the paper ties no telegram or event to this position");
                } else {
                    self.cursor = Some(0);
                }
            }
            (Action::Open | Action::Confirm, Some(c)) => match self.evidence(cx.app).get(c) {
                Some(Evidence::Telegram(i)) => {
                    if cx.app.go_to(*i) {
                        cx.app.say("the list filter was cleared to show it");
                    }
                    return Outcome::Close;
                }
                Some(Evidence::Event(_)) => {
                    let t = cx.hints.key(Context::Debate, Action::Timeline);
                    cx.app.say(format!(
                        "an event, not a telegram: {t} shows it on the timeline"
                    ));
                }
                None => {}
            },
            (Action::Timeline, _) if self.on_yours() => {
                cx.app
                    .say("your reading is not a position of the paper's: t marks those");
            }
            (Action::Timeline, cursor) => {
                let corpus = std::sync::Arc::clone(&cx.app.corpus);
                let p = &corpus.positions[self.order[self.selected]];
                // On the evidence under the cursor, if the cursor is there.
                let on = cursor.and_then(|c| self.evidence(cx.app).get(c).copied());
                let on = on.and_then(|e| match e {
                    Evidence::Telegram(i) => Some(On::Telegram(i)),
                    Evidence::Event(i) => corpus.events[i]
                        .date
                        .is_full()
                        .then(|| On::Day(corpus.events[i].date.day_number())),
                });
                let marked = Timeline::marked(cx, p.clone(), on);
                return Outcome::Push(Box::new(marked));
            }
            (other, _) => return stop_unless_global(other),
        }
        if matches!(
            action,
            Action::Down | Action::Up | Action::Top | Action::Bottom
        ) && self.cursor.is_none()
        {
            self.detail_scroll = 0;
        }
        Outcome::Consumed
    }

    fn sync(&mut self, cx: &mut Cx) {
        let (_, l, d) = parts(cx.size);
        if self.yours_epoch != Some(cx.app.notes_epoch) {
            self.yours = your_reading(&cx.app.corpus, &cx.app.store.notes);
            self.yours_epoch = Some(cx.app.notes_epoch);
            self.selected = self.selected.min(self.rows() - 1);
            self.drawn.key = None;
        }
        let key = Some((self.selected, self.cursor, cx.size));
        if self.drawn.key != key {
            let corpus = &cx.app.corpus;
            let w = d.width as usize;
            let (list, rows) = list(
                corpus,
                cx.theme,
                l.width as usize,
                self.selected,
                &self.yours,
            );
            let (detail, evidence_rows) = if self.on_yours() {
                detail_yours(corpus, &self.yours, cx.theme, w, self.cursor)
            } else {
                let p = &corpus.positions[self.order[self.selected]];
                detail(corpus, p, cx.theme, w, self.cursor)
            };
            self.drawn = Drawn {
                key,
                list,
                rows,
                detail,
                evidence_rows,
            };
        }
        // The selected row in view, with its group's heading when there is room.
        let h = l.height as usize;
        if let Some(&row) = self.drawn.rows.get(self.selected) {
            if row < self.list_scroll + 1 {
                self.list_scroll = row.saturating_sub(1);
            } else if h > 0 && row >= self.list_scroll + h {
                self.list_scroll = row + 1 - h;
            }
        }
        // The evidence under the cursor in view.
        let dh = d.height as usize;
        if let Some(&row) = self.cursor.and_then(|c| self.drawn.evidence_rows.get(c)) {
            keep_in_view(&mut self.detail_scroll, row, dh);
        }
        self.detail_scroll = self
            .detail_scroll
            .min(self.drawn.detail.len().saturating_sub(dh));
    }

    fn render(&self, screen: Rect, buf: &mut Buffer, cx: &RenderCx) {
        let (frame, l, d) = parts(cx.size);
        let frame = frame.intersection(screen);
        Clear.render(frame, buf);
        let n = self.order.len();
        let title = format!("The debate · trigger or justification · {n} positions");
        let hint = cx.hints.line(
            Context::Debate,
            &[
                (Action::SwitchSide, "evidence"),
                (Action::Open, "opens"),
                (Action::Timeline, "marks it on the timeline"),
            ],
        );
        let block = boxed(&title, Some(&hint), true, frame.width, cx.theme);
        block.render(frame, buf);
        if l.height == 0 || d.height == 0 || l.width < 10 {
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
