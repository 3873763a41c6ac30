//! Scoring off the UI thread. A worker thread builds the index, then
//! answers queries; every query carries a generation number, and the worker
//! skips straight to the newest one waiting, so a fast typist never waits
//! for results of keys already overtaken. The UI drops any answer older than
//! its newest query. When the reader's notes change, the worker rebuilds the
//! index (still answering from the old one until the new one is ready).
//! Answers go into a channel the caller gives, so that the terminal's
//! event loop can wait on one channel for input and answers alike.

use std::sync::Arc;
use std::sync::mpsc::{Sender, channel};
use std::thread;
use std::time::{Duration, Instant};

use super::{Hit, ParseError, parse};
use crate::corpus::Corpus;
use crate::notes::Notes;

/// What the worker sends back.
#[derive(Debug)]
pub enum Response {
    /// The index is built (or rebuilt).
    Ready { records: usize, took: Duration },
    /// The index being built is this far (%).
    Progress(u8),
    /// Results for the query of generation `generation`.
    Results {
        generation: u64,
        result: Result<Arc<Vec<Hit>>, ParseError>,
        took: Duration,
    },
}

enum Request {
    Query(u64, String),
    Rebuild(Arc<Notes>),
}

pub use super::kept::IndexStore;
use super::kept::{How, index_for, with_notes};

/// The UI's end of the worker.
pub struct Worker {
    tx: Sender<Request>,
}

