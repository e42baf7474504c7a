//! Browser APIs that one engine lacks or that can throw, each wrapped once. Every call here that
//! can throw returns a `Result`, so a missing or refusing API costs one part of the page (a
//! chart, offline reading), never the page: an exception that unwinds through the wasm leaves
//! the page half-built. Each wrapper owns its clean-up.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast as _, JsValue};

/// `target[method](...args)`, with whatever it throws (or a missing method) as the error.
pub fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(target, &JsValue::from_str(method))?
        .dyn_into()
        .map_err(|_| JsValue::from_str(method))?;
    let args: js_sys::Array = args.iter().collect();
    f.apply(target, &args)
}

/// `target[name]`, or `None` where the browser has no such property.
pub fn property(target: &JsValue, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// Resolves in a task of its own (`setTimeout` 0): what runs after it lets the browser paint
/// and answer the reader first. Long work is cut into such tasks (a task over 50 ms is one a
/// tap waits behind).
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window().set_timeout_with_callback(&resolve).ok();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.ok();
}

/// How long a task may go on with more work, in ms: about half a frame of a 60 Hz screen. On
/// a fast computer the report's first chart is drawn in the task that built its section; on a
/// slow phone in the next (`chart_view::reserve_soon`).
const SLICE_MS: f64 = 8.0;

/// When a task of a run of work started (`Date.now()`, in ms).
#[derive(Clone, Copy)]
pub struct Slice(f64);

thread_local! {
    /// The last `Slice` started, if any: see `task_has_time`.
    static LAST_SLICE: std::cell::Cell<Option<Slice>> = const { std::cell::Cell::new(None) };
}

impl Slice {
    /// From now: `task_has_time` measures from here.
    pub fn start() {
        LAST_SLICE.set(Some(Slice(js_sys::Date::now())));
    }

    /// The task has taken `SLICE_MS` (or the clock went back).
    fn over(self) -> bool {
        !(0.0..=SLICE_MS).contains(&(js_sys::Date::now() - self.0))
    }
}

/// Whether the task that started the last `Slice` is not `over`, so that more work can join it
/// (true where no `Slice` has started: a page without a build cut in tasks).
pub fn task_has_time() -> bool {
    LAST_SLICE.get().is_none_or(|s| !s.over())
}

/// Resolves in a task after the browser's next paint (a frame, then `setTimeout` 0): what runs
/// after it finds the page laid out, so reading a size costs no layout of its own. In a hidden
/// tab, which paints no frames, a task of its own.
pub async fn after_paint() {
    if !leptos::prelude::document().hidden() {
        let frame = js_sys::Promise::new(&mut |resolve, _| {
            window().request_animation_frame(&resolve).ok();
        });
        wasm_bindgen_futures::JsFuture::from(frame).await.ok();
    }
    next_task().await;
}

thread_local! {
    /// Between `beforeprint` and `afterprint` (`set_printing`).
    static PRINTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Marks the page as being printed, from `beforeprint` to `afterprint`: print media may match
/// only later, and the report's build goes on in later tasks meanwhile.
pub fn set_printing(printing: bool) {
    PRINTING.set(printing);
}

/// Whether the page is being printed (since `beforeprint`, or print media matches): a part made
/// after `beforeprint` opened every `<details>` opens itself, and a chart draws at once.
pub fn printing() -> bool {
    PRINTING.get()
        || window()
            .match_media("print")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches())
}

/// Copies text with the Clipboard API; `false` where the browser has none.
pub fn copy_text(text: &str) -> bool {
    let navigator: JsValue = window().navigator().into();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")) else {
        return false;
    };
    if clipboard.is_undefined() {
        return false;
    }
    match call(&clipboard, "writeText", &[JsValue::from_str(text)]) {
        Ok(promise) => {
            if let Ok(p) = promise.dyn_into::<js_sys::Promise>() {
                leptos::task::spawn_local(async move {
                    wasm_bindgen_futures::JsFuture::from(p).await.ok();
                });
            }
            true
        }
        Err(_) => false,
    }
}

