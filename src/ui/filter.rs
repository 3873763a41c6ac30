//! The person picker behind `f`: type to narrow, `enter` filters the list.

use std::any::Any;

use crossterm::event::KeyCode;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::component::{Component, Cx, Outcome, RenderCx, stop_unless_global};
use super::layout::centered;
use super::widgets::{boxed, content_rect};
use crate::action::Action;
use crate::app::list::Filter as ListFilter;
use crate::app::{App, filter_matches};
use crate::corpus::Corpus;
use crate::keymap::{Context, Key};
use crate::text::{fit, truncate};

pub struct Filter {
    pub query: String,
    /// (person id, telegrams) matching the query, most telegrams first.
    pub matches: Vec<(String, usize)>,
    pub selected: usize,
}

impl Filter {
    pub fn new(corpus: &Corpus) -> Filter {
        Filter {
            query: String::new(),
            matches: filter_matches(corpus, ""),
            selected: 0,
        }
    }

    fn requery(&mut self, corpus: &Corpus) {
        self.matches = filter_matches(corpus, &self.query);
        self.selected = 0;
    }
}

impl Component for Filter {
    fn context(&self, _: &App) -> Context {
        Context::Filter
    }

    fn mode(&self, _: &App) -> &'static str {
        "FILTER"
    }

    fn hints(&self, _: &RenderCx) -> Vec<(Action, &'static str)> {
        vec![
            (Action::Down, "move"),
            (Action::Confirm, "filter"),
            (Action::Close, "cancel"),
        ]
    }

    fn takes_text(&self) -> bool {
        true
    }

    fn update(&mut self, action: Action, cx: &mut Cx) -> Outcome {
        let n = self.matches.len();
        let mut mv = |d: isize| {
            if n > 0 {
                self.selected = (self.selected as isize + d).clamp(0, n as isize - 1) as usize;
            }
        };
        match action {
            Action::Close | Action::Cancel | Action::Filter => return Outcome::Close,
            Action::Down => mv(1),
            Action::Up => mv(-1),
            Action::PageDown | Action::HalfPageDown => mv(10),
            Action::PageUp | Action::HalfPageUp => mv(-10),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = n.saturating_sub(1),
            Action::Confirm => {
                if let Some((id, _)) = self.matches.get(self.selected).cloned() {
                    cx.app.set_filter(ListFilter::Person(id));
                    return Outcome::Close;
                }
            }
            other => return stop_unless_global(other),
        }
        Outcome::Consumed
    }

    fn key(&mut self, key: Key, cx: &mut Cx) -> Outcome {
        match (key.typed_char(), key.code) {
            (Some(c), _) => self.query.push(c),
            (None, KeyCode::Backspace) => {
                self.query.pop();
            }
            _ => return Outcome::Consumed,
        }
        self.requery(&cx.app.corpus);
        Outcome::Consumed
    }

    fn paste(&mut self, text: &str, cx: &mut Cx) -> Outcome {
        self.query.extend(text.chars().filter(|c| !c.is_control()));
        self.requery(&cx.app.corpus);
        Outcome::Consumed
    }

    fn render(&self, screen: Rect, buf: &mut Buffer, cx: &RenderCx) {
        let theme = cx.theme;
        let r = centered(screen, 50, 70, 36, 12).intersection(screen);
        Clear.render(r, buf);
        let hint = format!(
            "type · {}",
            cx.hints.line(
                Context::Filter,
                &[(Action::Confirm, "filters"), (Action::Close, "cancels")],
            )
        );
        let block = boxed("Filter by person", Some(&hint), true, r.width, theme);
        let inner = block.inner(r);
        block.render(r, buf);
        let content = content_rect(inner);
        let w = content.width as usize;
        let mut lines = vec![
            Line::from(vec![
                Span::styled("Person: ", theme.label()),
                Span::raw(truncate(&self.query, w.saturating_sub(10))),
                Span::styled("▏", theme.key()),
            ]),
            Line::raw(""),
        ];
        let room = (content.height as usize).saturating_sub(2);
        let start = self.selected.saturating_sub(room.saturating_sub(1));
        for (i, (id, n)) in self.matches.iter().enumerate().skip(start).take(room) {
            let person = cx.app.corpus.person(id);
            let mut label = cx.app.corpus.name(id).to_string();
            if let Some(full) = person
                .and_then(|p| p.full_name.as_deref())
                .filter(|f| *f != label)
            {
                label.push_str(&format!(" ({full})"));
            }
            let count = format!(" {n}");
            let mut line = Line::from(vec![
                Span::raw(fit(&label, w.saturating_sub(count.len()))),
                Span::styled(count, theme.dim()),
            ]);
            if i == self.selected {
                line = line.style(theme.selected(true));
            }
            lines.push(line);
        }
        if self.matches.is_empty() {
            lines.push(Line::styled("nobody matches", theme.dim()));
        }
        Paragraph::new(lines).render(content, buf);
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
