//! The temporal Edm types as chrono's types (feature `chrono`): the same lexical forms as with
//! `time`, the instant of a 7-digit fraction kept, the offset kept by `DateTime<FixedOffset>`,
//! durations in ISO 8601, wrong forms rejected with the member's path, and typed `$filter`
//! literals.

use odata_core::chrono::{
    DateTime, FixedOffset, NaiveDate, NaiveTime, TimeDelta, TimeZone, Timelike, Utc,
};
use odata_core::json;
use odata_core::request::Service;
use odata_core::{Extra, ODataEntity};

#[derive(ODataEntity, Debug, Clone, PartialEq, Default)]
#[odata(namespace = "test.chrono")]
pub struct Meeting {
    #[odata(key)]
    pub id: String,
    pub start: Option<DateTime<FixedOffset>>,
    pub created: Option<DateTime<Utc>>,
    pub day: Option<NaiveDate>,
    pub at: Option<NaiveTime>,
    pub length: Option<TimeDelta>,
    pub history: Option<Vec<DateTime<Utc>>>,
    #[odata(extra)]
    pub extra: Extra,
}

fn read(text: &str) -> Meeting {
    json::from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// Reads `{"name": input}`, checks the value, checks what is written back and that it reads
/// back to the same value.
fn round_trip(name: &str, input: &str, written: &str, check: impl Fn(&Meeting)) {
    let value = read(&format!(r#"{{"id":"m","{name}":{input}}}"#));
    check(&value);
    let out = json::to_string(&value).unwrap();
    assert_eq!(
        out,
        format!(r##"{{"@odata.type":"#test.chrono.meeting","id":"m","{name}":{written}}}"##),
        "{name}: {input}"
    );
    assert_eq!(read(&out), value);
}

fn assert_error(name: &str, input: &str, expected: &str) {
    let err = json::from_str::<Meeting>(&format!(r#"{{"id":"m","{name}":{input}}}"#))
        .expect_err(&format!("{name}: {input} must be rejected"));
    assert_eq!(err.path(), format!("$.{name}"), "{err}");
    assert!(err.message().contains(expected), "{name}: {input}: {err}");
}

#[test]
fn the_model_has_the_edm_types() {
    use odata_core::StructuredType;
    let edm: Vec<(&str, String)> = Meeting::TYPE
        .properties
        .iter()
        .map(|p| (p.name, p.edm.to_string()))
        .collect();
    assert_eq!(
        edm,
        [
            ("id", "Edm.String"),
            ("start", "Edm.DateTimeOffset"),
            ("created", "Edm.DateTimeOffset"),
            ("day", "Edm.Date"),
            ("at", "Edm.TimeOfDay"),
            ("length", "Edm.Duration"),
            ("history", "Collection(Edm.DateTimeOffset)"),
        ]
        .map(|(n, e)| (n, e.to_owned()))
    );
}

#[test]
fn date_time_offset_keeps_its_instant_and_offset() {
    round_trip(
        "start",
        r#""2019-02-07T21:53:13.0844209Z""#,
        r#""2019-02-07T21:53:13.0844209Z""#,
        |m| {
            let start = m.start.unwrap();
            assert_eq!(start.nanosecond(), 84_420_900);
            assert_eq!(start.timestamp(), 1_549_576_393);
        },
    );
    round_trip(
        "start",
        r#""2019-02-07T23:53:13.5+02:00""#,
        r#""2019-02-07T23:53:13.5+02:00""#,
        |m| {
            let start = m.start.unwrap();
            assert_eq!(start.offset().local_minus_utc(), 7200);
            assert_eq!(
                start,
                Utc.with_ymd_and_hms(2019, 2, 7, 21, 53, 13).unwrap()
                    + TimeDelta::milliseconds(500)
            );
        },
    );
    round_trip(
        "start",
        r#""2019-02-07T21:53-08:00""#,
        r#""2019-02-07T21:53:00-08:00""#,
        |_| {},
    );
    round_trip(
        "start",
        r#""9999-12-31T23:59:59.9999999Z""#,
        r#""9999-12-31T23:59:59.9999999Z""#,
        |_| {},
    );
    // A leap second (RFC 3339 allows second 60; chrono holds it).
    round_trip(
        "start",
        r#""2016-12-31T23:59:60.5Z""#,
        r#""2016-12-31T23:59:60.5Z""#,
        |_| {},
    );
    // `DateTime<Utc>` keeps the instant and writes `Z`.
    round_trip(
        "created",
        r#""2019-02-07T23:53:13.0844209+02:00""#,
        r#""2019-02-07T21:53:13.0844209Z""#,
        |m| assert_eq!(m.created.unwrap().nanosecond(), 84_420_900),
    );
    round_trip(
        "history",
        r#"["2019-02-07T21:53:13Z","2020-01-01T01:00:00+01:00"]"#,
        r#"["2019-02-07T21:53:13Z","2020-01-01T00:00:00Z"]"#,
        |_| {},
    );
}

#[test]
fn date_time_offset_rejects_other_forms() {
    for bad in [
        r#""2019-02-07""#,
        r#""2019-02-07T21:53:13""#,
        r#""2019-02-07 21:53:13Z""#,
        r#""2019-13-07T21:53:13Z""#,
        r#""2019-02-07T21Z""#,
        r#""yesterday""#,
        "1549576393",
    ] {
        assert_error(
            "start",
            bad,
            "expected an Edm.DateTimeOffset in RFC 3339 form",
        );
        assert_error(
            "created",
            bad,
            "expected an Edm.DateTimeOffset in RFC 3339 form",
        );
    }
}

#[test]
fn date_time_offset_without_an_rfc_3339_form_is_a_write_error() {
    let far = Meeting {
        created: Some(Utc.with_ymd_and_hms(10_000, 1, 1, 0, 0, 0).unwrap()),
        ..Meeting::default()
    };
    let err = json::to_string(&far).unwrap_err();
    assert!(err.message().contains("has no RFC 3339 form"), "{err}");
}

#[test]
fn date_and_time_of_day() {
    round_trip("day", r#""2024-02-29""#, r#""2024-02-29""#, |m| {
        assert_eq!(m.day, NaiveDate::from_ymd_opt(2024, 2, 29))
    });
    for bad in [
        r#""2023-02-29""#,
        r#""2019-2-7""#,
        r#""2019-02-7""#,
        r#""+2019-02-07""#,
        r#""2019-02-07T00:00:00Z""#,
        "20190207",
    ] {
        assert_error("day", bad, "expected an Edm.Date in the form YYYY-MM-DD");
    }
    round_trip(
        "at",
        r#""21:53:13.0844209""#,
        r#""21:53:13.0844209""#,
        |m| assert_eq!(m.at, NaiveTime::from_hms_nano_opt(21, 53, 13, 84_420_900)),
    );
    round_trip("at", r#""08:30""#, r#""08:30:00""#, |m| {
        assert_eq!(m.at, NaiveTime::from_hms_opt(8, 30, 0))
    });
    for bad in [
        r#""24:00:00""#,
        r#""8:30""#,
        r#""08:30:00Z""#,
        r#""08:30:00.""#,
        r#""08:60""#,
        r#""noon""#,
    ] {
        assert_error("at", bad, "expected an Edm.TimeOfDay");
    }
}

#[test]
fn duration_stays_iso_8601() {
    round_trip("length", r#""P1DT2H""#, r#""P1DT2H""#, |m| {
        assert_eq!(m.length, Some(TimeDelta::hours(26)))
    });
    round_trip("length", r#""-PT0.5S""#, r#""-PT0.5S""#, |m| {
        assert_eq!(m.length, Some(TimeDelta::milliseconds(-500)))
    });
    round_trip(
        "length",
        r#""-P1DT0.0000001S""#,
        r#""-P1DT0.0000001S""#,
        |m| {
            assert_eq!(
                m.length,
                Some(-(TimeDelta::days(1) + TimeDelta::nanoseconds(100)))
            )
        },
    );
    round_trip("length", r#""PT0S""#, r#""PT0S""#, |m| {
        assert_eq!(m.length, Some(TimeDelta::zero()))
    });
    for bad in [r#""P1Y""#, r#""PT""#, "3600"] {
        assert_error("length", bad, "expected an Edm.Duration in ISO 8601 form");
    }
    // Beyond chrono's range (about 292 million years).
    assert_error(
        "length",
        r#""P106751992000D""#,
        "too long for chrono::TimeDelta",
    );
}

#[test]
fn filter_literals() {
    let start = DateTime::parse_from_rfc3339("2019-02-07T21:53:13.0844209+02:00").unwrap();
    let url = Service::graph("https://example.com/v1")
        .unwrap()
        .root::<Calendar>()
        .meetings()
        .list()
        .filter_expr(|f| {
            f.start
                .ge(start)
                .and(f.day.eq(NaiveDate::from_ymd_opt(2019, 2, 7).unwrap()))
                .and(f.length.lt(TimeDelta::minutes(90)))
                .and(f.at.gt(NaiveTime::from_hms_opt(8, 0, 0).unwrap()))
        })
        .build()
        .unwrap()
        .http()
        .uri()
        .to_string();
    let decoded = percent_decode(url.split_once('?').unwrap().1);
    assert_eq!(
        decoded,
        "$filter=start ge 2019-02-07T21:53:13.0844209+02:00 and day eq 2019-02-07 and length lt duration'PT1H30M' and at gt 08:00:00"
    );
}

#[derive(ODataEntity)]
#[odata(namespace = "test.chrono", container)]
pub struct Calendar {
    pub meetings: Vec<Meeting>,
}

fn percent_decode(text: &str) -> String {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}
