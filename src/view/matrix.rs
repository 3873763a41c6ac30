//! The correspondence matrix: who wrote to whom, how often, and through
//! which channel, counted once when the view opens.

use std::collections::BTreeMap;

use crate::corpus::{Corpus, Side};

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
    let main = corpus.principals();
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_principals_come_from_people_toml() {
        let mut c = Corpus::embedded().unwrap();
        assert_eq!(
            c.principals(),
            ["stalin", "mao", "zhou", "kim", "roshchin", "shtykov"]
        );
        // Another principal moves up the matrix: the data decides, not a list.
        let before = matrix(&c);
        let last = before.senders.iter().rposition(|s| {
            c.person(s)
                .is_some_and(|p| p.side == Side::SinoSoviet && !p.principal)
        });
        if let Some(i) = last {
            let id = before.senders[i].clone();
            c.people.iter_mut().find(|p| p.id == id).unwrap().principal = true;
            let after = matrix(&c);
            let j = after.senders.iter().position(|s| *s == id).unwrap();
            assert!(j < i, "{id} moved from {i} to {j}");
        }
    }

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
