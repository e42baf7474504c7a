fn main() {
    esep::ui::mount();
}
