//! Embeds the built-in catalogs (`controls/*.yaml`) and layouts (`templates/<id>/*`) into
//! the binary, so `checksheet` works from any folder.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&root);
    let mut code = String::new();
    let list = |folder: &str, depth: usize| -> Vec<String> {
        println!("cargo:rerun-if-changed={folder}");
        let mut files = Vec::new();
        collect(&root.join(folder), folder, depth, &mut files);
        files.sort();
        files
    };
    let catalogs = list("controls", 2);
    let templates = list("templates", 2);
    for (name, files) in [("CATALOGS", catalogs), ("LAYOUT_FILES", templates)] {
        writeln!(code, "pub static {name}: &[(&str, &str)] = &[").unwrap();
        for file in files {
            let absolute = root.join(&file);
            writeln!(
                code,
                "    ({file:?}, include_str!({:?})),",
                absolute.display().to_string()
            )
            .unwrap();
        }
        writeln!(code, "];").unwrap();
    }
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}

fn collect(dir: &Path, shown: &str, depth: usize, out: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let shown_path = format!("{shown}/{name}");
        if path.is_dir() && depth > 1 {
            println!("cargo:rerun-if-changed={shown_path}");
            collect(&path, &shown_path, depth - 1, out);
        } else if path.is_file() && (name.ends_with(".yaml") || name.ends_with(".j2")) {
            out.push(shown_path);
        }
    }
}
