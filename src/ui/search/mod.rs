//! The search overlay: the query as typed, the ranked hits with a snippet
//! of where each matched, and a preview of the selected telegram at its
//! match. Queries leave as effects and answers come back as events with
//! the generation they were asked for; stale ones are dropped. What the
//! overlay shows is laid out when the hits, the selection or the size
//! change, not per frame.

use std::any::Any;
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::KeyCode;
use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::component::{Component, Cx, Outcome, RenderCx, stop_unless_global};
use super::layout::centered;
use super::widgets::{boxed, content_rect, inner};
use crate::action::Action;
use crate::app::search::LastSearch;
use crate::app::{App, Effect, Event, Pane};
use crate::keymap::{Context, Key};
use crate::search::{Hit, ParseError, parse};
use crate::text::{sanitize, truncate};

mod rows;

/// Where the reader was when the search opened, to go back on `esc`.
#[derive(Clone, Debug, PartialEq)]
struct Restore {
    selected: usize,
    offset: usize,
    open: Option<usize>,
    focus: Pane,
    message_scroll: usize,
}

/// What the overlay shows below the query, laid out.
#[derive(Default)]
struct Shown {
    key: Option<(bool, bool, u64, usize, usize, Size)>,
    results: Vec<Line<'static>>,
    preview: Vec<Line<'static>>,
}

pub struct Search {
    pub query: String,
    /// Generation of the query as typed.
    pub generation: u64,
    /// The newest results to arrive, and the generation they answer.
    pub hits: Option<Arc<Vec<Hit>>>,
    pub hits_gen: u64,
    pub error: Option<ParseError>,
    /// How long the shown results took: from the key to the screen, and
    /// the search alone (the terminal reports both; tests neither).
    pub took: Option<(Duration, Duration)>,
    searched: Duration,
    pub selected: usize,
    pub offset: usize,
    restore: Restore,
    shown: Shown,
}

/// Where the overlay and its parts go.
struct Parts {
    frame: Rect,
    query: Rect,
    info: Rect,
    results: Rect,
    preview: Rect,
}

fn parts(size: Size) -> Parts {
    let screen = Rect::new(0, 0, size.width, size.height.saturating_sub(1));
    let frame = centered(screen, 92, 92, 40, 10);
    let inner = content_rect(inner(frame));
    let query = Rect {
        height: inner.height.min(1),
        ..inner
    };
    let info = Rect {
        y: inner.y + 1,
        height: inner.height.saturating_sub(1).min(1),
        ..inner
    };
    let body_h = inner.height.saturating_sub(3);
    let preview_h = if body_h >= 14 { body_h * 45 / 100 } else { 0 };
    let results = Rect {
        y: inner.y + 3,
        height: body_h - preview_h,
        ..inner
    };
    let preview = Rect {
        y: results.bottom(),
        height: preview_h,
        ..inner
    };
    Parts {
        frame,
        query,
        info,
        results,
        preview,
    }
}

/// How many result rows the overlay shows at this size.
fn result_rows(size: Size) -> usize {
    parts(size).results.height as usize
}

impl Search {
    /// `/`: the overlay, with the last search's text to start from.
    pub fn open(cx: &mut Cx) -> Search {
        let app = &*cx.app;
        let restore = Restore {
            selected: app.list.selected,
            offset: app.list.offset,
            open: app.open,
            focus: app.focus,
            message_scroll: app.message_scroll,
        };
        // Else the previous run's, sent again once the index is ready (or
        // still waiting for it).
        let query = app
            .last_search
            .as_ref()
            .map(|l| l.text.clone())
            .or_else(|| app.resumed_query().map(str::to_owned))
            .unwrap_or_default();
        let mut s = Search {
            query,
            generation: 0,
            hits: None,
            hits_gen: 0,
            error: None,
            took: None,
            searched: Duration::ZERO,
            selected: 0,
            offset: 0,
            restore,
            shown: Shown::default(),
        };
        s.submit(cx);
        s
    }

    /// The results are for the query shown.
    pub fn current(&self) -> bool {
        self.hits.is_some() && self.hits_gen == self.generation
    }

    /// Sends the query as typed: parse errors show at once; otherwise the
    /// query goes to the index.
    fn submit(&mut self, cx: &mut Cx) {
        self.generation = cx.app.next_search_generation();
        match parse(&self.query) {
            Err(e) => {
                self.error = Some(e);
                self.hits = None;
            }
            // Nothing typed: nothing found (not every telegram at score 0).
            Ok(q) if q.is_empty() => {
                self.error = None;
                self.hits = Some(Arc::new(Vec::new()));
                self.hits_gen = self.generation;
                self.selected = 0;
                self.offset = 0;
            }
            Ok(_) => {
                self.error = None;
                cx.effects.push(Effect::Search {
                    generation: self.generation,
                    query: self.query.clone(),
                });
            }
        }
    }