/// The SHA-256 of `text`'s UTF-8 bytes in hex, by the browser (`crypto.subtle`); `None` where
/// it has none (pages served over plain http from another host than localhost) or it refuses.
pub async fn sha256_hex(text: &str) -> Option<String> {
    let subtle = property(&property(&window(), "crypto")?, "subtle")?;
    let bytes = js_sys::Uint8Array::from(text.as_bytes());
    let digest = call(&subtle, "digest", &["SHA-256".into(), bytes.into()]).ok()?;
    let hash = wasm_bindgen_futures::JsFuture::from(digest.dyn_into::<js_sys::Promise>().ok()?)
        .await
        .ok()?;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = js_sys::Uint8Array::new(&hash).to_vec();
    let hex = bytes
        .iter()
        .flat_map(|b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
    Some(hex.map(char::from).collect())
}

type Listener = (
    web_sys::EventTarget,
    &'static str,
    Closure<dyn FnMut(web_sys::Event)>,
);

/// Event listeners added by hand, removed together when their part of the page goes away.
#[derive(Default)]
pub struct Listeners(RefCell<Vec<Listener>>);

impl Listeners {
    pub fn on(
        &self,
        target: &web_sys::EventTarget,
        event: &'static str,
        f: impl FnMut(web_sys::Event) + 'static,
    ) {
        self.on_boxed(target, event, Box::new(f));
    }

    /// `on` without its type parameter: one compiled copy for every listener.
    fn on_boxed(
        &self,
        target: &web_sys::EventTarget,
        event: &'static str,
        f: Box<dyn FnMut(web_sys::Event)>,
    ) {
        let closure = Closure::wrap(f);
        target
            .add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())
            .ok();
        self.0.borrow_mut().push((target.clone(), event, closure));
    }

    /// Removes every listener (and drops what their closures hold).
    pub fn clear(&self) {
        for (target, event, closure) in self.0.take() {
            target
                .remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref())
                .ok();
        }
    }
}

/// Listeners removed (with what their closures hold) when the current reactive owner goes.
pub fn owned_listeners() -> std::rc::Rc<Listeners> {
    let listeners = std::rc::Rc::new(Listeners::default());
    let owned = SendWrapper::new(listeners.clone());
    on_cleanup(move || owned.clear());
    listeners
}

/// Offers `bytes` (a data or blob URL) as a file download.
pub fn download_url(url: &str, name: &str) {
    let Some(a) = document()
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    a.set_href(url);
    a.set_download(name);
    a.click();
}

pub fn download_text(text: &str, mime: &str, name: &str) {
    download_part(&JsValue::from_str(text), mime, name);
}

/// Downloads bytes as a file (a ZIP).
pub fn download_bytes(bytes: &[u8], mime: &str, name: &str) {
    download_part(&js_sys::Uint8Array::from(bytes), mime, name);
}

/// Downloads one blob part (text or bytes) as a file.
fn download_part(part: &JsValue, mime: &str, name: &str) {
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    download_url(&url, name);
    // Safari cancels a download whose blob address is revoked while it starts: the address
    // goes a minute later.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        web_sys::Url::revoke_object_url(&url).ok();
    });
    window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)
        .ok();
}

type OnResize = Closure<dyn FnMut(JsValue, JsValue)>;

/// Calls back when an element's size changes, until dropped.
///
/// Chromium and Firefox observe the device-pixel box, which also changes with the screen's
/// pixel ratio. WebKit (Safari, every iPhone browser) has no such box and throws a `TypeError`
/// for it: there the content box is observed, and `watch_pixel_ratio` covers ratio changes.
/// Without any ResizeObserver (Safari before 13.1) the window's size is followed.
pub struct Resize {
    observer: Option<(web_sys::ResizeObserver, OnResize)>,
    listeners: Listeners,
}

impl Resize {
    /// Observes `target`; an error only when no way of observing it worked.
    pub fn observe(target: &web_sys::Element, on_resize: Rc<dyn Fn()>) -> Result<Resize, JsValue> {
        let f = on_resize.clone();
        let closure = OnResize::new(move |_: JsValue, _: JsValue| f());
        let Ok(ro) = web_sys::ResizeObserver::new(closure.as_ref().unchecked_ref()) else {
            let listeners = Listeners::default();
            listeners.on(&window(), "resize", move |_| on_resize());
            return Ok(Resize {
                observer: None,
                listeners,
            });
        };
        let options = web_sys::ResizeObserverOptions::new();
        options.set_box(web_sys::ResizeObserverBoxOptions::DevicePixelContentBox);
        let target: &JsValue = target;
        call(&ro, "observe", &[target.clone(), options.into()])
            .or_else(|_| call(&ro, "observe", std::slice::from_ref(target)))?;
        Ok(Resize {
            observer: Some((ro, closure)),
            listeners: Listeners::default(),
        })
    }
}

