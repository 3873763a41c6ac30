//! Issue 11: "versions conflict" apart from "existence disputed" in the
//! model, the list marks, help's legend, the header and every export; the
//! scholars' notes that know which version they speak of; envoys who went
//! together; and the order of one day's telegrams.

mod common;

use common::app::*;
use common::*;
use shifr::app::Pane;
use shifr::corpus::{Corpus, Status};

fn corpus() -> Corpus {
    Corpus::embedded().unwrap()
}

#[test]
fn two_october_conflicts_the_eleventh_and_molotov_are_disputed() {
    let c = corpus();
    let status = |id: &str| c.telegram(id).unwrap().status;
    assert_eq!(status("1950-10-02-mao-stalin"), Status::Conflict);
    assert_eq!(status("1950-10-11-stalin-mao"), Status::Disputed);
    assert_eq!(status("1950-10-molotov-zhou"), Status::Disputed);
    assert_eq!(Status::Conflict.label(), "versions conflict");
    assert_eq!(Status::Disputed.label(), "existence disputed");
    let marks = |id: &str| shifr::ui::reader::list::marks(c.telegram(id).unwrap());
    assert_eq!(marks("1950-10-02-mao-stalin"), ("‽", "⇄"));
    assert_eq!(marks("1950-10-11-stalin-mao"), ("!", " "));
    assert_eq!(marks("1950-10-13-stalin-kim"), ("?", " "));
}

