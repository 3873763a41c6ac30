//! Tests of `cite.rs`: CMOS ranges and dates, the Chicago notes of the
//! bundled corpus.

use super::*;

#[test]
fn ranges_as_cmos_abbreviates_them() {
    assert_eq!(cmos_range(71, 72), "71–72");
    assert_eq!(cmos_range(100, 104), "100–104");
    assert_eq!(cmos_range(101, 108), "101–8");
    assert_eq!(cmos_range(116, 120), "116–20");
    assert_eq!(cmos_range(121, 122), "121–22");
    assert_eq!(cmos_range(321, 328), "321–28");
    assert_eq!(cmos_range(498, 532), "498–532");
    assert_eq!(cmos_range(1087, 1089), "1087–89");
    assert_eq!(
        footnote_runs(&[116, 117, 118, 119, 120]).unwrap(),
        "nn. 116–20"
    );
    assert_eq!(footnote_runs(&[12, 11, 109]).unwrap(), "nn. 11–12, 109");
    assert_eq!(footnote_runs(&[59]).unwrap(), "n. 59");
    assert_eq!(footnote_runs(&[117, 120]).unwrap(), "nn. 117, 120");
    assert_eq!(footnote_runs(&[]), None);
}

#[test]
fn ranges_take_an_en_dash_and_other_hyphens_stay() {
    assert_eq!(
        en_dash_ranges("APRF, fond 45, opis 1, delo 334, listy 105-106"),
        "APRF, fond 45, opis 1, delo 334, listy 105–106"
    );
    assert_eq!(
        en_dash_ranges("CWIHP, Bulletin 14-15, Winter 03-Spring 04, pp. 375-6"),
        "CWIHP, Bulletin 14–15, Winter 03–Spring 04, pp. 375–6"
    );
    assert_eq!(
        en_dash_ranges("Sino-Soviet, F. 059a"),
        "Sino-Soviet, F. 059a"
    );
}

#[test]
fn chicago_for_a_conveyed_message() {
    let c = Corpus::embedded().unwrap();
    let s = chicago(&c, c.telegram("1950-10-02-mao-stalin").unwrap());
    assert_eq!(
        s,
        format!(
            "Ciphered telegram, Roshchin to Stalin, 3 October 1950, conveying Mao’s message of 2 October, APRF, fond 45, opis 1, delo 334, listy 105–106, in CWIHP, Bulletin 6–7, Winter 1995, quoted in {SOURCE_PAPER}, nn. 116–20."
        )
    );
    assert!(!s.contains("as given in"));
}

#[test]
fn chicago_for_a_reported_message_with_a_month_only_date() {
    let c = Corpus::embedded().unwrap();
    let s = chicago(&c, c.telegram("1950-08-mao-kim").unwrap());
    assert!(
        s.starts_with("Message, Mao to Kim Il Sung, August 1950, known only from accounts, "),
        "{s}"
    );
    assert!(!s.contains('['), "{s}");
}

#[test]
fn the_draft_of_4_october_says_so() {
    let c = Corpus::embedded().unwrap();
    let t = c.telegram("1950-10-04-stalin-mao").unwrap();
    let s = chicago(&c, t);
    assert!(
        s.starts_with("Draft ciphered telegram, Stalin to Mao (via Roshchin), 4 October 1950, in CWIHP, Bulletin 14–15, Winter 03–Spring 04, pp. 375–6, quoted in "),
        "{s}"
    );
    assert!(s.ends_with(", nn. 121–22."), "{s}");
    let short = chicago_short(&c, t);
    assert_eq!(
        short,
        "Stalin to Mao, 4 October 1950, draft, quoted in “The Korean War June-October 1950”, nn. 121–22."
    );
    // The Chinese text of 2 October is called a draft only by the
    // editors: its citation does not say so.
    let t2 = c.telegram("1950-10-02-mao-stalin").unwrap();
    assert!(!chicago_witness(&c, t2, 0).to_lowercase().contains("draft"));
}

#[test]
fn one_version_cites_its_own_source() {
    let c = Corpus::embedded().unwrap();
    let t = c.telegram("1950-10-02-mao-stalin").unwrap();
    let zh = chicago_witness(&c, t, 0);
    assert_eq!(
        zh,
        format!(
            "Telegram, Mao to Stalin, 2 October 1950, Chinese text, in Chinese sources, as used by Chen, quoted in {SOURCE_PAPER}, n. 116."
        )
    );
    assert!(!zh.contains("APRF"));
    let ru = chicago_witness(&c, t, 1);
    assert!(ru.starts_with("Ciphered telegram, Roshchin to Stalin, 3 October 1950, conveying Mao’s message of 2 October, APRF, fond 45"), "{ru}");
    assert!(ru.ends_with(", nn. 117, 120."), "{ru}");
    assert_eq!(chicago_witness(&c, t, 9), chicago(&c, t));
    let single = c.telegram("1950-08-mao-kim").unwrap();
    assert_eq!(chicago_witness(&c, single, 0), chicago(&c, single));
}

#[test]
fn names_keep_their_order() {
    let c = Corpus::embedded().unwrap();
    let p = |family: &str, given: &str, family_first| NameParts::Person {
        family: family.into(),
        given: given.into(),
        family_first,
    };
    assert_eq!(name_parts(&c, "mao"), p("Mao", "Zedong", true));
    assert_eq!(name_parts(&c, "kim"), p("Kim", "Il Sung", true));
    assert_eq!(name_parts(&c, "zhou"), p("Zhou", "Enlai", true));
    assert_eq!(name_parts(&c, "stalin"), p("Stalin", "Josef", false));
    assert_eq!(name_parts(&c, "rhee"), p("Rhee", "Syngman", false));
    assert_eq!(name_parts(&c, "zakharov"), p("Zakharov", "", false));
    assert_eq!(
        name_parts(&c, "ccp-politburo"),
        NameParts::Literal("Politburo of the Chinese Communist Party".into())
    );
}
