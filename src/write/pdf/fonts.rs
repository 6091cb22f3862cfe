//! Fonts for the PDF writer: find faces by family name, load them, and pick a face per character.
//!
//! Each template role lists East Asian families (仿宋_GB2312, FangSong, FandolFang, Noto Serif
//! CJK SC…) and Latin families; every listed face that is installed joins the role's chain,
//! followed by shared fallbacks, and a character is set in the first face whose cmap has it.
//! Faces are memory-mapped and parsed lazily by printpdf, so a 20 MB `.ttc` costs little.
//! What a set of template fonts resolved to is kept for the process ([`Fonts::load`]): a
//! server or a batch writing many PDFs searches and parses the font files once.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use allsorts::tables::cmap::owned::{CmapSubtable, CmapSubtableFormat4};
use printpdf::{AzulParsedFont, ParsedFont};
use rustc_hash::FxHashMap;

use crate::error::Error;
use crate::template::Template;

use super::layout::{FaceId, GlyphChoice, Metrics, Script};
use crate::flow::FaceRole;

/// Families tried after a role's own list when a character is missing from all its faces.
const FALLBACK_FAMILIES: &[&str] = &[
    "Noto Serif CJK SC",
    "Noto Sans CJK SC",
    "Source Han Serif SC",
    "Source Han Sans SC",
    "AR PL UMing CN",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "DejaVu Sans",
];

/// The folder the setup script installs the Fandol faces into.
pub const WENGAO_FONT_DIR: &str = "/usr/local/share/fonts/wengao";

/// Where to look for fonts.
#[derive(Debug, Clone)]
pub struct FontSearch {
    /// Folders searched first, in order.
    pub dirs: Vec<PathBuf>,
    /// Also search the system's font folders.
    pub system: bool,
}

impl FontSearch {
    /// `$WENGAO_FONT_DIR` (colon-separated), then [`WENGAO_FONT_DIR`], then the system folders.
    pub fn from_env() -> FontSearch {
        let mut dirs: Vec<PathBuf> = std::env::var_os("WENGAO_FONT_DIR")
            .map(|value| std::env::split_paths(&value).collect())
            .unwrap_or_default();
        dirs.push(PathBuf::from(WENGAO_FONT_DIR));
        FontSearch { dirs, system: true }
    }
}

/// A loaded face.
pub struct Face {
    /// The family name it was found by (or the file's first family for a given file).
    pub family: String,
    pub path: PathBuf,
    /// Face index inside a collection (`.ttc`).
    pub index: u32,
    pub font: ParsedFont,
    units_per_em: f32,
}

impl Face {
    /// The glyph of `c`, if the face has one (never the missing glyph 0).
    pub fn glyph(&self, c: char) -> Option<u16> {
        match &self.font.cmap_subtable {
            Some(CmapSubtable::Format4(table)) => format4_glyph(table, c as u32),
            _ => self.font.lookup_glyph_index(c as u32),
        }
        .filter(|&gid| gid != 0)
    }

    fn advance_em(&self, gid: u16) -> f32 {
        self.font.get_horizontal_advance(gid) as f32 / self.units_per_em
    }
}

/// The glyph of `ch` in a format 4 cmap (never the missing glyph 0), found by binary search
/// over its sorted segments (printpdf's lookup walks them all: a CJK face has over 4000). Same
/// reading as allsorts', including the idRangeOffset 0xFFFF of old Fontographer fonts; an
/// offset outside the glyph array is no glyph.
fn format4_glyph(table: &CmapSubtableFormat4, ch: u32) -> Option<u16> {
    let ch = u16::try_from(ch).ok()?;
    let segment = table.end_codes.partition_point(|&end| end < ch);
    let start = *table.start_codes.get(segment)?;
    if start > ch || *table.end_codes.get(segment)? < ch {
        return None;
    }
    let delta = i32::from(*table.id_deltas.get(segment)?);
    let range_offset = match *table.id_range_offsets.get(segment)? {
        0xFFFF => 0,
        offset => offset,
    };
    if range_offset == 0 {
        let glyph = ((i32::from(ch) + delta) & 0xFFFF) as u16;
        return (glyph != 0).then_some(glyph);
    }
    // The offset counts bytes from this segment's own idRangeOffset entry.
    let segments = table.id_range_offsets.len();
    let byte_offset = u32::from(range_offset) + segment as u32 * 2 + u32::from(ch - start) * 2;
    if byte_offset < segments as u32 * 2 || byte_offset & 1 != 0 {
        return None;
    }
    let glyph = *table
        .glyph_id_array
        .get((byte_offset >> 1) as usize - segments)?;
    (glyph != 0).then(|| ((i32::from(glyph) + delta) & 0xFFFF) as u16)
}

