//! Synthetic corpora for measuring search at scale: telegrams made through
//! the real corpus types, 1–2 KB of mixed English, Russian and Chinese text
//! each, from a fixed seed. `shifr gen-corpus` writes one to disk so it can
//! be opened with `--corpus`; the benchmark builds them in memory.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use super::load::embedded_files;
use super::{
    Certainty, Corpus, Date, Kind, Note, Passage, PassageKind, Side, Stance, Status, Telegram,
    Witness,
};

/// A small, fast, seedable generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// Skewed toward small indices, as word frequencies are.
    pub fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * u) * n as f64) as usize % n.max(1)
    }

    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

const RUSSIAN: &[&str] = &[
    "товарищ",
    "Сталин",
    "Мао",
    "решение",
    "войска",
    "дивизии",
    "Корея",
    "Китай",
    "добровольцы",
    "авиация",
    "прикрытие",
    "телеграмма",
    "посол",
    "Рощин",
    "Штыков",
    "Ким",
    "Пекин",
    "Москва",
    "Пхеньян",
    "противник",
    "параллель",
    "американские",
    "последствия",
    "серьёзные",
    "окончательное",
    "помощь",
    "вооружение",
    "Политбюро",
    "ЦК",
    "согласен",
    "сообщаю",
    "прошу",
    "срочно",
    "ответ",
    "наступление",
    "оборона",
    "граница",
    "Ялу",
    "Инчхон",
    "высадка",
    "положение",
    "фронт",
    "снабжение",
    "оружие",
    "самолёты",
    "полки",
    "кредит",
    "переговоры",
    "Чжоу",
    "Эньлай",
    "Линь",
    "Бяо",
    "товарищи",
    "считаем",
    "правильным",
    "сосредоточить",
    "немедленно",
    "случае",
];

const CHINESE: &[&str] = &[
    "毛泽东",
    "斯大林",
    "周恩来",
    "志愿军",
    "出兵",
    "朝鲜",
    "中国",
    "决定",
    "空军",
    "掩护",
    "电报",
    "罗申",
    "金日成",
    "北京",
    "莫斯科",
    "平壤",
    "美国",
    "三八线",
    "鸭绿江",
    "仁川",
    "登陆",
    "政治局",
    "同志",
    "援助",
    "军队",
    "作战",
    "准备",
    "时间",
    "问题",
    "情况",
    "意见",
    "最后",
    "解放",
    "彭德怀",
    "高岗",
    "东北",
    "边防军",
];

/// Invented surnames and place names, so the vocabulary grows with the corpus.
fn invented(rng: &mut Rng) -> String {
    const SYL: &[&str] = &[
        "ko", "va", "len", "shi", "tan", "ro", "mir", "zhe", "dov", "gan", "lin", "pak", "sun",
        "tre", "nov", "bai",
    ];
    let n = 2 + rng.below(3);
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(SYL[rng.below(SYL.len())]);
    }
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or(s)
}

/// The English words of the bundled corpus, most frequent first.
fn english_pool(c: &Corpus) -> Vec<String> {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for t in &c.telegrams {
        let texts = t
            .passages()
            .map(|(_, p)| p.text.as_str())
            .chain(t.notes().iter().map(|n| n.text.as_str()));
        for text in texts {
            for w in text
                .split(|ch: char| !ch.is_alphanumeric())
                .filter(|w| w.len() > 1)
            {
                *counts.entry(w.to_lowercase()).or_default() += 1;
            }
        }
    }
    let mut v: Vec<(String, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.into_iter().map(|(w, _)| w).collect()
}

struct Gen<'a> {
    rng: Rng,
    english: Vec<String>,
    people: Vec<&'a str>,
    main: Vec<&'a str>,
    scholars: Vec<&'a str>,
}

