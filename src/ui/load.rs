//! Fetching the feed: the only network code. Everything after the bytes arrive is `feed::check`.

use crate::feed::{self, Checked, FeedError, LoadError, ParseError};

/// Fetches and checks a feed. Relative URLs resolve against the page, so `dist/` works from
/// any sub-path of a static host.
pub async fn load_feed(url: String) -> Result<Checked, FeedError> {
    let text = fetch_text(&url).await?;
    Ok(feed::check(&text)?)
}

/// Fetches a feed's text: HTTP errors and announced oversize bodies are refused unread.
pub async fn fetch_text(url: &str) -> Result<String, FeedError> {
    let url = url.to_owned();
    let response = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(|e| LoadError::Network(e.to_string()))?;
    if !response.ok() {
        return Err(LoadError::Http {
            status: response.status(),
            url,
        }
        .into());
    }
    // Refuse an announced oversize body before reading it.
    let announced = response
        .headers()
        .get("content-length")
        .and_then(|n| n.trim().parse::<usize>().ok());
    if let Some(bytes) = announced.filter(|n| *n > feed::validate::MAX_BYTES) {
        return Err(ParseError::TooLarge {
            bytes,
            limit: feed::validate::MAX_BYTES,
        }
        .into());
    }
    let text = response
        .text()
        .await
        .map_err(|e| LoadError::Network(e.to_string()))?;
    Ok(text)
}

/// The feed a page shows: `?feed=` when it names a relative or http(s) address, else the
/// bundled one. Returns the address and whether it is the bundled feed.
pub fn feed_address(param: Option<String>) -> (String, bool) {
    match param {
        Some(url) if is_fetchable(&url) => (url, false),
        _ => (feed::BUNDLED_FEED.to_owned(), true),
    }
}

/// A relative path or an http(s) address; never `javascript:`, `data:` or `file:`.
pub fn is_fetchable(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return feed::validate::is_web_url(url.trim());
    }
    !lower.is_empty() && !lower.contains(':') && !lower.starts_with("//") && lower.len() < 2000
}
