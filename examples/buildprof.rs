// As the binary (src/main.rs): the allocator changes what a build costs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::Instant;
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let corpus = shifr::corpus::synth::generate(n, 1950);
    let t = Instant::now();
    let recs: Vec<_> = corpus
        .telegrams
        .iter()
        .map(|t| shifr::search::document::fields(&corpus, t))
        .collect();
    println!("fields: {:?}", t.elapsed());
    let t = Instant::now();
    let mut ntok = 0usize;
    for r in &recs {
        for f in r {
            ntok += shifr::search::tokenize::tokenize(&f.text).len();
        }
    }
    println!("tokenize: {:?} ({ntok} tokens)", t.elapsed());
    let t = Instant::now();
    drop(recs);
    let ix = shifr::search::index_corpus(&corpus);
    println!("build: {:?} vocab {}", t.elapsed(), ix.vocabulary());
}
