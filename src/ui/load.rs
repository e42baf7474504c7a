//! Fetching the feed: the only network code. Everything after the bytes arrive is `feed::check`.

use crate::feed::{self, Checked, FeedError, LoadError};

/// Fetches and checks a feed. Relative URLs resolve against the page, so `dist/` works from
/// any sub-path of a static host.
pub async fn load_feed(url: String) -> Result<Checked, FeedError> {
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
    let text = response
        .text()
        .await
        .map_err(|e| LoadError::Network(e.to_string()))?;
    Ok(feed::check(&text)?)
}
