//! The correspondence matrix: who wrote to whom, how often, and through
//! which channel. Enter on a cell narrows the list to that pair.

use std::collections::BTreeMap;

use super::{App, Overlay};
use crate::action::Action;
use crate::app::list::Filter;
use crate::corpus::{Corpus, Side};
use crate::layout::Pane;

/// The counts behind the matrix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matrix {
    /// Row people (senders) and column people (recipients), by id.
    pub senders: Vec<String>,
    pub recipients: Vec<String>,
    /// counts[row][col]: telegrams from the sender to the recipient (a joint
    /// message counts for each of its senders and recipients).
    pub counts: Vec<Vec<usize>>,
    /// For each cell with traffic: the channels used, and how often ("" for
    /// direct).
    pub via: BTreeMap<(usize, usize), BTreeMap<String, usize>>,
}

fn order(corpus: &Corpus, ids: impl Iterator<Item = String>) -> Vec<String> {
    let main = ["stalin", "mao", "zhou", "kim", "roshchin", "shtykov"];
    let mut v: Vec<String> = Vec::new();
    for id in ids {
        if !v.contains(&id) {
            v.push(id);
        }
    }
    v.sort_by_key(|id| {
        let us = corpus.person(id).is_some_and(|p| p.side == Side::Us);
        (
            us,
            main.iter().position(|m| m == id).unwrap_or(99),
            corpus.name(id).to_string(),
        )
    });
    v
}

/// Counts every sender → recipient pair of the corpus.
pub fn matrix(corpus: &Corpus) -> Matrix {
    let senders = order(
        corpus,
        corpus.telegrams.iter().flat_map(|t| t.from.iter().cloned()),
    );
    let recipients = order(
        corpus,
        corpus.telegrams.iter().flat_map(|t| t.to.iter().cloned()),
    );
    let mut counts = vec![vec![0; recipients.len()]; senders.len()];
    let mut via: BTreeMap<(usize, usize), BTreeMap<String, usize>> = BTreeMap::new();
    for t in &corpus.telegrams {
        for f in &t.from {
            for to in &t.to {
                let r = senders.iter().position(|s| s == f).expect("listed");
                let c = recipients.iter().position(|s| s == to).expect("listed");
                counts[r][c] += 1;
                let channel = corpus.via(t).unwrap_or_default();
                *via.entry((r, c)).or_default().entry(channel).or_default() += 1;
            }
        }
    }
    Matrix {
        senders,
        recipients,
        counts,
        via,
    }
}

/// The matrix view's cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatrixState {
    pub row: usize,
    pub col: usize,
}

impl App {
    pub(super) fn open_matrix(&mut self) {
        let m = matrix(&self.corpus);
        // Start on the open telegram's pair.
        let (row, col) = self
            .telegram()
            .map(|t| {
                let r = m.senders.iter().position(|s| *s == t.from[0]).unwrap_or(0);
                let c = m.recipients.iter().position(|s| *s == t.to[0]).unwrap_or(0);
                (r, c)
            })
            .unwrap_or((0, 0));
        self.overlays
            .push(Overlay::Matrix(MatrixState { row, col }));
    }

    pub(super) fn update_matrix(&mut self, action: Action) {
        let Some(Overlay::Matrix(mut s)) = self.overlays.last().cloned() else {
            return;
        };
        let m = matrix(&self.corpus);
        let (rows, cols) = (m.senders.len(), m.recipients.len());
        match action {
            Action::Close | Action::Cancel | Action::Matrix => {
                self.overlays.pop();
                return;
            }
            Action::Up => s.row = s.row.saturating_sub(1),
            Action::Down => s.row = (s.row + 1).min(rows.saturating_sub(1)),
            Action::Left => s.col = s.col.saturating_sub(1),
            Action::Right => s.col = (s.col + 1).min(cols.saturating_sub(1)),
            Action::Top => s.row = 0,
            Action::Bottom => s.row = rows.saturating_sub(1),
            Action::Open | Action::Confirm => {
                if m.counts
                    .get(s.row)
                    .and_then(|r| r.get(s.col))
                    .copied()
                    .unwrap_or(0)
                    == 0
                {
                    self.flash = Some("nobody wrote along this pair".into());
                } else {
                    self.overlays.pop();
                    self.list.filter = Some(Filter::Pair(
                        m.senders[s.row].clone(),
                        m.recipients[s.col].clone(),
                    ));
                    self.list.rebuild(&self.corpus, None);
                    self.focus = Pane::List;
                    self.keep_list_visible();
                    let clear = self
                        .keymap
                        .hint(crate::keymap::Context::List, Action::Filter)
                        .unwrap_or_default();
                    self.flash = Some(format!("list narrowed to one pair: {clear} clears"));
                    return;
                }
            }
            _ => {}
        }
        if let Some(Overlay::Matrix(top)) = self.overlays.last_mut() {
            *top = s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_pairs_and_channels() {
        let c = Corpus::embedded().unwrap();
        let m = matrix(&c);
        let r = m.senders.iter().position(|s| s == "mao").unwrap();
        let col = m.recipients.iter().position(|s| s == "stalin").unwrap();
        assert_eq!(m.counts[r][col], 2);
        assert_eq!(m.via[&(r, col)]["Roshchin"], 2);
        assert_eq!(&m.senders[..3], ["stalin", "mao", "zhou"]);
        // Joint messages count for each sender.
        let kim = m.senders.iter().position(|s| s == "kim").unwrap();
        let pak = m.senders.iter().position(|s| s == "pak-hon-yong").unwrap();
        let stalin = m.recipients.iter().position(|s| s == "stalin").unwrap();
        assert_eq!((m.counts[kim][stalin], m.counts[pak][stalin]), (1, 1));
        let total: usize = m.counts.iter().flatten().sum();
        let pairs: usize = c.telegrams.iter().map(|t| t.from.len() * t.to.len()).sum();
        assert_eq!(total, pairs);
    }
}
