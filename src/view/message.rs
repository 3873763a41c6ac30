//! The message pane: a telegram's header (date, people, channel, kind,
//! status, archive, publication, timing against the paper's key events) and
//! its passages, quotes and summaries unmistakably apart. `build` lays the
//! text out for a width; the app uses the same layout to scroll.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use rustc_hash::FxHashMap;

use crate::corpus::{Corpus, Passage, PassageKind, Telegram, Witness, language_name};
use crate::text::{sanitize, wrap};
use crate::theme::Theme;

pub use super::header_compact::header_compact;
pub use super::header_parts::{TITLE_SHOWN, footnotes, footnotes_marked, timing};

/// A telegram laid out for one width.
#[derive(Clone, Debug, Default)]
pub struct MessageText {
    pub lines: Vec<Line<'static>>,
    /// (witness id, align key, first line, end line) of each passage group.
    pub groups: Vec<(String, String, usize, usize)>,
    /// The first line of each passage, in `Telegram::passages()` order.
    pub passage_lines: Vec<usize>,
}

impl MessageText {
    /// First line of the group with this align key (in any witness).
    pub fn group_line(&self, align: &str) -> Option<usize> {
        self.groups.iter().find(|g| g.1 == align).map(|g| g.2)
    }

    /// First line of the group with this align key in `witness` (in any,
    /// if none is given or that version lacks it).
    pub fn group_line_in(&self, align: &str, witness: Option<&str>) -> Option<usize> {
        witness
            .and_then(|w| self.groups.iter().find(|g| g.1 == align && g.0 == w))
            .map(|g| g.2)
            .or_else(|| self.group_line(align))
    }
}

const LABEL_W: usize = 10;

fn field(out: &mut Vec<Line<'static>>, theme: &Theme, width: usize, label: &str, value: &str) {
    let first = vec![Span::styled(format!("{label:<LABEL_W$}"), theme.label())];
    let rest = vec![Span::raw(" ".repeat(LABEL_W))];
    out.extend(wrap(
        &[(sanitize(value), Default::default())],
        width,
        &first,
        &rest,
    ));
}

/// The header block shared by the message pane and exports of the screen.
pub fn header(corpus: &Corpus, t: &Telegram, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut out = wrap(
        &[(crate::text::clipped(&t.title, TITLE_SHOWN), theme.heading())],
        width,
        &[],
        &[],
    );
    out.push(Line::raw(""));
    field(&mut out, theme, width, "Date", &t.date_line());
    if let Some(r) = t.received {
        let mut s = r.date.long();
        if let Some(time) = r.time {
            s.push_str(&format!(", {time}"));
        }
        field(&mut out, theme, width, "Received", &s);
    }
    field(
        &mut out,
        theme,
        width,
        "From",
        &corpus.names_native(&t.from),
    );
    field(&mut out, theme, width, "To", &corpus.names_native(&t.to));
    if !t.via.is_empty() {
        field(&mut out, theme, width, "Via", &corpus.chain(t));
    }
    let mut kind = t.kind.label().to_string();
    if t.side == crate::corpus::Side::Us {
        kind.push_str(" · US side");
    }
    field(&mut out, theme, width, "Kind", &kind);
    let status_style = match t.status {
        crate::corpus::Status::Disputed => theme.disputed(),
        crate::corpus::Status::Conflict => theme.conflict(),
        crate::corpus::Status::Reported => theme.reported(),
        crate::corpus::Status::Extant => Default::default(),
    };
    let first = vec![Span::styled(
        format!("{:<LABEL_W$}", "Status"),
        theme.label(),
    )];
    out.extend(wrap(
        &[(t.status.label().to_string(), status_style)],
        width,
        &first,
        &[Span::raw(" ".repeat(LABEL_W))],
    ));
    if let Some(a) = &t.archive {
        field(&mut out, theme, width, "Archive", a);
    }
    if let Some(p) = &t.published {
        field(&mut out, theme, width, "Published", p);
    }
    if !t.footnotes.is_empty() {
        field(
            &mut out,
            theme,
            width,
            "Footnotes",
            &footnotes_marked(corpus, &t.footnotes),
        );
    }
    if let Some((line, notes)) = timing(corpus, t) {
        field(&mut out, theme, width, "Timing", &line);
        for n in notes {
            let rest = vec![Span::raw(" ".repeat(LABEL_W))];
            out.extend(wrap(&[(n, theme.dim())], width, &rest, &rest));
        }
    }
    out
}

