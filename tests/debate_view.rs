//! The debate view in the reader: positions by stance, a position in full,
//! its evidence opened in the reader, and the line in the message pane
//! naming the positions a telegram is evidence for.

mod common;

use common::app::*;
use common::pty::Pty;
use insta::assert_snapshot;
use shifr::ui::debate::Debate;

fn debating(w: u16, h: u16) -> Harness {
    let mut a = app(w, h);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    a.press("D").unwrap();
    a
}

#[test]
fn d_opens_on_a_position_citing_the_open_telegram_with_claim_answer_and_evidence() {
    let a = debating(120, 40);
    assert_eq!(a.mode(), "DEBATE");
    let text = screen(&a);
    for part in [
        "trigger · ",
        "justification · ",
        "other · ",
        "▸ Thomas Christensen",
        "The claim",
        "┊ summary:",
        "The paper’s answer",
    ] {
        assert!(text.contains(part), "{part}\n{text}");
    }
    let d = a.top_as::<Debate>().unwrap();
    assert!(d.cursor.is_none());
}

#[test]
fn the_evidence_opens_in_the_reader_and_esc_comes_back() {
    let mut a = debating(120, 40);
    a.press("tab").unwrap();
    assert!(screen(&a).contains("Evidence · 5 telegrams, 2 events"));
    // Down the evidence to the order of 8 October to the CPV.
    let want = "1950-10-08-mao-cpv";
    let c = a.corpus.clone();
    for _ in 0..10 {
        let d = a.top_as::<Debate>().unwrap();
        let p = &c.positions[c
            .positions
            .iter()
            .position(|p| p.id == "christensen")
            .unwrap()];
        if p.telegrams.get(d.cursor.unwrap()).map(String::as_str) == Some(want) {
            break;
        }
        a.press("j").unwrap();
    }
    a.press("enter").unwrap();
    assert_eq!(a.overlays(), 0, "the telegram opens in the reader");
    assert_eq!(a.telegram().unwrap().id, want);
    a.press("D esc").unwrap();
    assert_eq!(a.overlays(), 0);
    assert_eq!(a.telegram().unwrap().id, want);
}

#[test]
fn moving_through_positions_keeps_the_selection_in_view_at_80x24() {
    let mut a = debating(80, 24);
    for _ in 0..20 {
        a.press("j").unwrap();
        let text = screen(&a);
        assert!(text.contains("▸ "), "{text}");
    }
    a.press("g").unwrap();
    assert_eq!(a.top_as::<Debate>().unwrap().selected, 0);
}

#[test]
fn the_message_pane_names_the_positions_a_telegram_is_evidence_for() {
    let mut a = app(200, 50);
    a.open_id("1950-10-08-mao-cpv").unwrap();
    let text = screen(&a);
    assert!(
        text.contains("Evidence in the debate for: Thomas Christensen (trigger)"),
        "{text}"
    );
    assert!(text.contains("D shows"), "{text}");
    let mut a = app(80, 24);
    a.open_id("1950-10-08-mao-cpv").unwrap();
    let text = screen(&a);
    assert!(
        text.contains("D: evidence for"),
        "one line on a short pane: {text}"
    );
}

#[test]
fn snapshot_debate_120x40() {
    assert_snapshot!(screen(&debating(120, 40)));
}

#[test]
fn snapshot_debate_80x24() {
    assert_snapshot!(screen(&debating(80, 24)));
}

#[test]
fn e2e_debate_opens_and_closes_in_the_real_binary() {
    let mut p = Pty::spawn(&["open", "1950-10-02-mao-stalin"], 100, 30);
    p.wait_text("Message");
    p.send("D");
    p.wait_text("The debate");
    p.send("\t");
    p.wait_text("Evidence ·");
    p.send("\x1b");
    p.wait_for("the reader again", |s| !s.contents().contains("The debate"));
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    p.assert_restored();
}

#[test]
fn t_shows_the_timeline_with_the_positions_evidence_marked() {
    use ratatui::style::Modifier;
    use shifr::ui::timeline::Timeline;
    let mut a = debating(120, 40);
    a.press("t").unwrap();
    assert_eq!(a.mode(), "TIMELINE");
    let t = a.top_as::<Timeline>().unwrap();
    let m = t.marked.as_ref().expect("marked evidence");
    assert!(m.label.contains("Christensen"));
    let text = screen(&a);
    assert!(
        text.contains("marked: Thomas Christensen’s evidence"),
        "{text}"
    );
    // The cursor starts on the first of the evidence, and marked cells are
    // underlined (which survives NO_COLOR).
    let term = terminal(&a);
    let buf = term.backend().buffer();
    let underlined = (0..buf.area.height)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let c = &buf[(x, y)];
            c.modifier.contains(Modifier::UNDERLINED) && !c.symbol().trim().is_empty()
        })
        .count();
    assert!(underlined >= 3, "marked cells and events: {underlined}");
    a.press("esc").unwrap();
    assert_eq!(a.mode(), "DEBATE", "esc returns to the debate");
}
