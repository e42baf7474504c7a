//! Fetching the feed: the only network code. Everything after the bytes arrive is `feed::read`.

use crate::feed::{self, Checked, FeedError, LoadError, ParseError};

/// Fetches and checks a feed; the text of the page's own feed (`versioned`) is kept for its
/// version (`ui::version`). Relative URLs resolve against the page, so `dist/` works from any
/// sub-path of a static host.
async fn load_feed(url: &str, versioned: bool) -> Result<Checked, FeedError> {
    let text = fetch_text(url).await?;
    let checked = feed::read(&text)?;
    if versioned {
        super::state::keep_feed_text(text);
    }
    Ok(checked)
}

/// How long a feed may take to arrive, in seconds (`?timeout=` may shorten it, for tests).
pub const TIMEOUT_SECONDS: u32 = 20;

fn timeout_seconds() -> u32 {
    super::address::param("timeout")
        .and_then(|t| t.parse::<u32>().ok())
        .map_or(TIMEOUT_SECONDS, |t| t.clamp(1, 120))
}

/// Aborts the request when the time is up; the timer is cleared when this is dropped.
struct Deadline {
    controller: web_sys::AbortController,
    timer: Option<i32>,
    _on_time: wasm_bindgen::prelude::Closure<dyn FnMut()>,
}

impl Deadline {
    fn new(seconds: u32) -> Option<Deadline> {
        let controller = web_sys::AbortController::new().ok()?;
        let abort = controller.clone();
        let on_time = wasm_bindgen::prelude::Closure::<dyn FnMut()>::new(move || abort.abort());
        let timer = leptos::prelude::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                wasm_bindgen::JsCast::unchecked_ref(on_time.as_ref()),
                (seconds * 1000) as i32,
            )
            .ok();
        Some(Deadline {
            controller,
            timer,
            _on_time: on_time,
        })
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(t) = self.timer {
            leptos::prelude::window().clear_timeout_with_handle(t);
        }
    }
}

/// Fetches a feed's text within the time limit: HTTP errors and announced oversize bodies are
/// refused unread.
pub async fn fetch_text(url: &str) -> Result<String, FeedError> {
    let seconds = timeout_seconds();
    let deadline = Deadline::new(seconds);
    let signal = deadline.as_ref().map(|d| d.controller.signal());
    let timed_out =
        |d: &Option<Deadline>| d.as_ref().is_some_and(|d| d.controller.signal().aborted());
    let fail = |e: gloo_net::Error, d: &Option<Deadline>| -> FeedError {
        if timed_out(d) {
            LoadError::Timeout { seconds }.into()
        } else {
            LoadError::Network(e.to_string()).into()
        }
    };
    let url = url.to_owned();
    // The request is made here rather than with gloo-net's builder, whose headers and query
    // parameters (unused: a plain GET) cost 1 KB of wasm; gloo-net sends it and reads the answer.
    let init = web_sys::RequestInit::new();
    init.set_signal(signal.as_ref());
    let request = web_sys::Request::new_with_str_and_init(&url, &init).map_err(|e| {
        let message = wasm_bindgen::JsCast::dyn_ref::<js_sys::Error>(&e)
            .map(|e| String::from(e.message()))
            .unwrap_or_default();
        FeedError::from(LoadError::Network(message))
    })?;
    let response = gloo_net::http::Request::from(request)
        .send()
        .await
        .map_err(|e| fail(e, &deadline))?;
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
    let text = response.text().await.map_err(|e| fail(e, &deadline))?;
    drop(deadline);
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

/// A feed that arrived and was checked: what is valid, shared by every part of the page
/// without copying, and the problems found.
#[derive(Clone)]
pub struct Loaded {
    pub feed: std::sync::Arc<feed::Feed>,
    pub problems: std::sync::Arc<[feed::Problem]>,
}

impl From<Checked> for Loaded {
    fn from(c: Checked) -> Loaded {
        Loaded {
            feed: std::sync::Arc::new(c.feed),
            problems: c.problems.into(),
        }
    }
}

/// A feed being loaded: `None` while it is on its way, then what came of it. Plain signals and
/// one task instead of a resource and `<Suspense>`, which cost the page 20 KB of wasm (gzip).
#[derive(Clone, Copy)]
pub struct Loading {
    pub state: leptos::prelude::RwSignal<Option<Result<Loaded, FeedError>>>,
    /// The page's own feed: its text is kept for computing its version (`ui::version`).
    versioned: bool,
}

impl Loading {
    /// Starts loading `url`; `then` runs once with the feed when it arrives.
    pub fn start(url: String, then: impl Fn(&feed::Feed) + 'static) -> Loading {
        Loading::begin(url, then, false)
    }

    /// Starts loading the page's own feed, whose version is computed once it is read.
    pub fn start_versioned(url: String, then: impl Fn(&feed::Feed) + 'static) -> Loading {
        Loading::begin(url, then, true)
    }

    fn begin(url: String, then: impl Fn(&feed::Feed) + 'static, versioned: bool) -> Loading {
        let loading = Loading {
            state: leptos::prelude::RwSignal::new(None),
            versioned,
        };
        loading.fetch(url, then);
        loading
    }

    /// Loads (again): the state goes back to `None` until the answer is in.
    pub fn fetch(self, url: String, then: impl Fn(&feed::Feed) + 'static) {
        use leptos::prelude::Set as _;
        self.state.set(None);
        leptos::task::spawn_local(async move {
            let result = load_feed(&url, self.versioned).await.map(Loaded::from);
            // The feed was read and checked in this task; what comes of it, in the next ones.
            super::browser::next_task().await;
            if let Ok(loaded) = &result {
                then(&loaded.feed);
                // What `then` did (the report plans itself there) was a task; the page is built
                // in the next.
                super::browser::next_task().await;
            }
            self.state.set(Some(result));
        });
    }
}
