//! Scoring off the UI thread. A worker thread builds the index, then
//! answers queries; every query carries a generation number, and the worker
//! skips straight to the newest one waiting, so a fast typist never waits
//! for results of keys already overtaken. The UI drops any answer older than
//! its newest query.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;
use std::time::{Duration, Instant};

use super::{Hit, Index, ParseError, index_corpus, parse};
use crate::corpus::Corpus;

/// What the worker sends back.
#[derive(Debug)]
pub enum Response {
    /// The index is built.
    Ready { records: usize, took: Duration },
    /// Results for the query of generation `generation`.
    Results {
        generation: u64,
        result: Result<Arc<Vec<Hit>>, ParseError>,
        took: Duration,
    },
}

/// The UI's end of the worker.
pub struct Worker {
    tx: Sender<(u64, String)>,
    rx: Receiver<Response>,
}

impl Worker {
    /// Starts the worker: it indexes `corpus`, then waits for queries.
    pub fn spawn(corpus: Arc<Corpus>) -> Worker {
        let (tx, requests) = channel::<(u64, String)>();
        let (answers, rx) = channel::<Response>();
        thread::Builder::new()
            .name("shifr-search".into())
            .spawn(move || {
                let t = Instant::now();
                let index = index_corpus(&corpus);
                drop(corpus);
                if answers
                    .send(Response::Ready {
                        records: index.len(),
                        took: t.elapsed(),
                    })
                    .is_err()
                {
                    return;
                }
                serve(&index, &requests, &answers);
            })
            .expect("spawn the search thread");
        Worker { tx, rx }
    }

    /// Asks for the results of a query.
    pub fn submit(&self, generation: u64, query: &str) {
        let _ = self.tx.send((generation, query.to_string()));
    }

    /// An answer, if one has arrived.
    pub fn try_recv(&self) -> Option<Response> {
        self.rx.try_recv().ok()
    }
}

/// Answers queries until the UI hangs up, always the newest one waiting.
fn serve(index: &Index, requests: &Receiver<(u64, String)>, answers: &Sender<Response>) {
    while let Ok(mut req) = requests.recv() {
        while let Ok(newer) = requests.try_recv() {
            req = newer;
        }
        let t = Instant::now();
        let result = parse(&req.1).map(|q| Arc::new(index.search(&q)));
        if answers
            .send(Response::Results {
                generation: req.0,
                result,
                took: t.elapsed(),
            })
            .is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait(w: &Worker) -> Response {
        let t = Instant::now();
        loop {
            if let Some(r) = w.try_recv() {
                return r;
            }
            assert!(t.elapsed() < Duration::from_secs(10), "no answer");
            thread::sleep(Duration::from_millis(2));
        }
    }

    #[test]
    fn indexes_then_answers_the_newest_query() {
        let corpus = Arc::new(Corpus::embedded().unwrap());
        let w = Worker::spawn(Arc::clone(&corpus));
        assert!(
            matches!(wait(&w), Response::Ready { records, .. } if records == corpus.telegrams.len())
        );
        w.submit(1, "inchon");
        w.submit(2, "shld we fear");
        // Generation 1 may be skipped; generation 2 always comes.
        loop {
            match wait(&w) {
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
            wait(&w),
            Response::Results {
                generation: 3,
                result: Err(_),
                ..
            }
        ));
    }
}