/// How a role's first face was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaceSource {
    /// `--font ROLE=PATH`.
    CommandLine,
    /// The template's `font_file`.
    TemplateFile,
    /// A family name from the template's list.
    Family(String),
    /// None of the role's families is installed: a shared fallback.
    Fallback,
}

/// The faces of one role.
#[derive(Debug, Clone)]
pub struct RoleFaces {
    pub role: FaceRole,
    /// East Asian faces in order of preference, the shared fallbacks last.
    pub east_asian: Vec<FaceId>,
    pub east_asian_source: FaceSource,
    /// The Latin face, when one of the role's Latin families is installed.
    pub latin: Option<FaceId>,
}

/// The faces every role resolved to.
pub struct Fonts {
    /// Shared with every other `Fonts` loaded with the same settings in this process.
    pub faces: Arc<Vec<Face>>,
    pub roles: Vec<RoleFaces>,
    /// Choices already made: cmap lookups are the layout's hottest path.
    choices: RefCell<FxHashMap<(FaceRole, char), GlyphChoice>>,
}

/// What one set of font settings resolved to, shared by the [`Fonts`] loaded with them.
struct Resolved {
    faces: Arc<Vec<Face>>,
    roles: Vec<RoleFaces>,
}

/// Settings resolved so far in this process.
static RESOLVED: OnceLock<Mutex<HashMap<CacheKey, Arc<Resolved>>>> = OnceLock::new();

/// At most this many different font settings are kept (each holds its parsed faces).
const MAX_CACHED_SETTINGS: usize = 16;

/// Everything [`Fonts::resolve`] depends on: each role's families and font file, the
/// `--font` overrides and where to search.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct CacheKey {
    roles: Vec<(Vec<String>, Vec<String>, Option<String>)>,
    overrides: Vec<(String, String)>,
    dirs: Vec<PathBuf>,
    system: bool,
}

impl CacheKey {
    fn new(template: &Template, overrides: &[(String, String)], search: &FontSearch) -> Self {
        CacheKey {
            roles: FaceRole::ALL
                .iter()
                .map(|role| {
                    let style = role.style(&template.roles);
                    (
                        style.east_asian.clone(),
                        style.latin.clone(),
                        style.font_file.clone(),
                    )
                })
                .collect(),
            overrides: overrides.to_vec(),
            dirs: search.dirs.clone(),
            system: search.system,
        }
    }
}

/// Installed faces, searchable by family name.
struct Catalogue {
    db: fontdb::Database,
    /// Lower-cased family name to face IDs.
    by_family: HashMap<String, Vec<fontdb::ID>>,
}

impl Catalogue {
    fn scan(search: &FontSearch) -> Catalogue {
        let mut db = fontdb::Database::new();
        for dir in &search.dirs {
            db.load_fonts_dir(dir);
        }
        if search.system {
            db.load_system_fonts();
        }
        let mut by_family: HashMap<String, Vec<fontdb::ID>> = HashMap::new();
        for face in db.faces() {
            for (name, _) in &face.families {
                by_family
                    .entry(name.to_lowercase())
                    .or_default()
                    .push(face.id);
            }
            by_family
                .entry(face.post_script_name.to_lowercase())
                .or_default()
                .push(face.id);
        }
        Catalogue { db, by_family }
    }

    /// The regular upright face of `family`, if installed.
    fn find(&self, family: &str) -> Option<(PathBuf, u32)> {
        let ids = self.by_family.get(&family.to_lowercase())?;
        let best = ids
            .iter()
            .filter_map(|id| self.db.face(*id))
            .min_by_key(|face| {
                let italic = face.style != fontdb::Style::Normal;
                let named_bold = face.post_script_name.to_lowercase().contains("bold");
                (italic, named_bold, (face.weight.0 as i32 - 400).abs())
            })?;
        Some((source_path(&best.source)?, best.index))
    }
}

fn source_path(source: &fontdb::Source) -> Option<PathBuf> {
    match source {
        fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => Some(path.clone()),
        fontdb::Source::Binary(_) => None,
    }
}

/// Loads faces once each.
struct Loader {
    faces: Vec<Face>,
    by_location: HashMap<(PathBuf, u32), FaceId>,
}

