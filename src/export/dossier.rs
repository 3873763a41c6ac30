//! The corpus as a readable Markdown dossier: the debate's positions, a
//! chronology of the paper's events and the telegrams, then each telegram
//! with its header, its text (quotes and summaries marked as such), the
//! scholars' notes and a citation. Deterministic: the same corpus gives the
//! same bytes.

use std::fmt::Write;

use super::cite::{SOURCE_PAPER, chicago};
use crate::corpus::{Certainty, Corpus, PassageKind, Position, Telegram, format_offset};

/// Escapes what Markdown would read as markup.
pub fn md(s: &str) -> String {
    let markup = ['\\', '*', '_', '`', '[', ']', '<', '>', '|', '#'];
    crate::text::one_line_escaped(s, &markup, &[])
}

fn footnotes(f: &[u32]) -> Option<String> {
    super::footnote_list(f, "fn.", "fns.")
}

/// Where an entry goes in the chronology: date, events before telegrams,
/// the paper's order within a day, id.
type ChronoKey = ((i32, u8, u8), u8, u32, String);

/// One entry of the chronology.
enum Entry<'a> {
    Event(&'a crate::corpus::Event),
    Telegram(&'a Telegram),
}

fn sorted(corpus: &Corpus) -> Vec<&Telegram> {
    let mut v: Vec<&Telegram> = corpus.telegrams.iter().collect();
    v.sort_by(|a, b| (a.date.sort_key(), a.seq, &a.id).cmp(&(b.date.sort_key(), b.seq, &b.id)));
    v
}

fn chronology(corpus: &Corpus, out: &mut String) {
    out.push_str("## Chronology\n\n");
    out.push_str(
        "The paper’s events (in bold) and every telegram, by date. A month alone means the paper dates the telegram no closer; ‡ marks a date the paper contradicts elsewhere.\n\n",
    );
    out.push_str("| Date | What |\n| --- | --- |\n");
    let mut entries: Vec<(ChronoKey, Entry)> = Vec::new();
    for e in &corpus.events {
        entries.push(((e.date.sort_key(), 0, 0, e.id.clone()), Entry::Event(e)));
    }
    for t in &corpus.telegrams {
        entries.push((
            (t.date.sort_key(), 1, t.seq, t.id.clone()),
            Entry::Telegram(t),
        ));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (_, entry) in entries {
        match entry {
            Entry::Event(e) => {
                let mut date = e.date.long();
                if e.certainty != Certainty::Exact {
                    date.push_str(&format!(" ({})", e.certainty.marker()));
                }
                if !e.conflicts.is_empty() {
                    date.push_str(" ‡");
                }
                let mut what = format!("**{}**", md(&e.label));
                for c in &e.conflicts {
                    what.push_str(&format!(
                        " — ‡ the paper also gives {} ({})",
                        c.date.long(),
                        md(&c.place)
                    ));
                }
                if let Some(f) = footnotes(&e.footnotes) {
                    what.push_str(&format!(" ({f})"));
                }
                let _ = writeln!(out, "| {} | {what} |", md(&date));
            }
            Entry::Telegram(t) => {
                let _ = writeln!(
                    out,
                    "| {} | [{}](#{}): {} |",
                    md(&t.date_line()),
                    md(&corpus.chain(t)),
                    t.id,
                    md(&t.title)
                );
            }
        }
    }
    out.push('\n');
}

/// How a position's heading names its stance: "trigger: the 38th parallel".
fn stance_line(p: &Position) -> String {
    match &p.trigger {
        Some(t) => format!("{}: {t}", p.stance.label()),
        None => p.stance.label().to_string(),
    }
}

fn position(corpus: &Corpus, p: &Position, link: bool, out: &mut String) {
    let _ = writeln!(out, "<a id=\"position-{}\"></a>\n", p.id);
    let _ = writeln!(
        out,
        "### {} · {}\n",
        md(&corpus.scholar_names(&p.scholars)),
        md(&stance_line(p))
    );
    let _ = writeln!(out, "*Claim:* *{}*\n", md(p.claim.trim()));
    for q in &p.quotes {
        let cite = footnotes(&q.cite)
            .map(|f| format!(" ({f})"))
            .unwrap_or_default();
        let _ = writeln!(out, "> “{}”{cite}\n", md(&q.text));
    }
    let _ = writeln!(
        out,
        "- **Footnotes:** {}",
        footnotes(&p.footnotes).unwrap_or_else(|| "none".into())
    );
    if !p.has_evidence() {
        out.push_str("- **Evidence:** none that the paper ties to it\n");
    }
    for id in &p.telegrams {
        let Some(t) = corpus.telegram(id) else {
            continue;
        };
        let name = format!("{} · {}", md(&t.date_line()), md(&corpus.chain(t)));
        let name = if link {
            format!("[{name}](#{})", t.id)
        } else {
            name
        };
        let _ = writeln!(out, "- **Telegram:** {name}: {}", md(&t.title));
    }
    for id in &p.events {
        let Some(e) = corpus.event(id) else {
            continue;
        };
        let _ = writeln!(out, "- **Event:** {}: {}", md(&e.date.long()), md(&e.label));
    }
    if let Some(a) = &p.answer {
        let cite = footnotes(&p.answer_cite)
            .map(|f| format!(" ({f})"))
            .unwrap_or_default();
        let _ = writeln!(out, "- **The paper’s answer:** *{}*{cite}", md(a.trim()));
    }
    if let Some(n) = &p.note {
        let _ = writeln!(out, "- **Editors’ note:** {}", md(n));
    }
    out.push('\n');
}

/// The debate's positions as a Markdown section ("## The debate"); `link`
/// makes each telegram a link to its section of the dossier.
pub fn debate(corpus: &Corpus, link: bool) -> String {
    let mut out = String::from("## The debate\n\n");
    out.push_str(
        "The positions the paper presents in the “trigger vs. justification” debate, in the order it presents them. Each claim, and the paper’s answer where it gives one, is the shifr editors’ summary, in italics; block quotes are the paper’s own words. The telegrams and events listed are the evidence the paper ties to the position.\n\n",
    );
    for p in &corpus.positions {
        position(corpus, p, link, &mut out);
    }
    out
}

fn telegram(corpus: &Corpus, t: &Telegram, out: &mut String) {
    let _ = writeln!(out, "<a id=\"{}\"></a>\n", t.id);
    let _ = writeln!(
        out,
        "### {} · {}\n",
        md(&t.date.long()),
        md(&corpus.chain(t))
    );
    let _ = writeln!(out, "**{}**\n", md(&t.title));
    let mut field = |label: &str, value: &str| {
        let _ = writeln!(out, "- **{label}:** {}", md(value));
    };
    field("Date", &t.date_line());
    if let Some(r) = t.received {
        let mut s = r.date.long();
        if let Some(time) = r.time {
            s.push_str(&format!(", {time}"));
        }
        field("Received", &s);
    }
    field("From", &corpus.names(&t.from));
    field("To", &corpus.names(&t.to));
    if !t.via.is_empty() {
        field("Via", &corpus.chain(t));
    }
    let mut kind = t.kind.label().to_string();
    if t.side == crate::corpus::Side::Us {
        kind.push_str(" (US side)");
    }
    field("Kind", &kind);
    field("Status", t.status.label());
    if let Some(a) = &t.archive {
        field("Archive", a);
    }
    if let Some(p) = &t.published {
        field("Published", p);
    }
    if let Some(f) = footnotes(&t.footnotes) {
        field("Source paper", &f);
    }
    let offsets = corpus.offsets(&t.date);
    if !offsets.is_empty() {
        let parts: Vec<String> = offsets
            .iter()
            .map(|o| {
                let mut p = format!("{} {}", o.event.short, format_offset(o.days));
                if !o.alt_days.is_empty() {
                    let alts: Vec<String> = o.alt_days.iter().map(|d| format_offset(*d)).collect();
                    p.push_str(&format!(
                        " (‡ {} by the paper’s other date)",
                        alts.join(", ")
                    ));
                }
                p
            })
            .collect();
        field("Timing", &parts.join(" · ").replace('\u{a0}', " "));
    }
    out.push('\n');
    match t.status {
        crate::corpus::Status::Reported => out.push_str(
            "*Known only from accounts: the words in quotation marks are the accounts’ words as the paper quotes them, not a published text of the message.*\n\n",
        ),
        crate::corpus::Status::Disputed => out.push_str(
            "*Existence disputed (see the notes): whether it was ever sent is doubted; the words in quotation marks are as the paper quotes them from its sources.*\n\n",
        ),
        crate::corpus::Status::Conflict => out.push_str(
            "*Versions conflict (see the notes): its versions say different things, and each is held genuine; each version's words are given under it.*\n\n",
        ),
        crate::corpus::Status::Extant => {}
    }
    let labels = t.is_multi_witness() || t.notes().iter().any(|n| n.anchor.is_some());
    for w in t.witnesses() {
        if !w.implicit {
            let mut facts = vec![md(&w.label)];
            if let Some(l) = &w.language {
                let mut s = crate::corpus::language_name(l).to_string();
                if let Some(tr) = &w.translation {
                    s.push_str(&format!(", quoted in {}", crate::corpus::language_name(tr)));
                }
                facts.push(md(&s));
            }
            if let Some(d) = w.date {
                facts.push(md(&d.long()));
            }
            match (w.status, &w.status_note) {
                (Some(s), Some(n)) => facts.push(md(&format!("{}: {n}", s.label()))),
                (Some(s), None) => facts.push(s.label().to_string()),
                (None, Some(n)) => facts.push(md(n)),
                (None, None) => {}
            }
            let _ = writeln!(out, "#### {}\n", facts.join(" · "));
            let mut prov = Vec::new();
            if let Some(a) = &w.archive {
                prov.push(md(a));
            }
            if let Some(p) = &w.published {
                prov.push(md(p));
            }
            if let Some(f) = footnotes(&w.footnotes) {
                prov.push(f);
            }
            if !prov.is_empty() {
                let _ = writeln!(out, "{}\n", prov.join(" · "));
            }
        }
        // One paragraph per aligned group: a quote on its own is a block
        // quote; otherwise the editors' words in italics and the quoted
        // words upright in quotation marks, in their order.
        for group in w.groups() {
            let key = &group[0].align;
            if labels {
                let mut label = format!("§ {}", md(key));
                if let Some(r) = group.iter().find_map(|q| q.relation) {
                    label.push_str(&format!(" · {} the other version", r.label()));
                }
                let _ = writeln!(out, "{label}\n");
            }
            let mut cites: Vec<u32> = Vec::new();
            for p in group {
                for c in &p.cite {
                    if !cites.contains(c) {
                        cites.push(*c);
                    }
                }
            }
            let cite = footnotes(&cites)
                .map(|f| format!(" ({f})"))
                .unwrap_or_default();
            if let [p] = group
                && p.kind == PassageKind::Quote
            {
                let _ = writeln!(out, "> “{}”{cite}\n", md(&p.text));
                continue;
            }
            let pieces: Vec<String> = group
                .iter()
                .map(|p| match p.kind {
                    PassageKind::Quote => format!("“{}”", md(&p.text)),
                    PassageKind::Summary => format!("*{}*", md(p.text.trim())),
                })
                .collect();
            let _ = writeln!(out, "*Summary:* {}{cite}\n", pieces.join(" "));
        }
    }
    if !t.notes().is_empty() {
        out.push_str("#### Notes\n\n");
        for n in t.notes() {
            let by = corpus
                .scholar(&n.by)
                .map_or(n.by.as_str(), |s| s.name.as_str());
            let mut line = format!("- **{}**", md(by));
            if let Some(s) = n.stance {
                line.push_str(&format!(" \\[{}\\]", s.label()));
            }
            line.push_str(&format!(": {}", md(&n.text)));
            let mut tail = Vec::new();
            if let Some(f) = footnotes(&n.cite) {
                tail.push(f);
            }
            if let Some(a) = &n.anchor {
                tail.push(format!("on § {}", md(a)));
            }
            if !tail.is_empty() {
                line.push_str(&format!(" ({})", tail.join("; ")));
            }
            let _ = writeln!(out, "{line}");
        }
        out.push('\n');
    }
    let _ = writeln!(out, "**Cite as:** {}\n", md(&chicago(corpus, t)));
}

/// The whole corpus as a Markdown document.
pub fn to_string(corpus: &Corpus) -> String {
    let mut out = String::new();
    out.push_str("# The 1950 telegrams behind China’s entry into the Korean War\n\n");
    let _ = writeln!(
        out,
        "A dossier of the shifr corpus: {}.\n",
        corpus.summary()
    );
    let _ = writeln!(
        out,
        "Everything here comes from one source: {}. Words in quotation marks are verbatim as the paper prints them: the telegram’s own words where the paper cites its text, otherwise the words of the account the paper quotes (such records say so). A quoted passage on its own is set as a block quote. **Summaries** are the shifr editors’ paraphrase of what the paper says a message said: after *Summary:*, in italics, with any words the paper quotes standing upright in quotation marks. Footnote numbers are the paper’s; archive references are given as its footnotes give them.\n",
        md(SOURCE_PAPER)
    );
    if !corpus.positions.is_empty() {
        out.push_str(&debate(corpus, true));
    }
    chronology(corpus, &mut out);
    out.push_str("## The telegrams\n\n");
    for t in sorted(corpus) {
        telegram(corpus, t, &mut out);
    }
    apparatus(corpus, &mut out);
    out
}

/// Every footnote the telegrams cite, in number order.
fn cited_footnotes(corpus: &Corpus) -> Vec<u32> {
    let mut v: Vec<u32> = corpus
        .telegrams
        .iter()
        .flat_map(Telegram::cited_footnotes)
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The dossier's end: the footnotes it cites, verbatim (or that the paper
/// lacks them), and the works those footnotes cite.
fn apparatus(corpus: &Corpus, out: &mut String) {
    if corpus.footnotes.is_empty() {
        return;
    }
    let cited = cited_footnotes(corpus);
    out.push_str("## Footnotes\n\n");
    out.push_str("The paper’s footnotes the telegrams above cite, verbatim; those the paper’s text as held here lacks are marked so.\n\n");
    let mut works: Vec<(&str, Vec<u32>)> = Vec::new();
    for n in &cited {
        match corpus.footnote(*n).and_then(|f| f.text.as_deref()) {
            Some(text) => {
                let _ = writeln!(out, "{n}. {}\n", md(text));
            }
            None => {
                let _ = writeln!(
                    out,
                    "{n}. *Missing from the paper: its marker stands in the body, its text is not in the source.*\n"
                );
            }
        }
        for w in corpus.footnote(*n).map_or(&[][..], |f| &f.works[..]) {
            match works.iter_mut().find(|(id, _)| *id == w.as_str()) {
                Some((_, fns)) => fns.push(*n),
                None => works.push((w.as_str(), vec![*n])),
            }
        }
    }
    out.push_str("## Bibliography\n\n");
    out.push_str("The works those footnotes cite, as the paper first cites each in full.\n\n");
    let mut rows: Vec<(String, Vec<u32>)> = works
        .into_iter()
        .filter_map(|(id, fns)| corpus.work(id).map(|w| (w.citation.clone(), fns)))
        .collect();
    rows.sort();
    for (citation, fns) in rows {
        let f: Vec<String> = fns.iter().map(u32::to_string).collect();
        let _ = writeln!(out, "- {} (fn. {})", md(&citation), f.join(", "));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            md("a*b_c [d] <e> | #f"),
            "a\\*b\\_c \\[d\\] \\<e\\> \\| \\#f"
        );
    }

    #[test]
    fn quotes_and_summaries_are_marked() {
        let c = Corpus::embedded().unwrap();
        let d = to_string(&c);
        assert!(
            d.contains("“send a portion of our troops, under the name of Volunteers")
                && d.contains("> “there is no confidence in the success of military operations"),
            "quote"
        );
        assert!(d.contains("*Summary:* *"), "summary");
        // A summary with quoted words in it is one paragraph.
        assert!(d.contains("*Summary:* *But Mao leaves an opening: a* “final decision” *has not been taken.* (fn. 120)"), "{d}");
        assert!(d.contains("<a id=\"1950-10-02-mao-stalin\"></a>"));
        assert!(d.contains("](#1950-10-02-mao-stalin)"));
        assert!(d.contains("**Cite as:** Ciphered telegram, Roshchin to Stalin, 3 October 1950"));
        // It ends with the footnotes it cites and their works.
        let fns = d.find("## Footnotes").expect("footnotes section");
        let bib = d.find("## Bibliography").expect("bibliography section");
        assert!(d.find("## The telegrams").unwrap() < fns && fns < bib);
        assert!(d[fns..bib].contains("116. *Missing from the paper"));
        assert!(d[fns..bib].contains("117. "));
        // The debate comes before the chronology, its evidence linked.
        let debate = d.find("## The debate").expect("debate section");
        assert!(debate < d.find("## Chronology").unwrap());
        assert!(d.contains("### Thomas Christensen · trigger: the 38th parallel"));
        assert!(
            d.contains(
                "- **Telegram:** [13 October 1950 · Mao → Zhou Enlai](#1950-10-13-mao-zhou)"
            ),
            "{d}"
        );
        assert!(d.contains("- **Evidence:** none that the paper ties to it"));
        // Every telegram has its section.
        for t in &c.telegrams {
            assert!(d.contains(&format!("<a id=\"{}\"></a>", t.id)), "{}", t.id);
        }
    }
}
