//! Drawing the comparison (its `render`): reads the cached layout only.

use super::*;

pub(super) fn render(s: &Compare, screen: Rect, buf: &mut Buffer, cx: &RenderCx) {
    let this = s;

    let theme = cx.theme;
    let corpus = &cx.app.corpus;
    let t = &corpus.telegrams[s.telegram];
    let Some(view) = &s.view else { return };
    let (built, flat, r) = (&view.built, &view.flat, view.regions);
    let (left, right) = match &this.found {
        Some((_, [l, r])) => (l, r),
        None => (&flat.left, &flat.right),
    };
    let col_w = r.col_w;
    let area = r.frame.intersection(screen);
    Clear.render(area, buf);
    let title = format!("Compare · {} · {}", t.date.long(), corpus.chain(t));
    let n_pairs = crate::compare::pairs(t.witnesses().len()).len();
    let bottom = (n_pairs > 1).then(|| {
        let next = cx.hints.line(
            Context::Compare,
            &[(Action::CycleWitnesses, "shows the next pair")],
        );
        format!("pair {}/{n_pairs} · {next}", s.pair + 1)
    });
    let block = boxed(&title, bottom.as_deref(), true, area.width, theme);
    block.render(area, buf);
    if r.body.height == 0 || r.body.width < 4 {
        return;
    }
    // Header.
    if r.stacked {
        let lines: Vec<Line> = built
            .stacked_header
            .iter()
            .take(r.header.height as usize)
            .cloned()
            .collect();
        Paragraph::new(lines).render(r.header, buf);
    } else {
        let lr = Rect {
            width: col_w as u16,
            ..r.header
        };
        let rr = Rect {
            x: r.header.x + (col_w + GUTTER) as u16,
            width: col_w as u16,
            ..r.header
        };
        let mark = |side: usize, lines: &[Line<'static>]| -> Vec<Line<'static>> {
            let mut v: Vec<Line> = lines
                .iter()
                .take(r.header.height as usize)
                .cloned()
                .collect();
            if !s.sync
                && s.active == side
                && let Some(first) = v.first_mut()
            {
                *first = first.clone().style(theme.selected(true));
            }
            v
        };
        Paragraph::new(mark(0, &built.left_header)).render(lr, buf);
        Paragraph::new(mark(1, &built.right_header)).render(rr, buf);
    }
    // Separator.
    let sep_y = r.header.bottom();
    if sep_y < r.body.y {
        let mut sep = "─".repeat(r.body.width as usize);
        if !r.stacked {
            let mid = col_w + 1;
            sep = sep
                .chars()
                .enumerate()
                .map(|(i, c)| if i == mid { '┼' } else { c })
                .collect();
        }
        buf.set_string(r.body.x, sep_y, &sep, theme.dim());
    }
    // Body.
    let h = r.body.height as usize;
    let current = flat.row_at(s.scroll[s.active]);
    if r.stacked {
        let lines: Vec<Line> = left.iter().skip(s.scroll[0]).take(h).cloned().collect();
        Paragraph::new(lines).render(r.body, buf);
    } else {
        let lr = Rect {
            width: col_w as u16,
            ..r.body
        };
        let gr = Rect {
            x: r.body.x + col_w as u16,
            width: GUTTER as u16,
            ..r.body
        };
        let rr = Rect {
            x: r.body.x + (col_w + GUTTER) as u16,
            width: col_w as u16,
            ..r.body
        };
        Paragraph::new(
            left.iter()
                .skip(s.scroll[0])
                .take(h)
                .cloned()
                .collect::<Vec<_>>(),
        )
        .render(lr, buf);
        Paragraph::new(
            right
                .iter()
                .skip(s.scroll[1])
                .take(h)
                .cloned()
                .collect::<Vec<_>>(),
        )
        .render(rr, buf);
        if s.sync {
            let g: Vec<Line> = flat
                .gutter
                .iter()
                .enumerate()
                .skip(s.scroll[0])
                .take(h)
                .map(|(i, g)| {
                    let style = if flat.row_starts.get(current) == Some(&i) {
                        theme.key()
                    } else {
                        theme.dim()
                    };
                    Line::styled(format!(" {g} "), style)
                })
                .collect();
            Paragraph::new(g).render(gr, buf);
        } else {
            // Out of step: no relation marks between rows that no longer face each other.
            let g: Vec<Line> = (0..h).map(|_| Line::styled(" ┊ ", theme.dim())).collect();
            Paragraph::new(g).render(gr, buf);
        }
    }
    scrollbar(
        flat.len(),
        s.scroll[s.active],
        h,
        Rect {
            y: r.body.y - 1,
            height: r.body.height + 2,
            ..area
        },
        buf,
        theme,
    );
    // Notes on the current row.
    if r.notes.height > 0 {
        let row = built.rows.get(current);
        let key = row.map_or("", |x| x.key.as_str());
        let (lines, n) = (&this.strip.1, this.strip.2);
        let title = format!("Notes on § {key} ({n})");
        let room = r.notes.height.saturating_sub(1) as usize;
        let more = lines.len() > room;
        let rule = if more {
            let keys = format!(
                "{}/{}",
                cx.hints.key(Context::Compare, Action::NotesDown),
                cx.hints.key(Context::Compare, Action::NotesUp)
            );
            format!("── {title} · {keys} scroll the notes ")
        } else {
            format!("── {title} ")
        };
        let rule = format!(
            "{rule}{}",
            "─".repeat((r.notes.width as usize).saturating_sub(width(&rule)))
        );
        buf.set_stringn(
            r.notes.x,
            r.notes.y,
            &rule,
            r.notes.width as usize,
            theme.dim(),
        );
        let body = Rect {
            y: r.notes.y + 1,
            height: r.notes.height - 1,
            ..r.notes
        };
        let lines: Vec<Line> = lines
            .iter()
            .skip(this.strip_scroll)
            .take(room)
            .cloned()
            .collect();
        Paragraph::new(lines).render(body, buf);
    }
}