impl Loader {
    fn load(&mut self, path: &Path, index: u32, family: &str) -> Result<FaceId, String> {
        let key = (path.to_path_buf(), index);
        if let Some(&id) = self.by_location.get(&key) {
            return Ok(id);
        }
        let font = parse_face(path, index)?;
        let units_per_em = f32::from(font.font_metrics.units_per_em.max(1));
        let id = FaceId(self.faces.len());
        self.faces.push(Face {
            family: family.to_string(),
            path: path.to_path_buf(),
            index,
            font,
            units_per_em,
        });
        self.by_location.insert(key, id);
        Ok(id)
    }
}

/// Parses one face from a memory map of its file.
fn parse_face(path: &Path, index: u32) -> Result<ParsedFont, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    // SAFETY: the map is read-only and font files are not modified while wengao runs; this
    // is how fontdb and rust-fontconfig read fonts too.
    #[allow(unsafe_code)]
    let map =
        unsafe { mmapio::Mmap::map(&file) }.map_err(|e| format!("{}: {e}", path.display()))?;
    let bytes = Arc::new(rust_fontconfig::FontBytes::Mmapped(map));
    let mut warnings = Vec::new();
    let font = AzulParsedFont::from_bytes_shared(bytes, index as usize, &mut warnings)
        .map(ParsedFont::from_azul)
        .ok_or_else(|| format!("{}: not a font wengao can read", path.display()))?;
    release_pages(&font);
    Ok(font)
}

/// Lets the kernel take back the pages of `font`'s file that this process has read. Reading
/// one glyph maps its neighbours too (the kernel faults 64 KB around it), so parsing and
/// subsetting a CJK face left megabytes of its file counted in the process's memory. They
/// stay in the page cache and are mapped again if read again.
pub fn release_pages(font: &ParsedFont) {
    #[cfg(unix)]
    if let Some(bytes) = &font.original_bytes
        && let rust_fontconfig::FontBytes::Mmapped(map) = &**bytes
    {
        // SAFETY: the map is a shared, read-only mapping of a font file nobody writes to (see
        // parse_face), page-aligned by mmap. MADV_DONTNEED only drops its page table entries:
        // the next read maps the same bytes from the page cache again. Heap-owned bytes are
        // never advised (that would zero them).
        #[allow(unsafe_code)]
        unsafe {
            libc::madvise(
                map.as_ptr().cast_mut().cast(),
                map.len(),
                libc::MADV_DONTNEED,
            );
        }
    }
}

