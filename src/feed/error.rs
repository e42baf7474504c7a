//! One error type per boundary: loading (network), parsing (the file as a whole),
//! validating (problems inside a readable file, each with its JSON path).

use std::fmt;

/// The feed could not be fetched.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum LoadError {
    #[error("the feed could not be reached ({0})")]
    Network(String),
    #[error("the server answered HTTP {status} for {url}")]
    Http { status: u16, url: String },
    #[error("the feed took longer than {seconds} s to arrive")]
    Timeout { seconds: u32 },
}

/// The file was fetched but cannot be read as an esep feed at all.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ParseError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {bytes} bytes; the limit is {limit} bytes")]
    TooLarge { bytes: usize, limit: usize },
    #[error("the file nests deeper than {limit} levels")]
    TooDeep { limit: usize },
    #[error("this is an HTML page, not a JSON feed (wrong address?)")]
    Html,
    #[error("the file is not valid JSON: {message} (line {line}, column {column})")]
    Syntax {
        message: SyntaxMessage,
        line: usize,
        column: usize,
    },
    #[error("the file is JSON but not an object with an \"esep\" version")]
    NotAnObject,
    #[error("\"esep\": the version marker is missing (expected \"esep\": \"1.0\")")]
    MissingVersion,
    #[error("\"esep\": the version must be text such as \"1.0\", found {found}")]
    VersionNotText { found: String },
    #[error("\"esep\": version '{found}' is not supported; this page reads version 1.x")]
    UnsupportedVersion { found: String },
}

/// What serde_json says is wrong with a file's syntax ("expected `:`"), kept as its error and
/// worded only when shown: the page shows it from the split module `failed`, so the words of
/// every JSON and I/O error stay out of the page's first download.
#[derive(Clone, Debug)]
pub struct SyntaxMessage(pub std::sync::Arc<serde_json::Error>);

impl fmt::Display for SyntaxMessage {
    /// serde_json's message without its own " at line X column Y" tail (`ParseError` prints
    /// those apart).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let full = self.0.to_string();
        // By hand: `rfind` with a text pattern brings a substring search of 1 KB into the page.
        let end = (full.as_bytes().windows(9))
            .rposition(|w| w == b" at line ")
            .unwrap_or(full.len());
        f.write_str(&full[..end])
    }
}

impl PartialEq for SyntaxMessage {
    fn eq(&self, other: &Self) -> bool {
        self.to_string() == other.to_string()
    }
}

/// Either boundary's error, as the page shows it.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum FeedError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Parse(#[from] ParseError),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The element is skipped; a feed with errors must not be published.
    Error,
    /// Shown to publishers; the element is kept.
    Warning,
}

/// One thing wrong inside a feed, found by validation.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub severity: Severity,
    /// A JSON path such as `observations[12].metric`.
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tag = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{tag}: {}: {}", self.path, self.message)
    }
}
