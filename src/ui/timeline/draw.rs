//! Drawing the timeline (its `render`): reads what `sync` laid out only.

use super::*;

pub(super) fn render(s: &Timeline, screen: Rect, buf: &mut Buffer, cx: &RenderCx) {
    let this = s;

    let (theme, corpus, s) = (cx.theme, &cx.app.corpus, &this.state);
    let Some(d) = &this.drawn else { return };
    let area = frame(screen).intersection(screen);
    Clear.render(area, buf);
    let g = d.geometry;
    let shown_to = g.first_day + g.scale.days_in(g.cols) - 1;
    let mut title = format!(
        "Timeline · {} – {} · {}",
        Date::from_day_number(g.first_day).long(),
        Date::from_day_number(shown_to).long(),
        g.scale.label()
    );
    if let Some(m) = &this.marked {
        title.push_str(&format!(" · marked: {}", m.label));
    }
    let marked_event = |m: &Marker| {
        this.marked.as_ref().is_some_and(|k| {
            k.events
                .iter()
                .any(|e| m.label == *e || m.label == format!("{e}‡"))
        })
    };
    let zoom = format!(
        "{} {} zoom · {} {} {} · {} week",
        cx.hints.key(Context::Timeline, Action::ZoomIn),
        cx.hints.key(Context::Timeline, Action::ZoomOut),
        cx.hints.key(Context::Timeline, Action::Left),
        cx.hints.key(Context::Timeline, Action::Right),
        step_name(g.scale),
        cx.hints.key(Context::Timeline, Action::WeekForward),
    );
    let block = boxed(&title, Some(&zoom), true, area.width, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let lw = label_width(area.width);
    if inner.height < 6 || inner.width < lw + 8 || g.cols == 0 {
        Paragraph::new(Line::styled(
            truncate("too small for the timeline", inner.width as usize),
            theme.error(),
        ))
        .render(inner, buf);
        return;
    }
    let plot_x = area.x + plot_left(area.width);
    let put = |buf: &mut Buffer, x: u16, y: u16, text: &str, style: Style| {
        if y < inner.bottom() && x < inner.right() {
            let room = (inner.right() - x) as usize;
            buf.set_stringn(x, y, text, room, style);
        }
    };
    let all = &this.lanes;
    let marks = &d.marks;
    let cursor = cursor_cols(&g, s.day);
    // Rows: ruler (2), marker row, label rows, lanes, then the panel and legend.
    let panel_lines = d.panel.clone();
    let legend_h: u16 = if inner.height >= 20 { 1 } else { 0 };
    // The year-only telegrams, which have no day to be drawn on.
    let undated = &this.undated;
    let undated_h: u16 = if inner.height >= 24 && !undated.is_empty() {
        1
    } else {
        0
    };
    let foot = legend_h + undated_h;
    // Room to spare goes to event labels, up to five rows of them.
    let spare = inner
        .height
        .saturating_sub(2 + 1 + all.len() as u16 + 1 + 6 + foot);
    let label_rows: u16 = spare.clamp(1, 5);
    let fixed = 2 + 1 + label_rows;
    // The lanes never change with what is under the cursor: the panel is
    // given three rows, and whatever is left; on a short screen, one.
    let lanes_with = |panel: u16| {
        (inner.height.saturating_sub(fixed + 1 + panel + foot) as usize).min(all.len())
    };
    let lane_rows = match lanes_with(3) {
        0 => lanes_with(1),
        n => n,
    };
    if lane_rows == 0 {
        Paragraph::new(Line::styled(
            truncate("too small for the timeline", inner.width as usize),
            theme.error(),
        ))
        .render(inner, buf);
        return;
    }
    let mut y = inner.y;

    // Ruler.
    let cursor_tick = cursor.map(|(c, _)| {
        let (a, _) = g.days_of(c);
        let d = if matches!(g.scale, Scale::ColsPerDay(_)) {
            s.day
        } else {
            a
        };
        (c, Date::from_day_number(d).day.unwrap_or(1).to_string())
    });
    let (months, days) = ruler(&g, cursor_tick.clone());
    let year = Date::from_day_number(g.first_day).year.to_string();
    put(buf, inner.x + 1, y, &year, theme.dim());
    for (c, m) in &months {
        put(buf, plot_x + c, y, m, theme.heading());
    }
    for (c, d) in &days {
        put(buf, plot_x + c, y + 1, d, theme.dim());
    }
    if let (Some((c, w)), Some((_, label))) = (cursor, &cursor_tick) {
        let text = format!("{label:<width$}", width = w as usize);
        put(
            buf,
            plot_x + c,
            y + 1,
            &truncate(&text, (g.cols - c) as usize),
            theme.selected(true),
        );
    }
    y += 2;
    // Markers and labels.
    put(buf, inner.x + 1, y, "events", theme.dim());
    // Where two share a column, a key event's own date wins, then any
    // event's own date, then a date the paper gives elsewhere.
    let mut by_col: Vec<&Marker> = marks.iter().collect();
    by_col.sort_by_key(|m| match m.glyph {
        '‡' => 0,
        '▼' => 1,
        _ => 2,
    });
    for m in by_col {
        let style = if m.key || m.glyph == '‡' {
            theme.event()
        } else {
            theme.label()
        };
        let style = if marked_event(m) && m.glyph != '‡' {
            style.patch(theme.search_match())
        } else {
            style
        };
        put(buf, plot_x + m.col, y, &m.glyph.to_string(), style);
    }
    for (r, c, text) in place_labels(marks, label_rows as usize, g.cols, cursor.map(|c| c.0)) {
        let key = marks.iter().any(|m| m.key && m.label == text);
        put(
            buf,
            plot_x + c,
            y + 1 + r as u16,
            &text,
            if key { theme.event() } else { theme.dim() },
        );
    }
    y += 1 + label_rows;
    // Lanes.
    let guides: Vec<u16> = marks
        .iter()
        .filter(|m| m.key && m.glyph != '‡')
        .map(|m| m.col)
        .collect();
    let off = lane_offset(s.lane, all.len(), lane_rows);
    let counts = &d.counts;
    for (li, lane) in all.iter().enumerate().skip(off).take(lane_rows) {
        let is_cursor = li == s.lane;
        let name = truncate(corpus.name(&lane.sender), (lw - 2) as usize);
        let name_style = if is_cursor {
            theme.selected(true)
        } else if lane.side == crate::corpus::Side::Us {
            theme.dim()
        } else {
            theme.heading()
        };
        put(buf, inner.x + 1, y, &name, name_style);
        put(buf, plot_x - 1, y, "│", theme.border(false));
        for col in 0..g.cols {
            let (n, month_only) = counts[li][usize::from(col)];
            let first_of_day = match g.scale {
                Scale::ColsPerDay(k) => col % k == 0,
                Scale::DaysPerCol(_) => true,
            };
            let (glyph, style) = if n > 0 && first_of_day {
                let style = if month_only {
                    theme.dim()
                } else {
                    theme.versions()
                };
                let style = if d.marked_cells[li][usize::from(col)] {
                    style.patch(theme.search_match())
                } else {
                    style
                };
                (count_glyph(n, month_only), style)
            } else if guides.contains(&col) {
                ("┊".to_string(), theme.event())
            } else {
                (" ".to_string(), Style::new())
            };
            let in_cursor = is_cursor && cursor.is_some_and(|(c, w)| col >= c && col < c + w);
            let style = if in_cursor {
                style.patch(theme.selected(true))
            } else {
                style
            };
            put(buf, plot_x + col, y, &glyph, style);
        }
        y += 1;
    }
    // The panel under a rule.
    let rule_y = inner.y + fixed + lane_rows as u16;
    if rule_y < inner.bottom() {
        put(
            buf,
            inner.x,
            rule_y,
            &"─".repeat(inner.width as usize),
            theme.border(false),
        );
        if all.len() > lane_rows && lane_rows > 0 {
            let more = format!(
                " lanes {}–{} of {} ",
                off + 1,
                (off + lane_rows).min(all.len()),
                all.len()
            );
            put(
                buf,
                inner.right().saturating_sub(width(&more) as u16 + 1),
                rule_y,
                &more,
                theme.dim(),
            );
        }
    }
    let panel_area = Rect {
        x: inner.x + 1,
        y: rule_y + 1,
        width: inner.width.saturating_sub(2),
        height: inner.bottom().saturating_sub(rule_y + 1 + foot),
    };
    let mut lines = panel_lines;
    if lines.len() > panel_area.height as usize && panel_area.height > 0 {
        let hidden = lines.len() - panel_area.height as usize + 1;
        lines.truncate(panel_area.height as usize - 1);
        lines.push(Line::styled(format!("  … and {hidden} more"), theme.dim()));
    }
    Paragraph::new(lines).render(panel_area, buf);
    if undated_h == 1 {
        let names: Vec<String> = undated
            .iter()
            .map(|&i| corpus.chain(&corpus.telegrams[i]))
            .collect();
        let text = format!("dated to the year only, not drawn: {}", names.join(" · "));
        put(
            buf,
            inner.x + 1,
            inner.bottom() - foot,
            &truncate(&text, inner.width.saturating_sub(2) as usize),
            theme.dim(),
        );
    }
    if legend_h == 1 {
        put(
            buf,
            inner.x + 1,
            inner.bottom() - 1,
            &truncate(
                legend(d.ten_or_more),
                inner.width.saturating_sub(2) as usize,
            ),
            theme.dim(),
        );
    }
}