    fn deliver(
        &mut self,
        generation: u64,
        result: &Result<Arc<Vec<Hit>>, ParseError>,
        took: Duration,
    ) {
        if generation != self.generation {
            return;
        }
        match result {
            Ok(hits) => {
                self.hits = Some(Arc::clone(hits));
                self.hits_gen = generation;
                self.error = None;
                self.took = None;
                self.searched = took;
                self.selected = 0;
                self.offset = 0;
            }
            Err(e) => {
                self.error = Some(e.clone());
                self.hits = None;
            }
        }
    }

    /// Lays out the result rows and the preview, if what they show changed.
    fn layout(&mut self, cx: &Cx) {
        // Not the query's generation: a key typed lays nothing out again
        // until its answer comes (the rows of the last answer stay). Only
        // an empty list's line ("type to search", "no match") says it is
        // the answer to what is typed, so there whether it is counts.
        let key = Some((
            self.hits.is_some(),
            self.hits.as_ref().is_some_and(|h| h.is_empty()) && self.current(),
            self.hits_gen,
            self.offset,
            self.selected,
            cx.size,
        ));
        if self.shown.key == key {
            return;
        }
        let p = parts(cx.size);
        let query = parse(&self.query).ok();
        self.shown = Shown {
            key,
            results: self.results(cx, &p, query.as_ref()),
            preview: self.preview(cx, &p, query.as_ref()),
        };
    }
}

impl Component for Search {
    fn context(&self, _: &App) -> Context {
        Context::Search
    }

