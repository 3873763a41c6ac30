//! "Did you mean …?": the ids nearest to one that does not exist.

/// Edit distance (insert, delete, substitute, swap adjacent) over characters.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[n][m]
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
