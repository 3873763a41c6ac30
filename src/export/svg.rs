//! A rendered screen (ratatui's off-screen buffer) as a picture of a
//! terminal: an SVG with each cell's colours and bold, italic, dim, reverse
//! and underline, box-drawing characters drawn as lines so borders join,
//! and wide characters on two cells; and the same screen as plain text.
//! Both are deterministic: the same buffer gives the same bytes.

use std::fmt::Write;

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use crate::text::grapheme_width;

/// One cell's width and height in the picture, in pixels.
const CELL_W: f32 = 9.0;
const CELL_H: f32 = 19.0;
const FONT_SIZE: f32 = 15.0;
/// Margin around the screen, and the height of the window's title bar.
const PAD: f32 = 14.0;
const BAR: f32 = 30.0;

const FONT: &str = "'DejaVu Sans Mono', 'Cascadia Mono', Menlo, Consolas, 'Liberation Mono', 'Noto Sans Mono CJK SC', 'Noto Sans Mono', monospace";

/// The terminal's default colours, and the sixteen ANSI colours.
const DEFAULT_FG: &str = "#d8d8d2";
const DEFAULT_BG: &str = "#1c1e22";
const ANSI: [&str; 16] = [
    "#1c1e22", "#d16969", "#a5c261", "#e5c07b", "#6fa8dc", "#c586c0", "#56b6c2", "#c8c8c2",
    "#6b7079", "#f08080", "#c3e88d", "#ffd580", "#8cc4ff", "#e0a6e0", "#89ddff", "#ffffff",
];

/// The colour a cell's colour stands for, or None for the default.
fn hex(c: Color) -> Option<String> {
    let i = match c {
        Color::Reset => return None,
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Rgb(r, g, b) => return Some(format!("#{r:02x}{g:02x}{b:02x}")),
        Color::Indexed(n) => return Some(indexed(n)),
    };
    Some(ANSI[i].to_string())
}

/// xterm's 256-colour palette.
fn indexed(n: u8) -> String {
    match n {
        0..=15 => ANSI[n as usize].to_string(),
        16..=231 => {
            let n = n - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            format!(
                "#{:02x}{:02x}{:02x}",
                level(n / 36),
                level((n / 6) % 6),
                level(n % 6)
            )
        }
        _ => {
            let v = 8 + (n - 232) * 10;
            format!("#{v:02x}{v:02x}{v:02x}")
        }
    }
}

use super::xml_escape as escape;

/// The cells of a row as (column, symbol, cells wide), leaving out the cells
/// a wide character covers.
fn row_cells(buf: &Buffer, y: u16) -> Vec<(u16, &ratatui::buffer::Cell, usize)> {
    let mut out = Vec::new();
    let mut skip = 0;
    for x in 0..buf.area.width {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let cell = &buf[(buf.area.x + x, buf.area.y + y)];
        let w = grapheme_width(cell.symbol()).max(1);
        skip = w - 1;
        out.push((x, cell, w));
    }
    out
}

/// The screen as text: one line per row, wide characters once, trailing
/// blanks cut.
pub fn to_text(buf: &Buffer) -> String {
    let mut s = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        for (_, cell, _) in row_cells(buf, y) {
            line.push_str(cell.symbol());
        }
        s.push_str(line.trim_end());
        s.push('\n');
    }
    s
}

