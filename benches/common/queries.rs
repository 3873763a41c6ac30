//! The queries both search benchmarks type, key by key: misspellings,
//! fields, a phrase, scripts other than Latin, an alternative, a negation.

pub const QUERIES: &[&str] = &[
    "shld we fear",
    "stalin air cvoer",
    "inchon",
    "from:stalin to:kim",
    "chinese volunteers",
    "\"final decision\"",
    "сталин решение",
    "毛泽东",
    "roshchin | shtykov",
    "!disputed mao 1950-10",
];