fn witness_header(w: &Witness, theme: &Theme, width: usize, out: &mut Vec<Line<'static>>) {
    let mut title = w.label.clone();
    if let Some(l) = &w.language {
        title.push_str(&format!(" · {}", language_name(l)));
    }
    if let Some(d) = w.date {
        title.push_str(&format!(" · {}", d.long()));
    }
    if let Some(s) = w.status {
        title.push_str(&format!(" · {}", s.label()));
    }
    out.extend(wrap(
        &[(sanitize(&title), theme.versions())],
        width,
        &[Span::styled("◆ ", theme.versions())],
        &[Span::raw("  ")],
    ));
    out.extend(provenance(w, w.status_note.as_deref(), theme, width));
}

/// A version's provenance, dim and indented: "APRF, fond 45, … · CWIHP … ·
/// fn. 117", after `first` where given.
pub fn provenance(
    w: &Witness,
    first: Option<&str>,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let fns = (!w.footnotes.is_empty()).then(|| format!("fn. {}", footnotes(&w.footnotes)));
    let prov: Vec<&str> = first
        .into_iter()
        .chain(w.archive.as_deref())
        .chain(w.published.as_deref())
        .chain(fns.as_deref())
        .collect();
    if prov.is_empty() {
        return Vec::new();
    }
    wrap(
        &[(sanitize(&prov.join(" · ")), theme.dim())],
        width,
        &[Span::raw("  ")],
        &[Span::raw("  ")],
    )
}

/// One passage as a block: quotes in quotation marks behind a solid bar,
/// summaries behind a dotted bar with a "summary" label, in italics.
pub fn passage_lines(
    p: &Passage,
    theme: &Theme,
    width: usize,
    anchored: bool,
    highlights: &[Range<usize>],
) -> Vec<Line<'static>> {
    // The text cut at the highlighted ranges, each piece with its style.
    let pieces = |body: Style| -> Vec<(String, Style)> {
        crate::text::split_highlights(&p.text, highlights)
            .into_iter()
            .map(|(s, hl)| {
                (
                    sanitize(s),
                    if hl {
                        body.patch(theme.search_match())
                    } else {
                        body
                    },
                )
            })
            .collect()
    };
    match p.kind {
        PassageKind::Quote => {
            // Highlighted, a quote keeps a solid bar (heavier) and a summary
            // a dotted one: which is which never depends on colour or focus.
            let (gutter, style) = if anchored {
                ("┃ ", theme.anchored_gutter())
            } else {
                ("│ ", theme.quote_gutter())
            };
            let body = if anchored {
                theme.quote().patch(theme.anchored())
            } else {
                theme.quote()
            };
            let prefix = vec![Span::styled(gutter, style)];
            let mut segs = vec![("“".to_string(), body)];
            segs.extend(pieces(body));
            segs.push(("”".to_string(), body));
            wrap(&segs, width, &prefix, &prefix)
        }
        PassageKind::Summary => {
            let (gutter, style) = if anchored {
                ("┋ ", theme.anchored_gutter())
            } else {
                ("┊ ", theme.summary_label())
            };
            let body = if anchored {
                theme.summary().patch(theme.anchored())
            } else {
                theme.summary()
            };
            let first = vec![
                Span::styled(gutter, style),
                Span::styled("summary: ", theme.summary_label()),
            ];
            let rest = vec![Span::styled(gutter, style)];
            wrap(&pieces(body), width, &first, &rest)
        }
    }
}

/// A note above the text: wrapped, or on one line cut to fit where the
/// pane is short.
fn one_or_more(s: &str, style: Style, width: usize, one: bool) -> Vec<Line<'static>> {
    if one {
        vec![Line::styled(crate::text::truncate(s, width), style)]
    } else {
        wrap(&[(s.to_string(), style)], width, &[], &[])
    }
}

/// How to lay a telegram out.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options<'a> {
    /// The align key of the passage the selected note speaks to, which is
    /// highlighted.
    pub anchor: Option<&'a str>,
    /// The version the anchored passage is in, where only one version's
    /// is meant.
    pub anchor_witness: Option<&'a str>,
    /// The key that opens the comparison, named where there are versions.
    pub compare_hint: Option<&'a str>,
    /// The key that opens the debate view, named where the telegram is
    /// evidence for a position.
    pub debate_hint: Option<&'a str>,
    /// The header in two or three lines instead of the full one.
    pub compact: bool,
}