/// How a box-drawing character is drawn: the weight of its arm towards each
/// side (up, right, down, left; 0 none, 1 light, 2 heavy) and whether its
/// lines are dashed.
fn box_arms(c: char) -> Option<([u8; 4], bool)> {
    let arms = match c {
        '─' => [0, 1, 0, 1],
        '│' => [1, 0, 1, 0],
        '┌' | '╭' => [0, 1, 1, 0],
        '┐' | '╮' => [0, 0, 1, 1],
        '└' | '╰' => [1, 1, 0, 0],
        '┘' | '╯' => [1, 0, 0, 1],
        '├' => [1, 1, 1, 0],
        '┤' => [1, 0, 1, 1],
        '┬' => [0, 1, 1, 1],
        '┴' => [1, 1, 0, 1],
        '┼' => [1, 1, 1, 1],
        '━' => [0, 2, 0, 2],
        '┃' => [2, 0, 2, 0],
        '┏' => [0, 2, 2, 0],
        '┓' => [0, 0, 2, 2],
        '┗' => [2, 2, 0, 0],
        '┛' => [2, 0, 0, 2],
        '┣' => [2, 2, 2, 0],
        '┫' => [2, 0, 2, 2],
        '┳' => [0, 2, 2, 2],
        '┻' => [2, 2, 0, 2],
        '╋' => [2, 2, 2, 2],
        '┊' | '┆' | '╎' => return Some(([1, 0, 1, 0], true)),
        '┄' | '┈' | '╌' => return Some(([0, 1, 0, 1], true)),
        _ => return None,
    };
    Some((arms, false))
}

/// The path of a box-drawing character in the cell at (x, y) pixels.
fn box_path(x: f32, y: f32, arms: [u8; 4]) -> Vec<(u8, String)> {
    let (mx, my) = (x + CELL_W / 2.0, y + CELL_H / 2.0);
    let ends = [(mx, y), (x + CELL_W, my), (mx, y + CELL_H), (x, my)];
    let mut out = Vec::new();
    for (i, &w) in arms.iter().enumerate() {
        if w == 0 {
            continue;
        }
        // Arms run from the far side of the centre line so corners close.
        let half = stroke(w) / 2.0;
        let (sx, sy) = match i {
            0 => (mx, my + half),
            1 => (mx - half, my),
            2 => (mx, my - half),
            _ => (mx + half, my),
        };
        let (ex, ey) = ends[i];
        out.push((w, format!("M{} {}L{} {}", f(sx), f(sy), f(ex), f(ey))));
    }
    out
}

fn stroke(weight: u8) -> f32 {
    if weight >= 2 { 2.6 } else { 1.3 }
}

/// A number as SVG wants it: at most two decimals, no trailing zeros.
fn f(v: f32) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// The colours and attributes a cell is drawn with.
#[derive(Clone, PartialEq)]
struct Look {
    fg: Option<String>,
    bg: Option<String>,
    bold: bool,
    italic: bool,
    dim: bool,
    underline: bool,
    strike: bool,
}

fn look(cell: &ratatui::buffer::Cell) -> Look {
    let m = cell.modifier;
    let (mut fg, mut bg) = (hex(cell.fg), hex(cell.bg));
    if m.contains(Modifier::REVERSED) {
        let f = fg.unwrap_or_else(|| DEFAULT_FG.to_string());
        let b = bg.unwrap_or_else(|| DEFAULT_BG.to_string());
        fg = Some(b);
        bg = Some(f);
    }
    Look {
        fg,
        bg,
        bold: m.contains(Modifier::BOLD),
        italic: m.contains(Modifier::ITALIC),
        dim: m.contains(Modifier::DIM),
        underline: m.contains(Modifier::UNDERLINED),
        strike: m.contains(Modifier::CROSSED_OUT),
    }
}

