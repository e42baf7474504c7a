//! A feed's citable version: the SHA-256 of its bytes, written in hex. Names and addresses use
//! its first twelve digits (`feeds/archive/3f2a9c0d41b7.json`, `?v=3f2a9c0d41b7`).

use sha2::{Digest as _, Sha256};

/// How many hex digits of the version names and addresses carry.
pub const SHORT: usize = 12;

/// The full version of a feed file: 64 lower-case hex digits.
pub fn of(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The first twelve digits of a version: what names and addresses carry.
pub fn short(version: &str) -> &str {
    version.get(..SHORT).unwrap_or(version)
}

/// A short version as written in `?v=`: exactly twelve lower-case hex digits.
pub fn is_short(text: &str) -> bool {
    text.len() == SHORT && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_is_the_sha256_of_the_bytes() {
        // FIPS 180-2's example, and the empty input.
        assert_eq!(
            of(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            of(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(short(&of(b"abc")), "ba7816bf8f01");
    }

    #[test]
    fn only_twelve_hex_digits_are_a_short_version() {
        assert!(is_short("ba7816bf8f01"));
        assert!(!is_short("ba7816bf8f0"));
        assert!(!is_short("ba7816bf8f01a"));
        assert!(!is_short("../../etc/pa"));
        assert!(!is_short("BA7816BF8F01"));
    }
}
