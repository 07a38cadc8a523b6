//! Every Edm primitive type: its Rust type, its OData JSON lexical form both ways, boundary
//! values, and an error naming the member's path and the expected form for a wrong form.

use odata_core::edm::{Binary, Edm};
use odata_core::json::{self, WriteOptions};
use odata_core::{Extra, ODataEntity, StructuredType};
use rust_decimal::Decimal;
use time::macros::{date, datetime, time};
use time::{Date, Duration, OffsetDateTime, Time};
use uuid::Uuid;

/// A complex type with one property of every primitive type.
#[derive(ODataEntity, Debug, Clone, PartialEq, Default)]
#[odata(namespace = "test.edm", complex)]
struct AllPrimitives {
    boolean: Option<bool>,
    byte: Option<u8>,
    sbyte: Option<i8>,
    int16: Option<i16>,
    int32: Option<i32>,
    int64: Option<i64>,
    single: Option<f32>,
    double: Option<f64>,
    string: Option<String>,
    binary: Option<Binary>,
    date: Option<Date>,
    date_time_offset: Option<OffsetDateTime>,
    decimal: Option<Decimal>,
    duration: Option<Duration>,
    guid: Option<Uuid>,
    time_of_day: Option<Time>,
    untyped: Option<serde_json::Value>,
    #[odata(extra)]
    extra: Extra,
}

