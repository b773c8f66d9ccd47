//! What the tests of generated files share: compare a file with what it is
//! made from, or write it (`make generated` sets BLESS).
#![allow(dead_code)] // Each test file uses a part of it.

use std::path::Path;

/// The file at `path`, from the repository's root.
pub fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap_or_default()
}

/// Compares `path` with `made`, or writes it when BLESS is set.
pub fn check(path: &str, made: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, made).unwrap();
        return;
    }
    let found = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(found == made, "{} differs from what it is made from: run `make generated`, and commit it", path.display());
}

/// `text` with what is between `<!-- name:start -->` and `<!-- name:end -->` replaced by `made`.
pub fn between_markers(text: &str, name: &str, made: &str) -> String {
    let (start, end) = (format!("<!-- {name}:start -->\n"), format!("<!-- {name}:end -->"));
    let from = text.find(&start).expect("the start marker") + start.len();
    let to = text.find(&end).expect("the end marker");
    format!("{}{made}{}", &text[..from], &text[to..])
}

/// `text` with the lines between the one that starts `// generated:start` and
/// the one that is `// generated:end` replaced by `made`.
pub fn between_generated_lines(text: &str, made: &str) -> String {
    let from = text.find("// generated:start").expect("the start line");
    let from = from + text[from..].find('\n').expect("a line break") + 1;
    let end = text.find("// generated:end").expect("the end line");
    let to = text[..end].rfind('\n').map_or(0, |i| i + 1);
    format!("{}{made}{}", &text[..from], &text[to..])
}
