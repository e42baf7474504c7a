//! Property tests: no input makes parse + validate panic. Arbitrary text, the real feed cut
//! and mutated at random places, and arbitrary JSON trees in the feed's slots.

use esep::feed;
use proptest::prelude::*;
use serde_json::{json, Value};

const AKTOBE: &str = include_str!("../public/feeds/aktobe-2025.json");

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        any::<i64>().prop_map(|i| json!(i)),
        "[a-z0-9.<>&\"\\- ]{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("2025"),
            Just("2025-Q1"),
            Just("2025-01..2025-09"),
            Just("count"),
            Just("kk"),
            Just("change-pct"),
            Just("primary"),
            Just("https://x.kz"),
            Just("crime")
        ]
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("id"),
                    Just("metric"),
                    Just("area"),
                    Just("period"),
                    Just("value"),
                    Just("vs"),
                    Just("measure"),
                    Just("source"),
                    Just("en"),
                    Just("kind"),
                    Just("unit"),
                    Just("label"),
                    Just("name"),
                    Just("x")
                ]
                .prop_map(str::to_owned),
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_text_never_panics(s in ".{0,400}") {
        let _ = feed::check(&s);
    }

    #[test]
    fn the_real_feed_cut_anywhere_never_panics(cut in 0usize..AKTOBE.len()) {
        let end = (0..=cut).rev().find(|i| AKTOBE.is_char_boundary(*i)).unwrap_or(0);
        let _ = feed::check(&AKTOBE[..end]);
    }

    #[test]
    fn the_real_feed_with_a_byte_changed_never_panics(at in 0usize..AKTOBE.len(), b in any::<u8>()) {
        let mut bytes = AKTOBE.as_bytes().to_vec();
        bytes[at] = b;
        let _ = feed::check(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn arbitrary_json_in_every_slot_never_panics(
        areas in arb_json(), metrics in arb_json(), sources in arb_json(),
        observations in arb_json(), annotations in arb_json(), headlines in arb_json(),
        title in arb_json(),
    ) {
        let doc = json!({
            "esep": "1.0", "id": "x", "title": title, "publisher": {"en": "p"},
            "areas": areas, "metrics": metrics, "sources": sources,
            "observations": observations, "annotations": annotations, "headlines": headlines,
        });
        let _ = feed::check(&doc.to_string());
    }

    #[test]
    fn observations_from_the_real_feed_with_one_field_replaced_never_panic(
        i in 0usize..58, key in prop_oneof![Just("value"), Just("period"), Just("vs"), Just("measure"), Just("metric")],
        v in arb_json(),
    ) {
        let mut doc: Value = serde_json::from_str(AKTOBE).unwrap();
        if let Some(o) = doc["observations"].get_mut(i).and_then(Value::as_object_mut) {
            o.insert(key.to_owned(), v);
        }
        let _ = feed::check(&doc.to_string());
    }
}

#[test]
fn deep_nesting_and_huge_input_are_refused_before_parsing() {
    let deep = format!(
        "{{\"esep\":\"1.0\",\"x\":{}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert_eq!(
        feed::check(&deep),
        Err(feed::ParseError::TooDeep {
            limit: feed::validate::MAX_DEPTH
        })
    );
    let huge = format!(
        "{{\"esep\":\"1.0\",\"x\":\"{}\"}}",
        "a".repeat(feed::validate::MAX_BYTES)
    );
    assert!(matches!(
        feed::check(&huge),
        Err(feed::ParseError::TooLarge { .. })
    ));
}
