//! The compare page (`compare.html`): a separate wasm, so the report's first visit does not carry it.
fn main() {
    esep::ui::mount_compare();
}
