//! How the checker reads JSON itself, as `serde_json::Value` did before it read its own tree:
//! a repeated key keeps its last value, unknown fields are warned about once each in key
//! order, escaped keys count, integers and floats stay apart, and nesting is measured outside
//! strings only.

use esep::feed::{self, ParseError};

const HEAD: &str =
    r#""esep": "1.0", "publisher": {"en": "p"}, "title": {"en": "t"}, "data_as_of": "2025""#;

fn problems(body: &str) -> Vec<String> {
    let text = format!("{{{HEAD}, {body}}}");
    match feed::check(&text) {
        Ok(c) => c.problems.iter().map(ToString::to_string).collect(),
        Err(e) => vec![format!("fatal: {e}")],
    }
}

#[test]
fn a_repeated_key_keeps_its_last_value() {
    let text = format!(r#"{{{HEAD}, "id": "first", "id": "second"}}"#);
    let checked = feed::check(&text).unwrap();
    assert_eq!(checked.feed.id, "second");
    assert!(checked.problems.is_empty(), "{:?}", checked.problems);
}

#[test]
fn unknown_fields_are_warned_once_each_in_key_order() {
    let lines = problems(r#""id": "x", "zeta": 1, "alpha": 2, "zeta": 3"#);
    assert_eq!(
        lines,
        [
            "warning: alpha: unknown field (ignored; check the spelling)",
            "warning: zeta: unknown field (ignored; check the spelling)",
        ]
    );
}

#[test]
fn escaped_keys_and_strings_are_read_unescaped() {
    let text = format!(r#"{{{HEAD}, "\u0069d": "a\u002db"}}"#);
    let checked = feed::check(&text).unwrap();
    assert_eq!(checked.feed.id, "a-b");
}

#[test]
fn paths_name_the_element_and_field() {
    let lines = problems(
        r#""id": "x", "metrics": [{"id": "m", "label": {"en": "M", "fr": "?"}, "unit": "count",
        "direction": "neutral", "group": "crime"}, {"id": "m", "label": {"en": "M"},
        "unit": "count", "direction": "neutral", "group": "crime"}]"#,
    );
    assert_eq!(
        lines,
        [
            "warning: metrics[0].label.fr: unknown field (ignored; check the spelling)",
            "error: metrics[1].id: duplicate metric id 'm' (first at metrics[0]); skipped",
        ]
    );
}

#[test]
fn a_population_year_must_be_an_integer() {
    let area = |year: &str| {
        problems(&format!(
            r#""id": "x", "sources": [{{"id": "s", "title": "t", "publisher": "p",
            "url": "https://x.kz", "date": "2025-01-01", "grade": "primary"}}],
            "areas": [{{"id": "a", "kind": "region", "name": {{"en": "A"}},
            "population": {{"value": 5, "year": {year}, "source": "s"}}}}]"#
        ))
    };
    assert!(area("2020").is_empty(), "{:?}", area("2020"));
    assert_eq!(
        area("2020.0"),
        ["error: areas[0].population.year: expected the year the population refers to"]
    );
}

#[test]
fn nesting_is_counted_outside_strings_only() {
    let nested = |n: usize, inside: &str| {
        format!(
            r#"{{{HEAD}, "id": "x", "deep": {}"{inside}"{}}}"#,
            "[".repeat(n),
            "]".repeat(n)
        )
    };
    // The root object is one level.
    assert!(feed::check(&nested(15, "")).is_ok());
    assert_eq!(
        feed::check(&nested(16, "")),
        Err(ParseError::TooDeep { limit: 16 })
    );
    assert!(feed::check(&nested(15, r#"[[[{{\"]]"#)).is_ok());
}

#[test]
fn a_count_must_be_whole_and_a_number_may_be_written_with_an_exponent() {
    let obs = |value: &str| {
        problems(&format!(
            r#""id": "x", "sources": [{{"id": "s", "title": "t", "publisher": "p",
            "url": "https://x.kz", "date": "2025-01-01", "grade": "primary"}}],
            "areas": [{{"id": "a", "kind": "region", "name": {{"en": "A"}}}}],
            "metrics": [{{"id": "m", "label": {{"en": "M"}}, "unit": "count",
            "direction": "neutral", "group": "crime"}}],
            "observations": [{{"metric": "m", "area": "a", "period": "2025", "value": {value},
            "source": "s"}}]"#
        ))
    };
    assert!(obs("12").is_empty());
    assert!(obs("1.2e1").is_empty());
    assert_eq!(
        obs("12.5"),
        ["error: observations[0].value: 12.5 is not a whole number; a count must be"]
    );
    assert_eq!(
        obs("-3"),
        ["error: observations[0].value: -3 is negative; a count or amount cannot be"]
    );
    assert_eq!(
        obs(r#""12""#),
        ["error: observations[0].value: expected a number, found text '12' (write the number without quotes)"]
    );
}

#[test]
fn a_list_longer_than_a_reading_chunk_keeps_every_element_in_order() {
    // The tree reads a list 1024 elements per call (`json::some_elements`): lengths around
    // the chunk, with lists nested in the elements, come back whole and in order.
    for n in [1023, 1024, 1025, 3000] {
        let areas: Vec<String> = (0..n)
            .map(|i| format!(r#"{{"id": "a{i}", "kind": "district", "name": {{"en": "A{i}"}}, "x": [[{i}], []]}}"#))
            .collect();
        let text = format!(r#"{{{HEAD}, "id": "x", "areas": [{}]}}"#, areas.join(","));
        let checked = feed::check(&text).unwrap();
        let ids: Vec<&str> = checked.feed.areas.iter().map(|a| a.id.as_str()).collect();
        let want: Vec<String> = (0..n).map(|i| format!("a{i}")).collect();
        assert_eq!(ids, want, "{n} areas");
        let unknown = checked.problems.iter().filter(|p| {
            p.to_string()
                .ends_with("x: unknown field (ignored; check the spelling)")
        });
        assert_eq!(unknown.count(), n, "{n} areas' unknown field");
    }
}
