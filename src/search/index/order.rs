//! The order of ranked hits: best score first, ties in record (date)
//! order. At 100,000 hits a comparison sort of them was a good part of a
//! keystroke; the order is a sort by one 64-bit key (the score inverted,
//! then the record), which a radix sort does in a few passes over the hits,
//! skipping the bytes all keys share (most of them: scores are small, and
//! hits usually come in record order already).

use super::Hit;

/// Below this many hits a comparison sort is as quick.
const RADIX_FROM: usize = 512;

/// The key whose ascending order is the ranking: higher score first, then
/// lower record. Distinct records make distinct keys.
fn key(h: &Hit) -> u64 {
    (u64::from(!h.score) << 32) | u64::from(h.record)
}

/// Sorts `hits` best first, ties by record: the order of
/// `sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.record.cmp(&b.record)))`.
pub(super) fn best_first(hits: &mut Vec<Hit>) {
    if hits.len() < RADIX_FROM {
        hits.sort_unstable_by_key(key);
        return;
    }
    // Hits in record order already need only their score's bytes sorted
    // (each pass is stable).
    let by_record = hits.is_sorted_by_key(|h| h.record);
    let first = if by_record { 4 } else { 0 };
    let mut counts = [[0usize; 256]; 8];
    for h in hits.iter() {
        let k = key(h);
        for (d, c) in counts.iter_mut().enumerate().skip(first) {
            c[((k >> (8 * d)) & 0xFF) as usize] += 1;
        }
    }
    let n = hits.len();
    let mut from: Vec<Hit> = std::mem::take(hits);
    let mut to: Vec<Hit> = vec![
        Hit {
            record: 0,
            score: 0
        };
        n
    ];
    for (d, c) in counts.iter().enumerate().skip(first) {
        // A byte all keys share changes nothing.
        if c.contains(&n) {
            continue;
        }
        let mut at = [0usize; 256];
        let mut sum = 0;
        for (a, &c) in at.iter_mut().zip(c) {
            *a = sum;
            sum += c;
        }
        for h in &from {
            let b = ((key(h) >> (8 * d)) & 0xFF) as usize;
            to[at[b]] = *h;
            at[b] += 1;
        }
        std::mem::swap(&mut from, &mut to);
    }
    *hits = from;
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn reference(mut v: Vec<Hit>) -> Vec<Hit> {
        v.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.record.cmp(&b.record)));
        v
    }

    /// Hits of distinct records, with scores from a range of `spread`.
    fn hits(max: usize) -> impl Strategy<Value = Vec<Hit>> {
        (
            proptest::collection::vec((any::<u32>(), any::<u32>()), 0..max),
            prop_oneof![
                Just(1u32),
                Just(3),
                Just(2_000),
                Just(70_000),
                Just(u32::MAX)
            ],
            any::<bool>(),
        )
            .prop_map(|(v, spread, in_order)| {
                let mut seen = std::collections::HashSet::new();
                let mut out: Vec<Hit> = v
                    .into_iter()
                    .filter(|&(r, _)| seen.insert(r % 200_000))
                    .map(|(r, s)| Hit {
                        record: r % 200_000,
                        score: s % spread.max(1),
                    })
                    .collect();
                if in_order {
                    out.sort_unstable_by_key(|h| h.record);
                }
                out
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn the_same_order_as_a_comparison_sort(v in hits(3_000)) {
            let mut got = v.clone();
            best_first(&mut got);
            prop_assert_eq!(got, reference(v));
        }
    }

    #[test]
    fn large_inputs_in_and_out_of_record_order() {
        let n = 100_000u32;
        let mut v: Vec<Hit> = (0..n)
            .map(|r| Hit {
                record: r,
                score: r.wrapping_mul(2_654_435_761) % 3_000,
            })
            .collect();
        let mut got = v.clone();
        best_first(&mut got);
        assert_eq!(got, reference(v.clone()));
        v.reverse();
        let mut got = v.clone();
        best_first(&mut got);
        assert_eq!(got, reference(v));
    }
}