/// Lays out a whole telegram with the full header.
pub fn build(
    corpus: &Corpus,
    t: &Telegram,
    theme: &Theme,
    width: usize,
    anchor: Option<&str>,
    compare_hint: Option<&str>,
    highlights: &FxHashMap<usize, Vec<Range<usize>>>,
) -> MessageText {
    let o = Options {
        anchor,
        anchor_witness: None,
        compare_hint,
        debate_hint: None,
        compact: false,
    };
    build_with(corpus, t, theme, width, &o, highlights)
}

/// Lays out a whole telegram; `highlights` are the characters of each
/// passage (by index) a search matched.
pub fn build_with(
    corpus: &Corpus,
    t: &Telegram,
    theme: &Theme,
    width: usize,
    o: &Options,
    highlights: &FxHashMap<usize, Vec<Range<usize>>>,
) -> MessageText {
    let (anchor, compare_hint) = (o.anchor, o.compare_hint);
    let lines = if o.compact {
        header_compact(corpus, t, theme, width)
    } else {
        header(corpus, t, theme, width)
    };
    let mut m = MessageText {
        lines,
        groups: Vec::new(),
        passage_lines: Vec::new(),
    };
    m.lines.push(Line::styled("─".repeat(width), theme.dim()));
    if t.is_multi_witness() {
        let mut s = format!("⇄ {} versions of this text", t.witnesses().len());
        if let Some(h) = compare_hint {
            s.push_str(&if o.compact {
                format!(" · {h} compares them")
            } else {
                format!(" · press {h} to compare them side by side")
            });
        }
        m.lines
            .extend(one_or_more(&s, theme.versions(), width, o.compact));
    }
    let cited = corpus.positions_citing(&t.id);
    if !cited.is_empty() {
        let who: Vec<String> = cited
            .iter()
            .map(|p| {
                format!(
                    "{} ({})",
                    corpus.scholar_names(&p.scholars),
                    p.stance.label()
                )
            })
            .collect();
        let mut s = match o.debate_hint {
            // Short panes: the key first, so it survives the cut.
            Some(h) if o.compact => format!("{h}: evidence for {}", who.join(" · ")),
            _ => format!("Evidence in the debate for: {}", who.join(" · ")),
        };
        if let (Some(h), false) = (o.debate_hint, o.compact) {
            s.push_str(&format!(" · {h} shows the debate"));
        }
        m.lines.extend(one_or_more(
            &sanitize(&s),
            theme.scholar(),
            width,
            o.compact,
        ));
    }
    let labels = t.is_multi_witness() || t.notes().iter().any(|n| n.anchor.is_some());
    for w in t.witnesses() {
        m.lines.push(Line::raw(""));
        if !w.implicit {
            witness_header(w, theme, width, &mut m.lines);
        }
        let n_groups = w.groups().count();
        for (g, group) in w.groups().enumerate() {
            let key = &group[0].align;
            // A note on one version's passage lights that version's only.
            let anchored =
                anchor == Some(key.as_str()) && o.anchor_witness.is_none_or(|x| x == w.id);
            let start = m.lines.len();
            if labels {
                let mut label = format!("§ {key}");
                if let Some(r) = group.iter().find_map(|p| p.relation) {
                    label.push_str(&format!(" · {} the other version", r.label()));
                }
                let style = if anchored {
                    theme.anchored()
                } else {
                    theme.dim()
                };
                m.lines.extend(wrap(&[(label, style)], width, &[], &[]));
            }
            for p in group {
                let n = m.passage_lines.len();
                m.passage_lines.push(m.lines.len());
                let hl = highlights.get(&n).map_or(&[][..], Vec::as_slice);
                m.lines.extend(passage_lines(p, theme, width, anchored, hl));
            }
            m.groups
                .push((w.id.clone(), key.clone(), start, m.lines.len()));
            if g + 1 < n_groups {
                m.lines.push(Line::raw(""));
            }
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_of_megabytes_is_shown_cut() {
        let c = Corpus::embedded().unwrap();
        let mut t = c.telegram("1950-10-02-mao-stalin").unwrap().clone();
        t.title = "Stalin to Mao ".repeat(1_000_000);
        let theme = Theme::plain();
        let lines = header(&c, &t, &theme, 80);
        let cols: usize = lines.iter().map(crate::text::line_width).sum();
        assert!(cols < TITLE_SHOWN + 2_000, "{cols} columns of header");
        let first = header_compact(&c, &t, &theme, 80);
        assert!(crate::text::line_width(&first[0]) <= 80);
    }
}
