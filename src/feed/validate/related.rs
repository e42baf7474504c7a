//! The `related` list: other pages of the same publication the report links to ("Aktobe Region
//! and Kazakhstan per 100 000 residents, 2022" on the comparison page). A link without a title
//! or with an address a page may not follow (a `javascript:` or `data:` one, another scheme, a
//! protocol-relative `//host`) is skipped with an error at its path.

use super::fields::is_web_url;
use super::report::Path;
use super::Validator;
use crate::feed::model::Related;

/// An address a reader may be sent to: `http(s)://…`, or one relative to the report's page
/// (`compare.html?feed=feeds/aktobe-2022.json`) with no scheme and no `//host`.
pub fn is_link(href: &str) -> bool {
    if has_scheme(href) {
        return is_web_url(href);
    }
    !href.is_empty()
        && href.len() <= 2000
        && !href.starts_with("//")
        && !href.contains(':')
        && !href.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Whether `href` names a scheme and host (`https://…`). By bytes: a `str` search for "://"
/// brings a substring searcher of 1.7 KB into the page's wasm.
pub fn has_scheme(href: &str) -> bool {
    href.as_bytes().windows(3).any(|w| w == b"://")
}

impl Validator<'_> {
    pub(super) fn related(&mut self, root: &super::object::Obj) -> Vec<Related> {
        let mut out = Vec::new();
        for (index, v) in self.list(root, "related").iter().enumerate() {
            let Some(o) = self.object(v, Path::Item("related", index), &["title", "href"]) else {
                continue;
            };
            let title = self.text(&o, "title", true);
            let href = match self.req_str(&o, "href") {
                Some(h) if is_link(h) => Some(h.to_owned()),
                Some(h) => {
                    self.error_quoting(
                        o.at("href"),
                        "",
                        h,
                        " is not an http(s) address or one relative to the report's page",
                    );
                    None
                }
                None => None,
            };
            if let (Some(title), Some(href)) = (title, href) {
                out.push(Related { title, href });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::is_link;

    const FEED: &str = include_str!("../../../public/feeds/aktobe-2025.json");

    fn errors_with(related: serde_json::Value) -> (Vec<String>, usize) {
        let mut doc: serde_json::Value = serde_json::from_str(FEED).unwrap();
        doc["related"] = related;
        let c = crate::feed::check(&doc.to_string()).unwrap();
        let errors = c.errors().map(ToString::to_string).collect();
        (errors, c.feed.related.len())
    }

    #[test]
    fn the_bundled_feed_links_to_its_2022_comparison() {
        let f = crate::feed::read(FEED).unwrap().feed;
        assert_eq!(f.related.len(), 1);
        assert_eq!(
            f.related[0].href,
            "compare.html?feed=feeds/aktobe-2022.json"
        );
        assert!(f.related[0].title.kk.is_some() && f.related[0].title.ru.is_some());
    }

    #[test]
    fn links_go_to_web_addresses_or_pages_beside_the_report_only() {
        for ok in [
            "compare.html?feed=feeds/aktobe-2022.json",
            "../2024/",
            "https://example.kz/a?b=c",
        ] {
            assert!(is_link(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,x",
            "//evil.example/",
            "",
            "a b",
            "ftp://x.kz/",
            "mailto:a@b.kz",
        ] {
            assert!(!is_link(bad), "{bad}");
        }
    }

    #[test]
    fn a_bad_link_is_skipped_with_its_path_and_the_rest_kept() {
        let (errors, kept) = errors_with(serde_json::json!([
            {"title": {"en": "Fine"}, "href": "compare.html"},
            {"title": {"en": "Script"}, "href": "javascript:alert(1)"},
            {"href": "compare.html"},
            "compare.html"
        ]));
        assert_eq!(
            errors,
            [
                "error: related[1].href: 'javascript:alert(1)' is not an http(s) address or one relative to the report's page",
                "error: related[2].title: missing",
                "error: related[3]: expected an object, found text",
            ]
        );
        assert_eq!(kept, 1);
    }
}
