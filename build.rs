//! Embeds the bundled corpus: every file under `corpus/` becomes a
//! `(relative path, contents)` pair in `$OUT_DIR/embedded_corpus.rs`, so the
//! binary works from any directory without a copy of the repository.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, base: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, base, out);
        } else if path.extension().is_some_and(|x| x == "toml") {
            out.push(path.strip_prefix(base).unwrap().to_path_buf());
        }
    }
}

/// A hash of every source file (and the locked dependencies): the start-up
/// cache written by one build is never read by another, whose checks or
/// index may differ.
fn build_id(root: &Path) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut files = Vec::new();
    let mut dirs = vec![root.join("src")];
    while let Some(d) = dirs.pop() {
        for e in fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.push(root.join("Cargo.lock"));
    files.sort();
    let mut h = DefaultHasher::new();
    for f in &files {
        f.strip_prefix(root).unwrap_or(f).hash(&mut h);
        fs::read(f).unwrap_or_default().hash(&mut h);
    }
    h.finish()
}

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rustc-env=SHIFR_BUILD_ID={:016x}", build_id(&root));
    let corpus = root.join("corpus");
    println!("cargo:rerun-if-changed=corpus");
    let mut files = Vec::new();
    collect(&corpus, &root, &mut files);
    let mut code = String::from("pub(crate) static FILES: &[(&str, &str)] = &[\n");
    for rel in &files {
        let rel_str = rel.to_string_lossy().replace('\\', "/");
        let abs = root.join(rel);
        println!("cargo:rerun-if-changed={}", abs.display());
        code.push_str(&format!(
            "    ({rel_str:?}, include_str!({:?})),\n",
            abs.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("embedded_corpus.rs");
    fs::write(out, code).unwrap();
}