impl Worker {
    /// Starts the worker: it indexes `corpus` (with the reader's `notes`),
    /// taking the index from `store` when it holds one for these notes and
    /// keeping there each index it builds, then waits for queries. Each
    /// answer is sent to `answers` as `wrap(answer)`; the worker ends when
    /// that channel's receiver is gone.
    pub fn spawn<T: Send + 'static>(
        corpus: Arc<Corpus>,
        notes: Arc<Notes>,
        store: Option<Arc<dyn IndexStore>>,
        answers: Sender<T>,
        wrap: fn(Response) -> T,
    ) -> Worker {
        let (tx, requests) = channel::<Request>();
        let progress_tx = std::sync::Mutex::new(answers.clone());
        let answers = move |r: Response| answers.send(wrap(r)).is_ok();
        thread::Builder::new()
            .name("shifr-search".into())
            .spawn(move || {
                // The index, and whether it is to be kept (updated or
                // built, not found kept).
                let build = |notes: &Notes| {
                    let t = Instant::now();
                    // Each whole percent once; the UI may be gone.
                    let last = std::sync::atomic::AtomicU8::new(u8::MAX);
                    let progress = |p: u8| {
                        if last.swap(p, std::sync::atomic::Ordering::Relaxed) != p
                            && let Ok(tx) = progress_tx.lock()
                        {
                            let _ = tx.send(wrap(Response::Progress(p)));
                        }
                    };
                    let (index, how, _) = index_for(&corpus, notes, store.as_deref(), &progress);
                    let ready = Response::Ready {
                        records: index.len(),
                        took: t.elapsed(),
                    };
                    (index, ready, how != How::Kept)
                };
                // An index built is kept once the UI has been told it is
                // ready, on a thread of its own, so queries are answered
                // meanwhile: failing to keep it only costs the next start.
                // One at a time: two would write the same temporary file.
                let saving = Arc::new(std::sync::Mutex::new(()));
                let keep = |notes: &Arc<Notes>, index: &Arc<super::Index>, built: bool| {
                    if let (true, Some(s)) = (built, &store) {
                        let (s, n, ix) = (Arc::clone(s), Arc::clone(notes), Arc::clone(index));
                        let saving = Arc::clone(&saving);
                        crate::background::spawn_kept("index keeper", move || {
                            let _one = saving.lock().unwrap_or_else(|e| e.into_inner());
                            let _ = s.save(&n, &ix);
                        });
                    }
                };
                let (index, ready, built) = build(&notes);
                let mut index = Arc::new(index);
                let mut notes = notes;
                if !answers(ready) {
                    return;
                }
                keep(&notes, &index, built);
                while let Ok(first) = requests.recv() {
                    // Only the newest query waiting, and the newest notes.
                    let mut query = None;
                    let mut rebuild = None;
                    for req in std::iter::once(first)
                        .chain(std::iter::from_fn(|| requests.try_recv().ok()))
                    {
                        match req {
                            Request::Query(g, q) => query = Some((g, q)),
                            Request::Rebuild(n) => rebuild = Some(n),
                        }
                    }
                    if let Some(n) = rebuild {
                        // The records whose notes changed read again; the
                        // whole built again only when most did.
                        let t = Instant::now();
                        let (new, ready, built) = match with_notes(&index, &corpus, &notes, &n) {
                            Some(new) => {
                                let ready = Response::Ready {
                                    records: new.len(),
                                    took: t.elapsed(),
                                };
                                (new, ready, true)
                            }
                            None => build(&n),
                        };
                        index = Arc::new(new);
                        notes = n;
                        if !answers(ready) {
                            return;
                        }
                        keep(&notes, &index, built);
                    }
                    if let Some((generation, q)) = query {
                        let t = Instant::now();
                        let result = parse(&q).map(|q| Arc::new(index.search(&q)));
                        let answer = Response::Results {
                            generation,
                            result,
                            took: t.elapsed(),
                        };
                        if !answers(answer) {
                            return;
                        }
                    }
                }
            })
            .expect("spawn the search thread");
        Worker { tx }
    }

    /// Asks for the results of a query.
    pub fn submit(&self, generation: u64, query: &str) {
        let _ = self.tx.send(Request::Query(generation, query.to_string()));
    }

    /// Asks for the index to be rebuilt with these notes.
    pub fn rebuild(&self, notes: Arc<Notes>) {
        let _ = self.tx.send(Request::Rebuild(notes));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::sync::mpsc::Receiver;

    fn spawn(corpus: &Arc<Corpus>) -> (Worker, Receiver<Response>) {
        let (tx, rx) = channel();
        (
            Worker::spawn(Arc::clone(corpus), Arc::default(), None, tx, |r| r),
            rx,
        )
    }

    /// The next answer but progress.
    fn wait(rx: &Receiver<Response>) -> Response {
        loop {
            match rx.recv_timeout(Duration::from_secs(10)).expect("an answer") {
                Response::Progress(_) => continue,
                r => return r,
            }
        }
    }

    #[test]
    fn indexes_then_answers_the_newest_query() {
        let corpus = Arc::new(Corpus::embedded().unwrap());
        let (w, rx) = spawn(&corpus);
        assert!(
            matches!(wait(&rx), Response::Ready { records, .. } if records == corpus.telegrams.len())
        );
        w.submit(1, "inchon");
        w.submit(2, "shld we fear");
        // Generation 1 may be skipped; generation 2 always comes.
        loop {
            match wait(&rx) {
                Response::Results {
                    generation: 2,
                    result,
                    ..
                } => {
                    let hits = result.unwrap();
                    assert_eq!(
                        corpus.telegrams[hits[0].record as usize].id,
                        "1950-10-04-stalin-mao"
                    );
                    break;
                }
                Response::Results { generation: 1, .. } => continue,
                other => panic!("{other:?}"),
            }
        }
        w.submit(3, "fro:stalin");
        assert!(matches!(
            wait(&rx),
            Response::Results {
                generation: 3,
                result: Err(_),
                ..
            }
        ));
    }

    #[test]
    fn says_how_far_the_build_has_come_then_that_it_is_ready() {
        let corpus = Arc::new(crate::corpus::synth::generate(5_000, 7));
        let (_w, rx) = spawn(&corpus);
        let mut seen = Vec::new();
        loop {
            match rx.recv_timeout(Duration::from_secs(60)).expect("an answer") {
                Response::Progress(p) => seen.push(p),
                Response::Ready { .. } => break,
                other => panic!("{other:?}"),
            }
        }
        assert!(seen.len() >= 3, "{seen:?}");
        assert_eq!(seen.last(), Some(&90));
        assert!(seen.iter().all(|&p| p <= 90));
    }

    #[test]
    fn rebuilds_with_the_readers_notes() {
        let corpus = Arc::new(Corpus::embedded().unwrap());
        let (w, rx) = spawn(&corpus);
        assert!(matches!(wait(&rx), Response::Ready { .. }));
        let mut notes = Notes::default();
        notes.apply(&crate::notes::Edit::Add(crate::notes::MyNote {
            id: "a".into(),
            telegram: "1950-10-02-mao-stalin".into(),
            align: None,
            witness: None,
            stance: None,
            text: "zyzzyva".into(),
            created: "2026-11-27T00:00:00Z".into(),
            edited: None,
        }));
        w.rebuild(Arc::new(notes));
        w.submit(1, "zyzzyva by:me");
        assert!(matches!(wait(&rx), Response::Ready { .. }));
        match wait(&rx) {
            Response::Results {
                result: Ok(hits), ..
            } => assert_eq!(
                corpus.telegrams[hits[0].record as usize].id,
                "1950-10-02-mao-stalin"
            ),
            other => panic!("{other:?}"),
        }
    }
}