fn read(text: &str) -> AllPrimitives {
    json::from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn write(value: &AllPrimitives) -> String {
    json::to_string(value).unwrap()
}

fn members(text: &str) -> String {
    format!(r##"{{"@odata.type":"#test.edm.allPrimitives",{text}}}"##)
}

/// Reads `member` from `{ "name": member }`, checks the value, and checks what is written back.
fn round_trip(name: &str, input: &str, written: &str, check: impl Fn(&AllPrimitives)) {
    let value = read(&members(&format!(r#""{name}":{input}"#)));
    check(&value);
    assert_eq!(
        write(&value),
        members(&format!(r#""{name}":{written}"#)),
        "{name}: {input}"
    );
    // What is written reads back to the same value.
    assert_eq!(read(&write(&value)), value);
}

fn error(name: &str, input: &str) -> json::Error {
    json::from_str::<AllPrimitives>(&format!(r#"{{"{name}":{input}}}"#))
        .expect_err(&format!("{name}: {input} must be rejected"))
}

fn assert_error(name: &str, input: &str, expected: &str) {
    let err = error(name, input);
    assert_eq!(err.path(), format!("$.{name}"), "{err}");
    assert!(
        err.message().contains(expected),
        "{name}: {input}: `{}` does not contain `{expected}`",
        err.message()
    );
}

#[test]
fn model_names_every_edm_type() {
    let expected = [
        ("boolean", "Edm.Boolean"),
        ("byte", "Edm.Byte"),
        ("sbyte", "Edm.SByte"),
        ("int16", "Edm.Int16"),
        ("int32", "Edm.Int32"),
        ("int64", "Edm.Int64"),
        ("single", "Edm.Single"),
        ("double", "Edm.Double"),
        ("string", "Edm.String"),
        ("binary", "Edm.Binary"),
        ("date", "Edm.Date"),
        ("dateTimeOffset", "Edm.DateTimeOffset"),
        ("decimal", "Edm.Decimal"),
        ("duration", "Edm.Duration"),
        ("guid", "Edm.Guid"),
        ("timeOfDay", "Edm.TimeOfDay"),
        ("untyped", "Edm.Untyped"),
    ];
    for (name, edm) in expected {
        let property = AllPrimitives::TYPE.property(name).unwrap();
        assert_eq!(property.edm.to_string(), edm, "{name}");
        assert!(property.nullable);
    }
}

#[test]
fn date_time_offset_keeps_seven_fractional_digits() {
    round_trip(
        "dateTimeOffset",
        r#""2019-02-07T21:53:13.0844209Z""#,
        r#""2019-02-07T21:53:13.0844209Z""#,
        |v| {
            let dt = v.date_time_offset.unwrap();
            assert_eq!(dt, datetime!(2019-02-07 21:53:13.0844209 UTC));
            assert_eq!(dt.nanosecond(), 84_420_900);
        },
    );
    // The offset is kept; the instant is the same as in UTC.
    round_trip(
        "dateTimeOffset",
        r#""2019-02-07T23:53:13.5+02:00""#,
        r#""2019-02-07T23:53:13.5+02:00""#,
        |v| {
            assert_eq!(
                v.date_time_offset.unwrap(),
                datetime!(2019-02-07 21:53:13.5 UTC)
            )
        },
    );
    round_trip(
        "dateTimeOffset",
        r#""0001-01-01T00:00:00Z""#,
        r#""0001-01-01T00:00:00Z""#,
        |v| assert_eq!(v.date_time_offset.unwrap().year(), 1),
    );
    round_trip(
        "dateTimeOffset",
        r#""9999-12-31T23:59:59.9999999Z""#,
        r#""9999-12-31T23:59:59.9999999Z""#,
        |v| assert_eq!(v.date_time_offset.unwrap().nanosecond(), 999_999_900),
    );
    // Seconds are optional in OData's form (not in RFC 3339's).
    round_trip(
        "dateTimeOffset",
        r#""2019-02-07T21:53Z""#,
        r#""2019-02-07T21:53:00Z""#,
        |v| assert_eq!(v.date_time_offset.unwrap(), datetime!(2019-02-07 21:53 UTC)),
    );
    // Trailing zeros of the fraction do not change the instant; they are not written.
    round_trip(
        "dateTimeOffset",
        r#""2024-01-01T00:00:00.0000000Z""#,
        r#""2024-01-01T00:00:00Z""#,
        |_| {},
    );
}

#[test]
fn date_time_offset_rejects_other_forms() {
    for bad in [
        r#""2019-02-07""#,
        r#""2019-02-07T21:53:13""#,
        r#""2019-02-07T21Z""#,
        r#""2019-02-07T21:5""#,
        r#""2019-02-07T21:53éZ""#,
        r#""2019-02-07T21:5éZ""#,
        r#""2019-02-07 21:53:13Z""#,
        r#""2019-13-07T21:53:13Z""#,
        r#""yesterday""#,
        "1549576393",
    ] {
        assert_error(
            "dateTimeOffset",
            bad,
            "expected an Edm.DateTimeOffset in RFC 3339 form",
        );
    }
}

#[test]
fn date_and_time_of_day() {
    round_trip("date", r#""2019-02-07""#, r#""2019-02-07""#, |v| {
        assert_eq!(v.date, Some(date!(2019 - 02 - 07)))
    });
    round_trip("date", r#""2024-02-29""#, r#""2024-02-29""#, |_| {});
    for bad in [
        r#""2023-02-29""#,
        r#""2019-2-7""#,
        r#""2019-02-07T00:00:00Z""#,
        "20190207",
    ] {
        assert_error("date", bad, "expected an Edm.Date in the form YYYY-MM-DD");
    }
    round_trip(
        "timeOfDay",
        r#""21:53:13.0844209""#,
        r#""21:53:13.0844209""#,
        |v| assert_eq!(v.time_of_day, Some(time!(21:53:13.0844209))),
    );
    round_trip("timeOfDay", r#""00:00:00""#, r#""00:00:00""#, |_| {});
    // Seconds are optional in the OData form; they are written.
    round_trip("timeOfDay", r#""08:30""#, r#""08:30:00""#, |v| {
        assert_eq!(v.time_of_day, Some(time!(8:30)))
    });
    for bad in [r#""24:00:00""#, r#""8:30""#, r#""08:30:00Z""#, r#""noon""#] {
        assert_error("timeOfDay", bad, "expected an Edm.TimeOfDay");
    }
}

#[test]
fn duration_stays_iso_8601() {
    round_trip("duration", r#""P1DT2H""#, r#""P1DT2H""#, |v| {
        assert_eq!(v.duration, Some(Duration::hours(26)))
    });
    round_trip("duration", r#""-PT0.5S""#, r#""-PT0.5S""#, |v| {
        assert_eq!(v.duration, Some(Duration::milliseconds(-500)))
    });
    round_trip("duration", r#""PT0S""#, r#""PT0S""#, |v| {
        assert_eq!(v.duration, Some(Duration::ZERO))
    });
    round_trip(
        "duration",
        r#""P10675199DT2H48M5.4775807S""#,
        r#""P10675199DT2H48M5.4775807S""#,
        |_| {},
    );
    // Another spelling of the same value is written in the canonical form.
    round_trip("duration", r#""PT36H""#, r#""P1DT12H""#, |v| {
        assert_eq!(v.duration, Some(Duration::hours(36)))
    });
    for bad in [
        r#""P1Y""#,
        r#""1 day""#,
        r#""PT""#,
        r#""P1DT""#,
        "3600",
        r#""-P-1D""#,
    ] {
        assert_error("duration", bad, "expected an Edm.Duration in ISO 8601 form");
    }
}

#[test]
fn guid() {
    round_trip(
        "guid",
        r#""F1E55F9A-5F9A-F1E5-9A5F-E5F19A5FE5F1""#,
        r#""f1e55f9a-5f9a-f1e5-9a5f-e5f19a5fe5f1""#,
        |v| {
            assert_eq!(
                v.guid,
                Some(Uuid::parse_str("f1e55f9a-5f9a-f1e5-9a5f-e5f19a5fe5f1").unwrap())
            )
        },
    );
    for bad in [
        r#""f1e55f9a5f9af1e59a5fe5f19a5fe5f1""#,
        r#""{f1e55f9a-5f9a-f1e5-9a5f-e5f19a5fe5f1}""#,
        r#""f1e55f9a-5f9a-f1e5-9a5f-e5f19a5fe5fg""#,
        "12",
    ] {
        assert_error("guid", bad, "expected an Edm.Guid in the form");
    }
}

#[test]
fn binary_is_base64url() {
    round_trip("binary", r#""-_8B""#, r#""-_8B""#, |v| {
        assert_eq!(v.binary.as_deref(), Some(&vec![0xfb, 0xff, 0x01]))
    });
    // Graph sends standard base64: read, written back as base64url.
    round_trip("binary", r#""+/8B""#, r#""-_8B""#, |_| {});
    round_trip("binary", r#""aGk=""#, r#""aGk=""#, |v| {
        assert_eq!(v.binary.as_deref(), Some(&b"hi".to_vec()))
    });
    round_trip("binary", r#""aGk""#, r#""aGk=""#, |_| {});
    round_trip("binary", r#""""#, r#""""#, |v| {
        assert!(v.binary.as_ref().unwrap().is_empty())
    });
    for bad in [r#""a""#, r#""+-8B""#, r#""not base64!""#, "[1,2]"] {
        assert_error("binary", bad, "expected an Edm.Binary in base64url");
    }
}

#[test]
fn decimal_is_exact() {
    round_trip(
        "decimal",
        "12345678901234567890.123456789",
        "12345678901234567890.123456789",
        |v| {
            assert_eq!(
                v.decimal.unwrap().to_string(),
                "12345678901234567890.123456789"
            )
        },
    );
    // From a string (IEEE754Compatible), written as a number.
    round_trip("decimal", r#""-0.10""#, "-0.10", |v| {
        assert_eq!(v.decimal.unwrap().to_string(), "-0.10")
    });
    round_trip("decimal", "1.5e3", "1500", |_| {});
    for bad in [r#""one""#, "true", r#""1.2.3""#, "[1]", r#""""#] {
        assert_error("decimal", bad, "expected an Edm.Decimal");
    }
}

#[test]
fn int64_beyond_two_to_the_53_as_number_and_as_string() {
    let big = i64::MAX;
    round_trip("int64", &big.to_string(), &big.to_string(), |v| {
        assert_eq!(v.int64, Some(big))
    });
    round_trip("int64", &format!(r#""{big}""#), &big.to_string(), |v| {
        assert_eq!(v.int64, Some(big))
    });
    round_trip(
        "int64",
        r#""-9007199254740993""#,
        "-9007199254740993",
        |v| assert_eq!(v.int64, Some(-9_007_199_254_740_993)),
    );
    round_trip(
        "int64",
        &i64::MIN.to_string(),
        &i64::MIN.to_string(),
        |_| {},
    );
    for bad in [
        r#""1e3""#,
        r#""0x10""#,
        r#""+1""#,
        r#""01""#,
        r#"" 1""#,
        r#""""#,
        "1.5",
        "9223372036854775808",
        r#""9223372036854775808""#,
    ] {
        assert_error("int64", bad, "expected an Edm.Int64");
    }
}

#[test]
fn ieee754_compatible_writes_int64_and_decimal_as_strings() {
    let value = read(&members(
        r#""int64":9007199254740993,"decimal":0.1,"int32":7,"double":1.5"#,
    ));
    let options = WriteOptions::new().ieee754_compatible(true);
    assert_eq!(
        json::to_string_with(&value, options).unwrap(),
        members(r#""int32":7,"int64":"9007199254740993","double":1.5,"decimal":"0.1""#)
    );
    // The option applies to that call only.
    assert_eq!(
        write(&value),
        members(r#""int32":7,"int64":9007199254740993,"double":1.5,"decimal":0.1"#)
    );
}

#[test]
fn doubles_and_singles_keep_infinities_and_nan() {
    round_trip("double", r#""INF""#, r#""INF""#, |v| {
        assert_eq!(v.double, Some(f64::INFINITY))
    });
    round_trip("double", r#""-INF""#, r#""-INF""#, |v| {
        assert_eq!(v.double, Some(f64::NEG_INFINITY))
    });
    let nan = read(&members(r#""double":"NaN","single":"NaN""#));
    assert!(nan.double.unwrap().is_nan() && nan.single.unwrap().is_nan());
    assert_eq!(write(&nan), members(r#""single":"NaN","double":"NaN""#));
    round_trip(
        "double",
        "1.7976931348623157e308",
        "1.7976931348623157e+308",
        |v| assert_eq!(v.double, Some(f64::MAX)),
    );
    round_trip("double", "5e-324", "5e-324", |_| {});
    round_trip("single", "3.4028235e38", "3.4028235e+38", |v| {
        assert_eq!(v.single, Some(f32::MAX))
    });
    round_trip("double", "42", "42.0", |v| assert_eq!(v.double, Some(42.0)));
    for bad in [r#""Infinity""#, r#""inf""#, r#""1.5""#, "true"] {
        assert_error(
            "double",
            bad,
            "expected an Edm.Double: a number, or \"INF\"",
        );
    }
    assert_error("single", r#""nan""#, "expected an Edm.Single");
}

#[test]
fn small_integers_check_their_range() {
    round_trip("byte", "255", "255", |v| assert_eq!(v.byte, Some(255)));
    round_trip("sbyte", "-128", "-128", |v| assert_eq!(v.sbyte, Some(-128)));
    round_trip("int16", "-32768", "-32768", |_| {});
    round_trip("int32", "2147483647", "2147483647", |_| {});
    assert_error("byte", "256", "expected u8");
    assert_error("sbyte", "128", "expected i8");
    assert_error("int16", "32768", "expected i16");
    assert_error("int32", "2147483648", "expected i32");
    assert_error("int32", r#""7""#, "expected i32");
}

#[test]
fn nulls_and_errors_in_collections_name_the_item() {
    #[derive(ODataEntity, Debug, PartialEq)]
    #[odata(namespace = "test.edm", complex)]
    struct Times {
        at: Vec<OffsetDateTime>,
        maybe: Option<Vec<Option<Uuid>>>,
    }
    let times: Times = json::from_str(
        r#"{"at":["2019-02-07T21:53:13.0844209Z","2020-01-01T00:00:00+01:00"],"maybe":[null,"f1e55f9a-5f9a-f1e5-9a5f-e5f19a5fe5f1"]}"#,
    )
    .unwrap();
    assert_eq!(times.at[1], datetime!(2019-12-31 23:00 UTC));
    assert_eq!(times.maybe.as_ref().unwrap()[0], None);
    assert_eq!(
        json::to_string(&times).unwrap(),
        r##"{"@odata.type":"#test.edm.times","at":["2019-02-07T21:53:13.0844209Z","2020-01-01T00:00:00+01:00"],"maybe":[null,"f1e55f9a-5f9a-f1e5-9a5f-e5f19a5fe5f1"]}"##
    );
    let err = json::from_str::<Times>(r#"{"at":["2019-02-07T21:53:13Z","soon"]}"#).unwrap_err();
    assert_eq!(err.path(), "$.at[1]");
    assert!(
        err.message().contains("expected an Edm.DateTimeOffset"),
        "{err}"
    );
}

#[test]
fn explicit_null_comes_back_as_null() {
    let value = read(r#"{"dateTimeOffset":null,"guid":null,"decimal":null}"#);
    assert_eq!(value.date_time_offset, None);
    assert_eq!(
        write(&value),
        members(r#""dateTimeOffset":null,"decimal":null,"guid":null"#)
    );
}

#[test]
fn edm_wrapper_lends_the_odata_form_to_serde_code() {
    #[derive(serde::Serialize, serde::Deserialize)]
    struct Parameters {
        start: Edm<OffsetDateTime>,
        length: Edm<Duration>,
    }
    let p: Parameters =
        serde_json::from_str(r#"{"start":"2019-02-07T21:53:13.0844209Z","length":"PT1H"}"#)
            .unwrap();
    assert_eq!(*p.length, Duration::hours(1));
    assert_eq!(
        serde_json::to_string(&p).unwrap(),
        r#"{"start":"2019-02-07T21:53:13.0844209Z","length":"PT1H"}"#
    );
}