/// The face of a font file given by path: in a collection, the Simplified Chinese face.
fn face_in_file(path: &Path) -> Result<(u32, String), String> {
    let mut db = fontdb::Database::new();
    db.load_font_file(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let faces: Vec<&fontdb::FaceInfo> = db.faces().collect();
    let chosen = faces
        .iter()
        .find(|face| face.families.iter().any(|(name, _)| name.ends_with(" SC")))
        .or(faces.first())
        .ok_or_else(|| format!("{}: no font face in this file", path.display()))?;
    let family = chosen
        .families
        .first()
        .map(|(name, _)| name.clone())
        .unwrap_or_default();
    Ok((chosen.index, family))
}

impl Fonts {
    /// Finds and loads the faces of every role of `template`; `overrides` are
    /// `--font ROLE=PATH` pairs. Fails when no Chinese face is found at all.
    ///
    /// The result is kept for the rest of the process, keyed by everything it depends on
    /// (each role's families and font file, the overrides, the search folders), so later
    /// calls with the same settings neither search nor parse font files again. A failure is
    /// not kept: the next call looks again.
    pub fn load(
        template: &Template,
        overrides: &[(String, String)],
        search: &FontSearch,
    ) -> Result<Fonts, Error> {
        let key = CacheKey::new(template, overrides, search);
        let cache = RESOLVED.get_or_init(Mutex::default);
        let cached = cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&key)
            .cloned();
        let resolved = match cached {
            Some(resolved) => resolved,
            None => {
                let resolved = Arc::new(Self::resolve(template, overrides, search)?);
                let mut entries = cache
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                if entries.len() < MAX_CACHED_SETTINGS {
                    entries.insert(key, Arc::clone(&resolved));
                }
                resolved
            }
        };
        Ok(Fonts {
            faces: Arc::clone(&resolved.faces),
            roles: resolved.roles.clone(),
            choices: RefCell::new(FxHashMap::default()),
        })
    }

    /// Searches and parses the faces of every role (what [`Fonts::load`] keeps).
    fn resolve(
        template: &Template,
        overrides: &[(String, String)],
        search: &FontSearch,
    ) -> Result<Resolved, Error> {
        let write_error = |message: String| Error::Write {
            format: "pdf",
            message,
        };
        for (role, _) in overrides {
            if !FaceRole::ALL.iter().any(|r| r.name() == role) {
                return Err(Error::Usage(format!(
                    "--font {role}=…: unknown role; roles are {}",
                    FaceRole::ALL.map(FaceRole::name).join(", ")
                )));
            }
        }
        let catalogue = Catalogue::scan(search);
        let mut loader = Loader {
            faces: Vec::new(),
            by_location: HashMap::new(),
        };
        let load_file = |loader: &mut Loader, path: &str| -> Result<FaceId, Error> {
            let path = Path::new(path);
            crate::files::check_readable(path, crate::files::Source::Font)?;
            let (index, family) = face_in_file(path).map_err(write_error)?;
            loader.load(path, index, &family).map_err(write_error)
        };
        let fallbacks: Vec<FaceId> = FALLBACK_FAMILIES
            .iter()
            .filter_map(|family| {
                let (path, index) = catalogue.find(family)?;
                loader.load(&path, index, family).ok()
            })
            .collect();
        let mut roles = Vec::new();
        for role in FaceRole::ALL {
            let style = role.style(&template.roles);
            let mut chain = Vec::new();
            let mut source = FaceSource::Fallback;
            if let Some((_, path)) = overrides.iter().rev().find(|(name, _)| name == role.name()) {
                chain.push(load_file(&mut loader, path)?);
                source = FaceSource::CommandLine;
            } else if let Some(path) = &style.font_file {
                chain.push(load_file(&mut loader, path)?);
                source = FaceSource::TemplateFile;
            }
            for family in &style.east_asian {
                if let Some((path, index)) = catalogue.find(family)
                    && let Ok(id) = loader.load(&path, index, family)
                    && !chain.contains(&id)
                {
                    if chain.is_empty() {
                        source = FaceSource::Family(family.clone());
                    }
                    chain.push(id);
                }
            }
            for id in &fallbacks {
                if !chain.contains(id) {
                    chain.push(*id);
                }
            }
            let latin = style.latin.iter().find_map(|family| {
                let (path, index) = catalogue.find(family)?;
                loader.load(&path, index, family).ok()
            });
            roles.push(RoleFaces {
                role,
                east_asian: chain,
                east_asian_source: source,
                latin,
            });
        }
        let fonts = Resolved {
            faces: Arc::new(loader.faces),
            roles,
        };
        let has_chinese = fonts.faces.iter().any(|face| face.glyph('中').is_some());
        if !has_chinese {
            let body = &template.roles.body.east_asian;
            return Err(write_error(format!(
                "no Chinese font found (looked for {} and {} in {}{}); run scripts/setup-fonts.sh \
                 (installs fonts-noto-cjk and the Fandol faces) or `apt install fonts-noto-cjk`, \
                 or pass --font body=PATH",
                body.join(", "),
                FALLBACK_FAMILIES[..2].join(", "),
                search
                    .dirs
                    .iter()
                    .map(|d| d.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                if search.system {
                    " and the system font folders"
                } else {
                    ""
                }
            )));
        }
        Ok(fonts)
    }

    /// Another view of the same parsed faces, for another thread: views share the faces and
    /// cache their choices apart.
    pub fn view(&self) -> Fonts {
        Fonts {
            faces: Arc::clone(&self.faces),
            roles: self.roles.clone(),
            choices: RefCell::new(FxHashMap::default()),
        }
    }

    /// The faces of `role`.
    pub fn role(&self, role: FaceRole) -> &RoleFaces {
        let wanted = FaceRole::heading_capped(role);
        self.roles
            .iter()
            .find(|r| r.role == wanted)
            .expect("every role is resolved")
    }

    /// The face behind an ID.
    pub fn face(&self, id: FaceId) -> &Face {
        &self.faces[id.0]
    }

    /// What each role resolved to and from which file, for `wengao fonts`.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for role in &self.roles {
            let describe = |id: Option<FaceId>| match id {
                Some(id) => {
                    let face = self.face(id);
                    let index = if face.index > 0 {
                        format!(" #{}", face.index)
                    } else {
                        String::new()
                    };
                    format!("{} ({}{index})", face.family, face.path.display())
                }
                None => "none".to_string(),
            };
            let how = match &role.east_asian_source {
                FaceSource::CommandLine => "from --font".to_string(),
                FaceSource::TemplateFile => "from the template's font_file".to_string(),
                FaceSource::Family(name) => format!("by family {name}"),
                FaceSource::Fallback => "none of the template's families: fallback".to_string(),
            };
            let _ = writeln!(out, "{}:", role.role.name());
            let _ = writeln!(
                out,
                "  east asian: {} [{how}]",
                describe(role.east_asian.first().copied())
            );
            let _ = writeln!(
                out,
                "  latin:      {}",
                match role.latin {
                    Some(id) => describe(Some(id)),
                    None => "none: Latin letters use the east asian face".to_string(),
                }
            );
            if role.east_asian.len() > 1 {
                let rest: Vec<String> = role.east_asian[1..]
                    .iter()
                    .map(|id| self.face(*id).family.clone())
                    .collect();
                let _ = writeln!(out, "  fallbacks:  {}", rest.join(", "));
            }
        }
        out
    }
}

