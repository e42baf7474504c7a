//! Before validation: the file's size, nesting depth and JSON syntax, then its version marker.

use super::report::kind_of;
use super::{MAX_BYTES, MAX_DEPTH};
use crate::feed::error::{ParseError, SyntaxMessage};
use crate::feed::json::{self, Doc, Failure, Span, J};
use crate::feed::period::first_chars;

/// Size, depth and syntax checks, then the version marker.
pub(super) fn parse_root(text: &str) -> Result<(Doc<'_>, Span), ParseError> {
    // Byte order marks, in a loop: `trim_start_matches` brings a character searcher.
    let mut text = text;
    while let Some(rest) = text.strip_prefix('\u{feff}') {
        text = rest;
    }
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(ParseError::Empty);
    }
    if text.len() > MAX_BYTES {
        return Err(ParseError::TooLarge {
            bytes: text.len(),
            limit: MAX_BYTES,
        });
    }
    if trimmed.starts_with('<') {
        return Err(ParseError::Html);
    }
    // Too deep anywhere in the text comes before a syntax error: the parser counts the depth
    // as it goes (no scan of a good text first), and a text it finds wrong is scanned whole.
    let doc = json::parse(text, MAX_DEPTH).map_err(|failure| match failure {
        Failure::Syntax(e) if !nesting_depth_exceeds(text, MAX_DEPTH) => ParseError::Syntax {
            line: e.line(),
            column: e.column(),
            message: SyntaxMessage(e.into()),
        },
        Failure::Syntax(_) | Failure::TooDeep => ParseError::TooDeep { limit: MAX_DEPTH },
    })?;
    let J::Obj(root) = doc.root else {
        return Err(ParseError::NotAnObject);
    };
    match json::get(doc.fields(root), "esep") {
        None => Err(ParseError::MissingVersion),
        Some(J::Str(v)) if v == "1" || v.starts_with("1.") => Ok((doc, root)),
        Some(J::Str(s)) => Err(ParseError::UnsupportedVersion {
            found: first_chars(s, 20).to_owned(),
        }),
        Some(other) => Err(ParseError::VersionNotText {
            found: kind_of(other).to_owned(),
        }),
    }
}

/// Scans brackets outside strings, so that a hostile file is refused before it is parsed.
pub fn nesting_depth_exceeds(text: &str, limit: usize) -> bool {
    let mut depth = 0usize;
    let mut bytes = text.bytes();
    while let Some(b) = bytes.next() {
        match b {
            // A string, skipped in a loop of its own; an escape skips the byte after it.
            b'"' => {
                while let Some(b) = bytes.next() {
                    match b {
                        b'\\' => {
                            bytes.next();
                        }
                        b'"' => break,
                        _ => {}
                    }
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::feed::ParseError;

    #[test]
    fn too_deep_anywhere_comes_before_a_syntax_error() {
        let deep = format!("{}{}", "[".repeat(17), "]".repeat(17));
        let too_deep = Err(ParseError::TooDeep { limit: 16 });
        // Deep nesting after the text has gone wrong, and before it does.
        let after = format!(r#"{{"esep": "1.0", "a": x, "b": {deep}}}"#);
        assert_eq!(super::parse_root(&after).map(|_| ()), too_deep);
        let before = format!(r#"{{"esep": "1.0", "b": {deep}, "a": x}}"#);
        assert_eq!(super::parse_root(&before).map(|_| ()), too_deep);
        let unclosed = format!(r#"{{"esep": "1.0", "b": {}"#, "{\"a\":".repeat(16));
        assert_eq!(super::parse_root(&unclosed).map(|_| ()), too_deep);
        // Exactly as deep as allowed, then wrong: the syntax error.
        let ok_depth = format!(
            r#"{{"esep": "1.0", "b": {}x{}}}"#,
            "[".repeat(15),
            "]".repeat(15)
        );
        assert!(matches!(
            super::parse_root(&ok_depth),
            Err(ParseError::Syntax { .. })
        ));
    }
}