#[test]
fn the_legend_the_header_and_the_exports_keep_them_apart() {
    let mut a = app(200, 50);
    a.press("?").unwrap();
    let help = screen(&a);
    assert!(help.contains("! existence disputed"), "{help}");
    assert!(help.contains("‽ versions conflict"), "{help}");
    let mut a = app(120, 40);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    a.run();
    assert!(screen(&a).contains("versions conflict"));
    a.open_id("1950-10-11-stalin-mao").unwrap();
    a.run();
    assert!(screen(&a).contains("existence disputed"));

    let json = text(&run(&["export", "--format", "json"]).stdout);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let st = |id: &str| {
        v["telegrams"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .unwrap()["status"]
            .clone()
    };
    assert_eq!(st("1950-10-02-mao-stalin"), "conflict");
    assert_eq!(st("1950-10-11-stalin-mao"), "disputed");

    let md = text(&run(&["export", "--format", "markdown"]).stdout);
    assert!(md.contains("*Versions conflict (see the notes)"), "dossier");
    assert!(
        md.contains("*Existence disputed (see the notes)"),
        "dossier"
    );

    let tei = text(&run(&["export", "--format", "tei"]).stdout);
    assert!(
        tei.contains("<note type=\"record-status\" subtype=\"conflict\">versions conflict</note>"),
        "TEI"
    );
    let cmif = text(&run(&["export", "--format", "cmif"]).stdout);
    assert!(cmif.contains("Status: versions conflict"), "CMIF");
    assert!(cmif.contains("Status: existence disputed"), "CMIF");

    let csl = text(&run(&["cite", "1950-10-02-mao-stalin", "--style", "csl"]).stdout);
    assert!(
        csl.contains("Versions conflict: each is held genuine."),
        "{csl}"
    );
    let csl = text(&run(&["cite", "1950-10-11-stalin-mao", "--style", "csl"]).stdout);
    assert!(csl.contains("Existence disputed."), "{csl}");
}

#[test]
fn chens_note_speaks_of_the_chinese_text_and_lights_only_it() {
    let c = corpus();
    let t = c.telegram("1950-10-02-mao-stalin").unwrap();
    let chen = t.notes().iter().find(|n| n.by == "chen").unwrap();
    assert_eq!(chen.witness.as_deref(), Some("zh"));
    let both: Vec<_> = t.notes().iter().filter(|n| n.by == "christensen").collect();
    assert!(
        both.iter().all(|n| n.witness.is_none()),
        "both versions genuine"
    );

    let mut a = app(120, 40);
    a.open_id("1950-10-02-mao-stalin").unwrap();
    for _ in 0..3 {
        if a.focus != Pane::Annotations {
            a.press("tab").unwrap();
        }
    }
    assert_eq!(a.focus, Pane::Annotations);
    let mut found = false;
    for _ in 0..t.notes().len() {
        if a.selected_note_witness() == Some("zh") && a.selected_note_anchor() == Some("decision") {
            found = true;
            break;
        }
        a.press("j").unwrap();
    }
    assert!(found, "a scholar's note on the Chinese text's decision");
    let text = a.message_text();
    let lit = |line: usize| {
        text.lines[line]
            .spans
            .first()
            .is_some_and(|s| s.content.starts_with('┃') || s.content.starts_with('┋'))
    };
    let group = |w: &str| {
        text.groups
            .iter()
            .find(|g| g.0 == w && g.1 == "decision")
            .unwrap()
            .clone()
    };
    let (zh, ru) = (group("zh"), group("ru"));
    assert!((zh.2..zh.3).any(lit), "the Chinese passage is lit");
    assert!(!(ru.2..ru.3).any(lit), "the Russian one is not");
    // The comparison's strip names the version.
    a.press("c").unwrap();
    assert!(
        screen(&a).contains("[Chinese text] Chen uses"),
        "{}",
        screen(&a)
    );
}

#[test]
fn envoys_who_went_together_are_shown_together_both_ways() {
    let c = corpus();
    for id in [
        "1950-09-kim-chinese-leadership",
        "1950-09-chinese-leadership-kim",
    ] {
        let t = c.telegram(id).unwrap();
        assert!(t.via_together, "{id}");
        assert!(
            c.chain(t).contains("Pak Il U & Pak Hon Yong"),
            "{id}: {}",
            c.chain(t)
        );
    }
}

#[test]
fn on_13_october_the_evacuation_order_comes_before_maos_telegram() {
    let c = corpus();
    let pos = |id: &str| c.telegrams.iter().position(|t| t.id == id).unwrap();
    assert!(pos("1950-10-13-stalin-kim") < pos("1950-10-13-mao-stalin"));
    assert!(pos("1950-10-13-mao-stalin") < pos("1950-10-13-mao-zhou"));
    // The flat chronological list shows them so.
    let mut a = app(120, 40);
    a.press("o").unwrap();
    let rows: Vec<&str> = a
        .list
        .rows
        .iter()
        .filter_map(|r| match r {
            shifr::app::list::Row::Telegram(i) => Some(a.corpus.telegrams[*i].id.as_str()),
            _ => None,
        })
        .collect();
    let at = |id: &str| rows.iter().position(|r| *r == id).unwrap();
    assert!(at("1950-10-13-stalin-kim") < at("1950-10-13-mao-stalin"));
    assert!(at("1950-10-13-mao-stalin") < at("1950-10-13-mao-zhou"));
}

/// The compact header (short panes, 80×24) keeps who wrote to whom: the
/// month is shortened before the names are cut, and the status leads the
/// next line when it does not fit beside them.
#[test]
fn the_compact_header_keeps_the_correspondents_and_the_status_whole() {
    let c = corpus();
    let theme = shifr::theme::Theme::plain();
    let text = |id: &str| -> Vec<String> {
        let t = c.telegram(id).unwrap();
        shifr::view::message::header_compact(&c, t, &theme, 44)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    };
    let kim = text("1950-10-08-mao-kim");
    assert_eq!(kim[1], "8 Oct 1950 (approximate) · Mao → Kim Il Sung");
    assert!(kim[2].starts_with("reported · Inchon"), "{kim:?}");
    let molotov = text("1950-10-molotov-zhou");
    assert_eq!(molotov[1], "Oct 1950 (month only) · Molotov → Zhou Enlai");
    assert!(molotov[2].starts_with("existence disputed"), "{molotov:?}");
    // A US-side record's names are not cut for " · US side" either.
    let us = text("1950-09-27-truman-macarthur");
    assert!(
        us[1].starts_with("27 Sep 1950 · Truman → JCS → MacArthur"),
        "{us:?}"
    );
    let stalin = text("1950-10-18-stalin-mao");
    assert_eq!(stalin[1], "18 October 1950 (inferred) · Stalin → Mao");
    // Wide enough: the status stays beside the names.
    let t = c.telegram("1950-10-02-mao-stalin").unwrap();
    let wide: String = shifr::view::message::header_compact(&c, t, &theme, 80)[1]
        .spans
        .iter()
        .map(|s| s.content.as_ref())
        .collect();
    assert_eq!(
        wide,
        "2 October 1950 · Mao → Roshchin → Stalin · versions conflict"
    );
}