impl Gen<'_> {
    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            let r = self.rng.below(100);
            let w = if r < 78 {
                self.english[self.rng.zipf(self.english.len())].clone()
            } else if r < 88 {
                self.rng.pick(RUSSIAN).to_string()
            } else if r < 95 {
                self.rng.pick(CHINESE).to_string()
            } else {
                invented(&mut self.rng)
            };
            if i > 0 {
                s.push(' ');
            }
            s.push_str(&w);
        }
        s.push('.');
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or(s)
    }

    fn text(&mut self, min_words: usize, max_words: usize) -> String {
        let target = min_words + self.rng.below(max_words - min_words + 1);
        let mut out = String::new();
        let mut n = 0;
        while n < target {
            let k = 6 + self.rng.below(12);
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&self.sentence(k));
            n += k;
        }
        out
    }

    fn passages(&mut self, n: usize) -> Vec<Passage> {
        (0..n)
            .map(|i| Passage {
                kind: if self.rng.below(3) == 0 {
                    PassageKind::Quote
                } else {
                    PassageKind::Summary
                },
                align: format!("p{i}"),
                text: self.text(18, 40),
                relation: None,
                cite: vec![1 + self.rng.below(160) as u32],
            })
            .collect()
    }

    fn telegram(&mut self, n: usize) -> Telegram {
        let from = self.rng.pick(&self.main).to_string();
        let mut to = self.rng.pick(&self.people).to_string();
        if to == from {
            to = self.rng.pick(&self.main).to_string();
        }
        let start = Date::ymd(1950, 6, 25).day_number();
        let date = Date::from_day_number(start + self.rng.below(117) as i64);
        let via = match self.rng.below(5) {
            0 => vec!["roshchin".to_string()],
            1 => vec!["shtykov".to_string()],
            _ => vec![],
        };
        let two = self.rng.below(10) == 0;
        let n_first = 2 + self.rng.below(3);
        let first_passages = self.passages(n_first);
        let mut witnesses = vec![Witness {
            id: if two { "ru".into() } else { "text".into() },
            label: if two {
                "Russian text".into()
            } else {
                "As the paper gives it".into()
            },
            language: two.then(|| "ru".into()),
            passages: first_passages,
            implicit: !two,
            extent: crate::corpus::Extent::Full,
            ..Witness::default()
        }];
        if two {
            let n_second = 2 + self.rng.below(2);
            let mut ps = self.passages(n_second);
            ps[0].relation = Some(super::Relation::Differs);
            witnesses[0].passages[0].relation = Some(super::Relation::Differs);
            witnesses.push(Witness {
                id: "zh".into(),
                label: "Chinese text".into(),
                language: Some("zh".into()),
                passages: ps,
                implicit: false,
                extent: crate::corpus::Extent::Full,
                ..witnesses[0].clone()
            });
        }
        let n_notes = 1 + self.rng.below(3);
        let notes = (0..n_notes)
            .map(|_| Note {
                by: self.rng.pick(&self.scholars).to_string(),
                stance: match self.rng.below(4) {
                    0 => Some(Stance::Trigger),
                    1 => Some(Stance::Justification),
                    _ => None,
                },
                text: self.text(14, 30),
                cite: vec![1 + self.rng.below(160) as u32],
                anchor: None,
                witness: None,
            })
            .collect();
        let title_words = 5 + self.rng.below(6);
        let title = self.sentence(title_words);
        Telegram {
            id: format!("{date}-s{n:06}-{from}-{to}"),
            date,
            time: None,
            seq: 0,
            certainty: Certainty::Exact,
            received: None,
            from: vec![from],
            to: vec![to],
            via,
            via_together: false,
            in_paper: false,
            kind: *self.rng.pick(&[
                Kind::CipheredTelegram,
                Kind::Telegram,
                Kind::Letter,
                Kind::Cable,
            ]),
            status: *self.rng.pick(&[
                Status::Extant,
                Status::Extant,
                Status::Reported,
                Status::Disputed,
            ]),
            side: Side::SinoSoviet,
            title: title.trim_end_matches('.').to_string(),
            archive: Some(format!(
                "APRF, fond {}, opis 1, delo {}, listy {}-{}",
                3 + self.rng.below(50),
                300 + self.rng.below(60),
                1 + n % 90,
                2 + n % 90
            )),
            published: Some("synthetic".into()),
            footnotes: vec![1 + self.rng.below(160) as u32],
            body: super::Lazy::new(super::Body { witnesses, notes }),
            file: String::new(),
        }
    }
}

/// A corpus of `count` synthetic telegrams (with the bundled corpus's
/// people, scholars and events), the same for the same seed.
pub fn generate(count: usize, seed: u64) -> Corpus {
    let base = Corpus::embedded().expect("the bundled corpus is valid");
    let telegrams = {
        let mut g = Gen {
            rng: Rng::new(seed),
            english: english_pool(&base),
            people: base
                .people
                .iter()
                .filter(|p| p.side == Side::SinoSoviet)
                .map(|p| p.id.as_str())
                .collect(),
            main: base.principals(),
            scholars: base.scholars.iter().map(|s| s.id.as_str()).collect(),
        };
        (0..count).map(|n| g.telegram(n)).collect()
    };
    Corpus::from_parts(
        base.people.clone(),
        base.scholars.clone(),
        base.works.clone(),
        base.events.clone(),
        telegrams,
    )
}

fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn list(v: &[String]) -> String {
    format!(
        "[{}]",
        v.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
    )
}

fn nums(v: &[u32]) -> String {
    format!(
        "[{}]",
        v.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
    )
}