impl Drop for Resize {
    fn drop(&mut self) {
        if let Some((ro, _)) = &self.observer {
            ro.disconnect();
        }
        self.listeners.clear();
    }
}

/// Calls `on_change` whenever the screen's pixel ratio changes (page zoom, a window moved to
/// another screen): a `(resolution: …dppx)` query for the current ratio, and a new one for
/// each ratio met. The listeners live as long as `listeners`.
pub fn watch_pixel_ratio(listeners: &Rc<Listeners>, on_change: Rc<dyn Fn()>) {
    let seen = Rc::new(RefCell::new(Vec::<f64>::new()));
    listen_for_ratio(listeners, on_change, seen);
}

fn listen_for_ratio(
    listeners: &Rc<Listeners>,
    on_change: Rc<dyn Fn()>,
    seen: Rc<RefCell<Vec<f64>>>,
) {
    let ratio = window().device_pixel_ratio();
    if seen.borrow().contains(&ratio) {
        return;
    }
    let Ok(Some(query)) = window().match_media(&format!(
        "(resolution: {}dppx)",
        super::format::js_number(ratio)
    )) else {
        return;
    };
    seen.borrow_mut().push(ratio);
    // A weak handle: the listener must not keep its own list alive.
    let weak = Rc::downgrade(listeners);
    listeners.on(&query, "change", move |_| {
        on_change();
        if let Some(listeners) = weak.upgrade() {
            listen_for_ratio(&listeners, on_change.clone(), seen.clone());
        }
    });
}

/// Registers the service worker at `script`. WebKit in apps' web views (Telegram's, WhatsApp's),
/// Firefox's private windows and pages not served over HTTPS have no `navigator.serviceWorker`:
/// there the page simply has no offline copy.
pub fn register_service_worker(script: &str) {
    let navigator: JsValue = window().navigator().into();
    let Some(container) = property(&navigator, "serviceWorker") else {
        return;
    };
    if let Ok(promise) = call(&container, "register", &[JsValue::from_str(script)]) {
        if let Ok(promise) = promise.dyn_into::<js_sys::Promise>() {
            // A refused registration (private mode, file://) only means no offline copy.
            leptos::task::spawn_local(async move {
                wasm_bindgen_futures::JsFuture::from(promise).await.ok();
            });
        }
    }
}

type OnIntersect = Closure<dyn FnMut(js_sys::Array, JsValue)>;

/// Tells whether an element is near the viewport (within `margin`, a CSS margin such as
/// "300% 0px") whenever that changes, until dropped.
pub struct Nearness {
    observer: web_sys::IntersectionObserver,
    _closure: OnIntersect,
}

impl Nearness {
    /// `None` where the browser has no IntersectionObserver: then nothing is ever far.
    pub fn observe(
        target: &web_sys::Element,
        margin: &str,
        on_change: impl Fn(bool) + 'static,
    ) -> Option<Nearness> {
        let closure = OnIntersect::new(move |entries: js_sys::Array, _: JsValue| {
            // The newest entry says where the element is now.
            if let Some(near) = entries
                .iter()
                .last()
                .and_then(|e| property(&e, "isIntersecting"))
                .and_then(|v| v.as_bool())
            {
                on_change(near);
            }
        });
        let init = web_sys::IntersectionObserverInit::new();
        init.set_root_margin(margin);
        let observer = web_sys::IntersectionObserver::new_with_options(
            closure.as_ref().unchecked_ref(),
            &init,
        )
        .ok()?;
        call(&observer, "observe", &[JsValue::from(target.clone())]).ok()?;
        Some(Nearness {
            observer,
            _closure: closure,
        })
    }
}

impl Drop for Nearness {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
