//! `shifr export --format csl` and `shifr cite ID --style csl`: CSL-JSON
//! that the CSL input schema accepts (checked with the `jsonschema` crate
//! against ../shared/schemas/csl-data.json), each telegram a
//! personal_communication with its names in their order.

mod common;

use std::path::PathBuf;

use common::*;
use serde_json::Value;

fn schema() -> Option<Value> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/csl-data.json");
    match std::fs::read_to_string(&p) {
        Ok(s) => Some(serde_json::from_str(&s).unwrap()),
        Err(_) if std::env::var_os("CI").is_some() => {
            panic!(
                "CI lays out ../shared beside the repository, but {} is not there",
                p.display()
            )
        }
        Err(_) => {
            eprintln!("skipped: no {}", p.display());
            None
        }
    }
}

fn json(args: &[&str]) -> Value {
    let out = run(args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn assert_valid(schema: &Value, v: &Value) {
    let validator = jsonschema::validator_for(schema).expect("the CSL schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn the_export_validates_against_the_csl_schema() {
    let Some(schema) = schema() else { return };
    let v = json(&["export", "--format", "csl"]);
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 45);
    assert_valid(&schema, &v);
    // And the schema is not a rubber stamp: a bad item fails it.
    let mut bad = v.clone();
    bad[0]["issued"] = Value::String("1950".into());
    bad[1]["type"] = Value::String("telegram".into());
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.iter_errors(&bad).count() >= 2);
}

#[test]
fn cite_style_csl_is_one_valid_item() {
    let Some(schema) = schema() else { return };
    let v = json(&["cite", "1950-10-02-mao-stalin", "--style", "csl"]);
    assert_valid(&schema, &v);
    assert_eq!(v.as_array().unwrap().len(), 1);
}

#[test]
fn each_telegram_is_a_personal_communication_with_the_notes_facts() {
    let v = json(&["export", "--format", "csl"]);
    let by_id = |id: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap_or_else(|| panic!("{id}"))
            .clone()
    };
    for i in v.as_array().unwrap() {
        assert_eq!(i["type"], "personal_communication", "{i}");
        for key in ["title", "author", "recipient", "genre", "issued", "note"] {
            assert!(i.get(key).is_some(), "{key}: {i}");
        }
    }
    let oct2 = by_id("1950-10-02-mao-stalin");
    assert_eq!(
        oct2["author"],
        serde_json::json!([{"family": "Roshchin", "given": "Alexei"}])
    );
    assert_eq!(oct2["genre"], "Ciphered telegram");
    assert_eq!(
        oct2["issued"],
        serde_json::json!({"date-parts": [[1950, 10, 3]]})
    );
    assert_eq!(oct2["archive"], "APRF");
    assert_eq!(
        oct2["archive_location"],
        "fond 45, opis 1, delo 334, listy 105–106"
    );
    assert_eq!(oct2["container-title"], "CWIHP, Bulletin 6–7, Winter 1995");
    let note = oct2["note"].as_str().unwrap();
    assert!(
        note.starts_with("Quoted in “The Korean War June-October 1950"),
        "{note}"
    );
    assert!(note.contains("nn. 116–20."), "{note}");
    assert!(
        note.contains("Footnote 116: the paper lacks its text."),
        "{note}"
    );
    assert!(
        note.contains("Footnote 117: “Ciphered Telegram from Roschin"),
        "{note}"
    );
    // East Asian names family first, and kept so.
    let mz = by_id("1950-10-13-mao-zhou");
    assert_eq!(
        mz["author"],
        serde_json::json!([{"family": "Mao", "given": "Zedong", "static-ordering": true}])
    );
    assert_eq!(
        mz["recipient"],
        serde_json::json!([{"family": "Zhou", "given": "Enlai", "static-ordering": true}])
    );
    // A month-only date in EDTF.
    let aug = by_id("1950-08-mao-kim");
    assert_eq!(
        aug["issued"],
        serde_json::json!({"date-parts": [[1950, 8]], "raw": "1950-08"})
    );
    // The draft says so.
    let oct4 = by_id("1950-10-04-stalin-mao");
    assert_eq!(oct4["genre"], "Draft ciphered telegram");
    assert_eq!(oct4["status"], "draft");
    // A body is a literal name.
    let polit = by_id("1950-08-26-mao-ccp-politburo");
    assert_eq!(
        polit["recipient"],
        serde_json::json!([{"literal": "Politburo of the Chinese Communist Party"}])
    );
}