/// The screen as an SVG picture of a terminal window titled `title`.
pub fn to_svg(buf: &Buffer, title: &str) -> String {
    let (cols, rows) = (buf.area.width, buf.area.height);
    let width = f32::from(cols) * CELL_W + 2.0 * PAD;
    let height = f32::from(rows) * CELL_H + 2.0 * PAD + BAR;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{t}">"#,
        w = f(width),
        h = f(height),
        t = escape(title)
    );
    let _ = writeln!(s, "<title>{}</title>", escape(title));
    let _ = writeln!(
        s,
        r#"<style>text{{font-family:{FONT};font-size:{}px;white-space:pre}}.b{{font-weight:bold}}.i{{font-style:italic}}.d{{opacity:.62}}.u{{text-decoration:underline}}.s{{text-decoration:line-through}}.u.s{{text-decoration:underline line-through}}</style>"#,
        f(FONT_SIZE)
    );
    // The window.
    let _ = writeln!(
        s,
        r##"<rect width="{w}" height="{h}" rx="9" fill="{DEFAULT_BG}"/><rect width="{w}" height="{bar}" rx="9" fill="#2b2e34"/><rect y="{b2}" width="{w}" height="9" fill="#2b2e34"/>"##,
        w = f(width),
        h = f(height),
        bar = f(BAR),
        b2 = f(BAR - 9.0)
    );
    for (i, c) in ["#ff5f57", "#febc2e", "#28c840"].iter().enumerate() {
        let _ = writeln!(
            s,
            r#"<circle cx="{}" cy="{}" r="6" fill="{c}"/>"#,
            f(PAD + 6.0 + 20.0 * i as f32),
            f(BAR / 2.0)
        );
    }
    let _ = writeln!(
        s,
        r##"<text x="{}" y="{}" text-anchor="middle" fill="#9da1a8" style="font-size:13px">{}</text>"##,
        f(width / 2.0),
        f(BAR / 2.0 + 4.5),
        escape(title)
    );
    let ox = PAD;
    let oy = PAD + BAR;
    // Backgrounds, a rectangle per run of one colour.
    let mut bgs = String::new();
    let mut texts = String::new();
    let mut lines = String::new();
    for y in 0..rows {
        let cells = row_cells(buf, y);
        let py = oy + f32::from(y) * CELL_H;
        let mut i = 0;
        while i < cells.len() {
            let l = look(cells[i].1);
            let start = cells[i].0;
            let mut end = start + cells[i].2 as u16;
            let mut j = i + 1;
            while j < cells.len() && look(cells[j].1).bg == l.bg {
                end = cells[j].0 + cells[j].2 as u16;
                j += 1;
            }
            if let Some(bg) = &l.bg {
                let _ = writeln!(
                    bgs,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{bg}"/>"#,
                    f(ox + f32::from(start) * CELL_W),
                    f(py),
                    f(f32::from(end - start) * CELL_W),
                    f(CELL_H)
                );
            }
            i = j;
        }
        // Text: runs of one look; box drawing as lines; blocks as rectangles.
        let mut run: Vec<(u16, &str)> = Vec::new();
        let mut run_look: Option<Look> = None;
        let flush = |run: &mut Vec<(u16, &str)>, l: &Option<Look>, out: &mut String| {
            if run.is_empty() {
                return;
            }
            let l = l.as_ref().expect("a run has a look");
            let xs: Vec<String> = run
                .iter()
                .map(|(x, _)| f(ox + f32::from(*x) * CELL_W))
                .collect();
            let text: String = run.iter().map(|(_, s)| *s).collect();
            let mut class = Vec::new();
            if l.bold {
                class.push("b");
            }
            if l.italic {
                class.push("i");
            }
            if l.dim {
                class.push("d");
            }
            if l.underline {
                class.push("u");
            }
            if l.strike {
                class.push("s");
            }
            let class = if class.is_empty() {
                String::new()
            } else {
                format!(r#" class="{}""#, class.join(" "))
            };
            let fill = l.fg.as_deref().unwrap_or(DEFAULT_FG);
            let _ = writeln!(
                out,
                r#"<text x="{}" y="{}" fill="{fill}"{class}>{}</text>"#,
                xs.join(" "),
                f(py + CELL_H * 0.76),
                escape(&text)
            );
            run.clear();
        };
        for &(x, cell, _) in &cells {
            let sym = cell.symbol();
            let l = look(cell);
            let mut chars = sym.chars();
            let single = match (chars.next(), chars.next()) {
                (Some(c), None) => Some(c),
                _ => None,
            };
            let px = ox + f32::from(x) * CELL_W;
            let fg = l.fg.clone().unwrap_or_else(|| DEFAULT_FG.to_string());
            let opacity = if l.dim { r#" opacity=".62""# } else { "" };
            if let Some((arms, dashed)) = single.and_then(box_arms) {
                flush(&mut run, &run_look, &mut texts);
                for (w, d) in box_path(px, py, arms) {
                    let dash = if dashed {
                        format!(
                            r#" stroke-dasharray="{} {}""#,
                            f(CELL_H / 6.0),
                            f(CELL_H / 6.0)
                        )
                    } else {
                        String::new()
                    };
                    let _ = writeln!(
                        lines,
                        r#"<path d="{d}" stroke="{fg}" stroke-width="{}"{dash}{opacity}/>"#,
                        f(stroke(w))
                    );
                }
                continue;
            }
            if single == Some('█') {
                flush(&mut run, &run_look, &mut texts);
                let _ = writeln!(
                    lines,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{fg}"{opacity}/>"#,
                    f(px),
                    f(py),
                    f(CELL_W),
                    f(CELL_H)
                );
                continue;
            }
            if sym.trim().is_empty() && !l.underline && !l.strike {
                flush(&mut run, &run_look, &mut texts);
                continue;
            }
            // A grapheme of several code points (a letter and its combining
            // accent) is drawn on its own: SVG places every code point of a
            // positioned run separately, which would tear it apart.
            if single.is_none() {
                flush(&mut run, &run_look, &mut texts);
                run_look = Some(l);
                run.push((x, sym));
                flush(&mut run, &run_look, &mut texts);
                continue;
            }
            if run_look.as_ref() != Some(&l) {
                flush(&mut run, &run_look, &mut texts);
                run_look = Some(l);
            }
            // Each grapheme at its own cell, so the grid holds whatever the
            // font's advance.
            run.push((x, sym));
        }
        flush(&mut run, &run_look, &mut texts);
    }
    s.push_str(&bgs);
    s.push_str(r#"<g fill="none" stroke-linecap="butt">"#);
    s.push('\n');
    s.push_str(&lines);
    s.push_str("</g>\n");
    s.push_str(&texts);
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn text_keeps_wide_characters_once_and_cuts_trailing_blanks() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 2));
        buf.set_string(0, 0, "毛泽东", Style::new());
        buf.set_string(0, 1, "Рощин", Style::new());
        assert_eq!(to_text(&buf), "毛泽东\nРощин\n");
    }

    #[test]
    fn svg_draws_styles_boxes_and_wide_characters() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 3));
        buf.set_string(0, 0, "┏━┓", Style::new().fg(Color::Cyan));
        buf.set_string(
            0,
            1,
            "毛<&>",
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
        );
        buf.set_string(
            0,
            2,
            "x",
            Style::new().add_modifier(Modifier::ITALIC | Modifier::DIM),
        );
        let svg = to_svg(&buf, "a \"test\"");
        // Box drawing is lines, in the cell's colour.
        assert!(svg.contains(r##"stroke="#56b6c2""##), "{svg}");
        assert!(!svg.contains('┏'));
        // Wide characters take two cells: the next glyph is two cells on.
        assert!(svg.contains(r#"<text x="14 32 41 50" y="#), "{svg}");
        assert!(svg.contains("毛&lt;&amp;&gt;"));
        // Reverse video: default colours swapped, bold as a class.
        assert!(svg.contains(r##"fill="#1c1e22" class="b""##), "{svg}");
        assert!(svg.contains(r#"class="i d""#));
        assert!(svg.contains("a &quot;test&quot;"));
    }

    #[test]
    fn combining_marks_stay_on_their_letter_and_strikes_show() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        buf.set_string(
            0,
            0,
            "e\u{301}ab",
            Style::new().add_modifier(Modifier::CROSSED_OUT),
        );
        let svg = to_svg(&buf, "t");
        // The accented letter is a text of its own, at column 0; the rest
        // follows at columns 1 and 2.
        let y = f(PAD + BAR + CELL_H * 0.76);
        let accented =
            format!("<text x=\"14\" y=\"{y}\" fill=\"#d8d8d2\" class=\"s\">e\u{301}</text>");
        assert!(svg.contains(&accented), "{svg}");
        assert!(svg.contains(r#"<text x="23 32" "#), "{svg}");
        assert_eq!(to_text(&buf), "e\u{301}ab\n");
    }

    #[test]
    fn the_256_colour_palette() {
        assert_eq!(indexed(16), "#000000");
        assert_eq!(indexed(231), "#ffffff");
        assert_eq!(indexed(196), "#ff0000");
        assert_eq!(indexed(232), "#080808");
        assert_eq!(indexed(9), ANSI[9]);
    }
}
