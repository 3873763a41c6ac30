//! "Did you mean …?": the ids nearest to one that does not exist.

/// Edit distance over characters: insertions, deletions, substitutions and
/// swaps of two adjacent characters, each costing one (the optimal string
/// alignment distance, so "stlain" is one step from "stalin").
pub fn distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// Up to `limit` candidates nearest to `wanted`, best first. A candidate that
/// contains `wanted` (or the other way round) counts as near whatever its
/// length, so `shifr open 10-02` finds `1950-10-02-mao-stalin`.
pub fn nearest<'a>(
    wanted: &str,
    candidates: impl Iterator<Item = &'a str>,
    limit: usize,
) -> Vec<&'a str> {
    let w = wanted.to_lowercase();
    let mut scored: Vec<(usize, &str)> = candidates
        .filter_map(|c| {
            let lc = c.to_lowercase();
            let d = if !w.is_empty() && (lc.contains(&w) || w.contains(&lc)) {
                0
            } else {
                distance(&w, &lc)
            };
            let max = (w.chars().count() / 2).max(2);
            (d <= max).then_some((d, c))
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(limit).map(|(_, c)| c).collect()
}

/// `"; did you mean 'x'?"`, or nothing when no candidate is near.
pub fn did_you_mean<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    let near = nearest(wanted, candidates, 3);
    if near.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = near.iter().map(|c| format!("'{c}'")).collect();
        format!(" (did you mean {}?)", list.join(" or "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("stalin", "stalin"), 0);
        assert_eq!(distance("stlain", "stalin"), 1);
        assert_eq!(distance("roschin", "roshchin"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("Сталин", "Сталн"), 1);
        // A swap is one step, but a swapped pair is not edited again.
        assert_eq!(distance("ca", "abc"), 3);
        assert_eq!(distance("10-20", "10-02"), 1);
    }

    #[test]
    fn nearest_prefers_close_and_containing() {
        let ids = [
            "1950-10-02-mao-stalin",
            "1950-10-04-stalin-mao",
            "stalin",
            "mao",
        ];
        assert_eq!(nearest("stalni", ids.iter().copied(), 3), vec!["stalin"]);
        assert_eq!(
            nearest("10-02", ids.iter().copied(), 3),
            vec!["1950-10-02-mao-stalin"]
        );
        assert!(nearest("zzzzzzzz", ids.iter().copied(), 3).is_empty());
        assert_eq!(
            did_you_mean("stalni", ids.iter().copied()),
            " (did you mean 'stalin'?)"
        );
    }
}