fn passage_toml(out: &mut String, table: &str, p: &Passage) {
    let _ = writeln!(
        out,
        "\n[[{table}]]\nkind = {}\nalign = {}\ntext = {}",
        q(p.kind.name()),
        q(&p.align),
        q(&p.text)
    );
    if let Some(r) = p.relation {
        let _ = writeln!(out, "relation = {}", q(r.name()));
    }
    let _ = writeln!(out, "cite = {}", nums(&p.cite));
}

/// A telegram in the corpus file format.
pub fn to_toml(t: &Telegram) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "id = {}\ndate = {}", q(&t.id), q(&t.date.to_string()));
    let _ = writeln!(s, "from = {}\nto = {}", list(&t.from), list(&t.to));
    if !t.via.is_empty() {
        let _ = writeln!(s, "via = {}", list(&t.via));
    }
    let _ = writeln!(
        s,
        "kind = {}\nstatus = {}\ntitle = {}",
        q(t.kind.name()),
        q(t.status.name()),
        q(&t.title)
    );
    if let Some(a) = &t.archive {
        let _ = writeln!(s, "archive = {}", q(a));
    }
    if let Some(p) = &t.published {
        let _ = writeln!(s, "published = {}", q(p));
    }
    let _ = writeln!(s, "footnotes = {}", nums(&t.footnotes));
    if t.witnesses().len() == 1 && t.witnesses()[0].implicit {
        for p in &t.witnesses()[0].passages {
            passage_toml(&mut s, "passage", p);
        }
    } else {
        for w in t.witnesses() {
            let _ = writeln!(
                s,
                "\n[[witness]]\nid = {}\nlabel = {}",
                q(&w.id),
                q(&w.label)
            );
            if let Some(l) = &w.language {
                let _ = writeln!(s, "language = {}", q(l));
            }
            for p in &w.passages {
                passage_toml(&mut s, "witness.passage", p);
            }
        }
    }
    for n in t.notes() {
        let _ = writeln!(s, "\n[[note]]\nby = {}", q(&n.by));
        if let Some(st) = n.stance {
            let _ = writeln!(s, "stance = {}", q(st.name()));
        }
        let _ = writeln!(s, "text = {}\ncite = {}", q(&n.text), nums(&n.cite));
    }
    s
}

/// Writes a synthetic corpus of `count` telegrams to `dir`.
pub fn write(dir: &Path, count: usize, seed: u64) -> io::Result<Corpus> {
    let corpus = generate(count, seed);
    fs::create_dir_all(dir.join("telegrams"))?;
    // The bundled people, sources and events; not its debate, whose
    // evidence is the bundled telegrams, which a synthetic corpus lacks.
    for f in embedded_files()
        .iter()
        .filter(|f| !f.rel.starts_with("telegrams/") && f.rel != "debate.toml")
    {
        fs::write(dir.join(&f.rel), &f.text)?;
    }
    for t in &corpus.telegrams {
        fs::write(
            dir.join("telegrams").join(format!("{}.toml", t.id)),
            to_toml(t),
        )?;
    }
    Ok(corpus)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_is_deterministic_and_sized() {
        let a = generate(20, 7);
        let b = generate(20, 7);
        assert_eq!(a.telegrams, b.telegrams);
        let sizes: Vec<usize> = a
            .telegrams
            .iter()
            .map(|t| {
                t.title.len()
                    + t.passages().map(|(_, p)| p.text.len()).sum::<usize>()
                    + t.notes().iter().map(|n| n.text.len()).sum::<usize>()
            })
            .collect();
        let mean = sizes.iter().sum::<usize>() / sizes.len();
        assert!(
            (900..=2200).contains(&mean),
            "mean record text {mean} bytes"
        );
        assert!(a.telegrams.iter().any(|t| t.passages().any(|(_, p)| {
            p.text
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        })));
        assert!(a.telegrams.iter().any(|t| {
            t.passages()
                .any(|(_, p)| p.text.chars().any(|c| ('а'..='я').contains(&c)))
        }));
    }

    #[test]
    fn written_corpora_load_back_identically() {
        let dir = std::env::temp_dir().join(format!("shifr-synth-{}", std::process::id()));
        let made = write(&dir, 15, 3).unwrap();
        let loaded = Corpus::load_dir(&dir).unwrap_or_else(|r| panic!("{r}"));
        let _ = fs::remove_dir_all(&dir);
        assert_eq!(loaded.telegrams.len(), 15);
        for (a, b) in made.telegrams.iter().zip(&loaded.telegrams) {
            assert_eq!(
                (&a.id, &a.title, &a.from, &a.to),
                (&b.id, &b.title, &b.from, &b.to)
            );
            assert_eq!(a.passages().count(), b.passages().count());
        }
    }
}
