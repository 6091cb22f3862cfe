//! The .docx package: a zip whose parts are read by name, with limits that refuse a bomb.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use crate::error::Error;

/// The largest unzipped size of one part, and of all parts read together.
pub const MAX_PART_BYTES: u64 = 256 << 20;
pub const MAX_TOTAL_BYTES: u64 = 512 << 20;
/// The largest ratio of unzipped to zipped bytes wengao accepts for a part of more than
/// a megabyte (real Word XML deflates about 10:1; a bomb a thousand to one).
const MAX_RATIO: u64 = 200;

/// An opened package, reading the input's bytes where they are.
pub struct Package<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    name: String,
    read_so_far: u64,
}

impl<'a> Package<'a> {
    /// Opens `bytes` as a zip; an error names the input.
    pub fn open(name: &str, bytes: &'a [u8]) -> Result<Package<'a>, Error> {
        let archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| not_docx(name, &format!("not a readable zip package ({e})")))?;
        Ok(Package {
            archive,
            name: name.to_string(),
            read_so_far: 0,
        })
    }

    /// Whether the package has a part of this name.
    pub fn has(&self, part: &str) -> bool {
        self.archive.index_for_name(part).is_some()
    }

    /// The names of every part.
    pub fn part_names(&self) -> Vec<String> {
        self.archive.file_names().map(str::to_string).collect()
    }

    /// The bytes of `part`, or `None` when the package has no such part; an error when it is
    /// corrupt or larger than the limits allow.
    pub fn read(&mut self, part: &str) -> Result<Option<Vec<u8>>, Error> {
        let Some(index) = self.archive.index_for_name(part) else {
            return Ok(None);
        };
        let name = self.name.clone();
        let mut file = self
            .archive
            .by_index(index)
            .map_err(|e| not_docx(&name, &format!("its part {part} is unreadable ({e})")))?;
        let declared = file.size();
        let compressed = file.compressed_size().max(1);
        if declared > MAX_PART_BYTES
            || (declared > 1 << 20 && declared / compressed > MAX_RATIO)
            || self.read_so_far.saturating_add(declared) > MAX_TOTAL_BYTES
        {
            return Err(bomb(&name, part, declared));
        }
        // The header may lie about the size: never read more than the limit.
        let mut bytes = Vec::with_capacity(declared.min(MAX_PART_BYTES) as usize);
        (&mut file)
            .take(MAX_PART_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| not_docx(&name, &format!("its part {part} is unreadable ({e})")))?;
        self.read_so_far = self.read_so_far.saturating_add(bytes.len() as u64);
        if bytes.len() as u64 > MAX_PART_BYTES || self.read_so_far > MAX_TOTAL_BYTES {
            return Err(bomb(&name, part, bytes.len() as u64));
        }
        Ok(Some(bytes))
    }

    /// The text of an XML part (UTF-8, or UTF-16 with a byte-order mark).
    pub fn read_xml(&mut self, part: &str) -> Result<Option<String>, Error> {
        let Some(bytes) = self.read(part)? else {
            return Ok(None);
        };
        let text = match bytes.as_slice() {
            [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => {
                let (encoding, _) =
                    encoding_rs::Encoding::for_bom(&bytes).unwrap_or((encoding_rs::UTF_8, 0));
                encoding.decode_with_bom_removal(&bytes).0.into_owned()
            }
            _ => String::from_utf8(bytes)
                .map_err(|_| not_docx(&self.name, &format!("its part {part} is not UTF-8 XML")))?,
        };
        Ok(Some(text))
    }

    /// The relationships of `part` (`word/document.xml` → `word/_rels/document.xml.rels`)
    /// inside the package: id → (target part name, kind: the last word of the type URI,
    /// "image", "footnotes", "header"…).
    pub fn relationships(
        &mut self,
        part: &str,
    ) -> Result<HashMap<String, (String, String)>, Error> {
        let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
        let rels_name = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let mut map = HashMap::new();
        let Some(xml) = self.read_xml(&rels_name)? else {
            return Ok(map);
        };
        let doc = parse_xml(&self.name, &rels_name, &xml)?;
        for rel in doc
            .descendants()
            .filter(|n| n.has_tag_name((RELS_NS, "Relationship")))
        {
            let (Some(id), Some(target)) = (rel.attribute("Id"), rel.attribute("Target")) else {
                continue;
            };
            if rel.attribute("TargetMode") == Some("External") {
                continue;
            }
            let kind = rel
                .attribute("Type")
                .unwrap_or("")
                .rsplit('/')
                .next()
                .unwrap_or("");
            map.insert(id.to_string(), (resolve(dir, target), kind.to_string()));
        }
        Ok(map)
    }

    /// The input's name, for messages.
    pub fn name(&self) -> &str {
        &self.name
    }
}

const RELS_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// A relationship target relative to `dir`, as a part name.
fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') || dir.is_empty() {
        Vec::new()
    } else {
        dir.split('/').collect()
    };
    for piece in target.trim_start_matches('/').split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// Parses XML, refusing a DTD (no entity expansion bombs).
pub fn parse_xml<'a>(
    name: &str,
    part: &str,
    xml: &'a str,
) -> Result<roxmltree::Document<'a>, Error> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: 50_000_000,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(xml, options).map_err(|e| {
        not_docx(
            name,
            &format!("its part {part} is not well-formed XML ({e})"),
        )
    })
}

/// The error for an input that is not a readable .docx.
pub fn not_docx(name: &str, why: &str) -> Error {
    Error::Io {
        path: name.to_string(),
        message: format!("not a readable Word document: {why}"),
        hint: "open it in Word or WPS and save it again as .docx",
    }
}

fn bomb(name: &str, part: &str, size: u64) -> Error {
    Error::Io {
        path: name.to_string(),
        message: format!(
            "refused: its part {part} unzips to {} MB, beyond what a Word document needs (a zip bomb?)",
            size >> 20
        ),
        hint: "check where the file came from; a real draft unzips to a few megabytes",
    }
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn relationship_targets_resolve_against_the_part() {
        assert_eq!(resolve("word", "media/image1.png"), "word/media/image1.png");
        assert_eq!(
            resolve("word", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(resolve("word", "/word/header1.xml"), "word/header1.xml");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
    }
}