impl FaceRole {
    /// Deeper heading levels share heading 4's fonts.
    fn heading_capped(role: FaceRole) -> FaceRole {
        match role {
            FaceRole::Heading(level) => FaceRole::heading(level),
            other => other,
        }
    }
}

impl Metrics for Fonts {
    fn choose(&self, role: FaceRole, script: Script, c: char) -> GlyphChoice {
        if let Some(choice) = self.choices.borrow().get(&(role, c)) {
            return *choice;
        }
        let choice = self.search(role, script, c);
        self.choices.borrow_mut().insert((role, c), choice);
        choice
    }
}

impl Fonts {
    /// The first face in `role`'s chain (Latin face first for Latin) that has `c`.
    fn search(&self, role: FaceRole, script: Script, c: char) -> GlyphChoice {
        let faces = self.role(role);
        let latin = faces.latin.into_iter();
        let east_asian = faces.east_asian.iter().copied();
        let order: Vec<FaceId> = match script {
            Script::Latin => latin.chain(east_asian).collect(),
            Script::EastAsian => east_asian.chain(latin).collect(),
        };
        for id in &order {
            if let Some(gid) = self.face(*id).glyph(c) {
                return GlyphChoice {
                    face: *id,
                    advance_em: self.face(*id).advance_em(gid),
                    found: true,
                };
            }
        }
        GlyphChoice {
            face: order.first().copied().unwrap_or(FaceId(0)),
            advance_em: match script {
                Script::EastAsian => 1.0,
                Script::Latin => 0.5,
            },
            found: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A format 4 table with every kind of segment: by delta, by the glyph array, the
    /// 0xFFFF offset of old Fontographer fonts, an offset past the array, and the last 0xFFFF.
    fn table() -> CmapSubtableFormat4 {
        CmapSubtableFormat4 {
            language: 0,
            start_codes: vec![0x20, 0x41, 0x100, 0x4E00, 0x5000, 0xFFFF],
            end_codes: vec![0x39, 0x45, 0x102, 0x4E05, 0x5003, 0xFFFF],
            id_deltas: vec![-29, 10, 7, 0, 0, 1],
            // Segment 1 reads the glyph array from its start (10 bytes past its own slot);
            // segment 4's offset points beyond the array.
            id_range_offsets: vec![0, 10, 0xFFFF, 0, 400, 0],
            glyph_id_array: vec![3, 0, 9, 65535, 12],
        }
    }

    #[test]
    fn binary_search_reads_format4_as_allsorts_does() {
        let table = table();
        let allsorts = CmapSubtable::Format4(table.clone());
        for ch in (0..=0x1_0000u32).chain([0x1_F600, u32::MAX]) {
            let expected = allsorts.map_glyph(ch).ok().flatten().filter(|&g| g != 0);
            assert_eq!(format4_glyph(&table, ch), expected, "U+{ch:04X}");
        }
        assert_eq!(format4_glyph(&table, 0x20), Some(3));
        assert_eq!(format4_glyph(&table, 0x41), Some(13));
        assert_eq!(format4_glyph(&table, 0x42), None, "glyph 0 in the array");
        assert_eq!(format4_glyph(&table, 0x44), Some(9), "65535 + 10 wraps");
        assert_eq!(format4_glyph(&table, 0x101), Some(0x108));
        assert_eq!(format4_glyph(&table, 0x5001), None, "offset past the array");
    }
}
