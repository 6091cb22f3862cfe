//! Shared helpers for the DOCX tests: read inputs into models, write packages, read parts.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use wengao::Template;
use wengao::model::Document;
use wengao::write::{WriteOptions, docx};

/// The seed speech page.
pub fn seed_path() -> PathBuf {
    crate::common::seed_text()
}

/// A fixture of this writer.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/docx")
        .join(name)
}

/// Reads a text file into the model, as `wengao convert` does.
pub fn read_text(path: &Path) -> Document {
    crate::common::read_document(path)
}

/// Options with a shipped template.
pub fn options(template: &str) -> WriteOptions {
    WriteOptions {
        template: Template::builtin(template).expect("shipped template"),
        ..WriteOptions::default()
    }
}

/// The DOCX bytes of a document.
pub fn write(document: &Document, options: &WriteOptions) -> Vec<u8> {
    docx::write(document, options).expect("docx writes").bytes
}

/// Every part of a package by name.
pub fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip package");
    let mut out = BTreeMap::new();
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).unwrap();
        if file.is_dir() {
            continue;
        }
        let mut text = String::new();
        file.read_to_string(&mut text)
            .unwrap_or_else(|e| panic!("{} is not UTF-8 text: {e}", file.name()));
        out.insert(file.name().to_string(), text);
    }
    out
}

/// The WordprocessingML namespace.
pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A `w:` attribute of a node.
pub fn w_attr<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

/// The first descendant `w:` element called `name`.
pub fn w_child<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    name: &str,
) -> Option<roxmltree::Node<'a, 'i>> {
    node.descendants()
        .find(|n| n.tag_name().namespace() == Some(W) && n.tag_name().name() == name)
}

/// True for a `w:` element called `name`.
pub fn is_w(node: roxmltree::Node, name: &str) -> bool {
    node.is_element() && node.tag_name().namespace() == Some(W) && node.tag_name().name() == name
}

/// The Han characters of a string, in order.
pub fn han(text: &str) -> String {
    text.chars().filter(|&c| wengao::model::is_han(c)).collect()
}
