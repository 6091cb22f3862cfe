//! What counts as white space in Chinese web text (U+3000, NBSP, BOM, zero-width space too).

/// True for every character that counts as white space in Chinese web text.
pub fn is_space(c: char) -> bool {
    // Chinese characters and full-width marks first: no space from U+3001 on but U+FEFF.
    if c > '\u{3000}' {
        return c == '\u{feff}';
    }
    c.is_whitespace()
        || matches!(
            c,
            '\u{3000}' | '\u{2002}' | '\u{2003}' | '\u{a0}' | '\u{feff}' | '\u{200b}'
        )
}

/// The text without any white space ("目　　录" → "目录").
pub fn compact(text: &str) -> String {
    text.chars().filter(|&c| !is_space(c)).collect()
}

/// Trims Chinese white space from both ends.
pub fn trim(text: &str) -> &str {
    text.trim_matches(is_space)
}