    fn mode(&self, _: &App) -> &'static str {
        "SEARCH"
    }

    fn hints(&self, _: &RenderCx) -> Vec<(Action, &'static str)> {
        vec![
            (Action::Down, "move"),
            (Action::Confirm, "open"),
            (Action::ClearInput, "clear"),
            (Action::Close, "back"),
        ]
    }

    fn takes_text(&self) -> bool {
        true
    }

    fn update(&mut self, action: Action, cx: &mut Cx) -> Outcome {
        let rows = result_rows(cx.size);
        let n = self.hits.as_ref().map_or(0, |h| h.len());
        let mv = |s: &mut Search, d: isize| {
            if n > 0 {
                s.selected = (s.selected as isize + d).clamp(0, n as isize - 1) as usize;
            }
            if s.selected < s.offset {
                s.offset = s.selected;
            } else if rows > 0 && s.selected >= s.offset + rows {
                s.offset = s.selected + 1 - rows;
            }
        };
        match action {
            Action::Close | Action::Cancel => {
                let r = &self.restore;
                let app = &mut *cx.app;
                app.list.selected = r.selected;
                app.list.offset = r.offset;
                app.open = r.open;
                app.focus = r.focus;
                app.message_scroll = r.message_scroll;
                return Outcome::Close;
            }
            Action::Down => mv(self, 1),
            Action::Up => mv(self, -1),
            Action::PageDown | Action::HalfPageDown => mv(self, rows.max(1) as isize),
            Action::PageUp | Action::HalfPageUp => mv(self, -(rows.max(1) as isize)),
            Action::Top => mv(self, -(n as isize)),
            Action::Bottom => mv(self, n as isize),
            Action::ClearInput => {
                self.query.clear();
                self.submit(cx);
            }
            Action::Confirm => {
                let (Some(hits), true) = (self.hits.clone(), self.current()) else {
                    return Outcome::Consumed;
                };
                let Some(hit) = hits.get(self.selected).copied() else {
                    return Outcome::Consumed;
                };
                if let Ok(query) = parse(&self.query) {
                    cx.app.set_last_search(LastSearch {
                        text: self.query.clone(),
                        query,
                        hits,
                        current: self.selected,
                    });
                }
                cx.app.show_hit(hit.record as usize);
                return Outcome::Close;
            }
            other => return stop_unless_global(other),
        }
        Outcome::Consumed
    }

    fn key(&mut self, key: Key, cx: &mut Cx) -> Outcome {
        match (key.typed_char(), key.code) {
            (Some(c), _) => self.query.push(c),
            (None, KeyCode::Backspace) => {
                if self.query.pop().is_none() {
                    return Outcome::Consumed;
                }
            }
            _ => return Outcome::Consumed,
        }
        self.submit(cx);
        Outcome::Consumed
    }

    fn paste(&mut self, text: &str, cx: &mut Cx) -> Outcome {
        self.query.extend(text.chars().filter(|c| !c.is_control()));
        self.submit(cx);
        Outcome::Consumed
    }

    fn event(&mut self, event: &Event, cx: &mut Cx) -> Outcome {
        match event {
            Event::SearchResults {
                generation,
                result,
                took,
            } => {
                self.deliver(*generation, result, *took);
                Outcome::Consumed
            }
            Event::SearchShown { generation, took } => {
                if *generation == self.hits_gen && self.current() {
                    self.took = Some((*took, self.searched));
                }
                Outcome::Consumed
            }
            // The index is ready: send the query again if it waited.
            Event::SearchReady => {
                if !self.current() {
                    self.submit(cx);
                }
                Outcome::Ignored
            }
            _ => Outcome::Ignored,
        }
    }

    fn sync(&mut self, cx: &mut Cx) {
        self.layout(cx);
    }

    fn render(&self, screen: Rect, buf: &mut Buffer, cx: &RenderCx) {
        let (app, theme, s) = (cx.app, cx.theme, self);
        let p = parts(cx.size);
        let frame = p.frame.intersection(screen);
        Clear.render(frame, buf);
        let hint = format!(
            "type to search · {}",
            cx.hints.line(
                Context::Search,
                &[
                    (Action::Down, "moves"),
                    (Action::Confirm, "opens"),
                    (Action::Close, "goes back"),
                ],
            )
        );
        let block = boxed("Search", Some(&hint), true, frame.width, theme);
        block.render(frame, buf);
        if p.results.height == 0 {
            return;
        }
        let w = p.query.width as usize;
        // The query line.
        let q = Line::from(vec![
            Span::styled("/ ", theme.key()),
            Span::raw(truncate(&sanitize(&s.query), w.saturating_sub(4))),
            Span::styled("▏", theme.key()),
        ]);
        Paragraph::new(q).render(p.query, buf);
        // The line below it: an error, progress, or the count.
        let info = match (&s.error, &s.hits) {
            (Some(e), _) => Line::styled(
                truncate(&format!("{}: {}", e.column + 1, e.message), w),
                theme.error(),
            ),
            (None, _) if !app.search_ready => Line::styled(
                truncate(
                    &match app.index_progress {
                        _ if app.loading.is_some_and(|l| !l.failed) => {
                            "the index is built once the whole corpus is in".to_string()
                        }
                        Some(p) => {
                            format!("indexing {} telegrams… {p} %", app.corpus.telegrams.len())
                        }
                        None => format!("indexing {} telegrams…", app.corpus.telegrams.len()),
                    },
                    w,
                ),
                theme.dim(),
            ),
            // Nothing typed: nothing counted (the results invite typing).
            (None, _) if s.query.trim().is_empty() => Line::default(),
            (None, Some(h)) => {
                let mut t = format!("{} hit{}", h.len(), if h.len() == 1 { "" } else { "s" });
                if !s.current() {
                    t.push_str(" · searching…");
                } else if let Some((screen, search)) = s.took {
                    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
                    t.push_str(&format!(
                        " · on screen in {:.1} ms (search {:.1})",
                        ms(screen),
                        ms(search)
                    ));
                }
                Line::styled(truncate(&t, w), theme.dim())
            }
            (None, None) => Line::styled("searching…", theme.dim()),
        };
        Paragraph::new(info).render(p.info, buf);
        buf.set_stringn(p.info.x, p.info.y + 1, "─".repeat(w), w, theme.dim());
        Paragraph::new(self.shown.results.clone()).render(p.results, buf);
        if !self.shown.preview.is_empty() {
            buf.set_stringn(
                p.preview.x,
                p.preview.y,
                format!("── preview {}", "─".repeat(w)),
                w,
                theme.dim(),
            );
            let body = Rect {
                y: p.preview.y + 1,
                height: p.preview.height - 1,
                ..p.preview
            };
            Paragraph::new(self.shown.preview.clone()).render(body, buf);
        }
    }

    /// No search runs on the part shown while the corpus loads (the index
    /// is built on the whole), so there are no results to renumber: only
    /// where `esc` goes back to.
    fn corpus_replaced(&mut self, map: &dyn Fn(usize) -> Option<usize>, cx: &mut Cx) -> bool {
        self.restore.open = self.restore.open.and_then(map);
        self.restore.selected = cx.app.list.selected;
        self.restore.offset = cx.app.list.offset;
        self.hits = None;
        self.shown = Shown::default();
        true
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
