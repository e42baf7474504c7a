//! The embed page (`embed.html`): a separate wasm, so the report's first visit does not carry it.
fn main() {
    esep::ui::mount_embed();
}
