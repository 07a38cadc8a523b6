//! `Edm.DateTimeOffset`, `Edm.Date`, `Edm.TimeOfDay` and `Edm.Duration` as chrono's
//! `DateTime<FixedOffset>` (or `DateTime<Utc>`), `NaiveDate`, `NaiveTime` and `TimeDelta`
//! (feature `chrono`), in the same lexical forms as the `time` types.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, TimeDelta, Timelike, Utc};
use serde::de::{self, Deserializer};
use serde::{ser, Serializer};

use super::duration::{self, DurationParts};
use super::{
    read_str, EdmType, EdmValue, Primitive, EXPECTED_DATE, EXPECTED_DATE_TIME_OFFSET,
    EXPECTED_TIME_OF_DAY,
};

/// `hh:mm:ss` and the fraction without trailing zeros; a leap second (chrono's nanoseconds
/// beyond 10^9) is written as second 60.
fn push_time(out: &mut String, time: &NaiveTime) {
    use std::fmt::Write;
    let (second, nanos) = match time.nanosecond() {
        n if n >= 1_000_000_000 => (time.second() + 1, n - 1_000_000_000),
        n => (time.second(), n),
    };
    let _ = write!(out, "{:02}:{:02}:{:02}", time.hour(), time.minute(), second);
    duration::push_fraction(out, nanos);
}

/// RFC 3339 as the `time` types write it: `Z` for a zero offset, the fraction without trailing
/// zeros. Years outside 0000-9999 have no RFC 3339 form.
fn format_date_time(local: &chrono::NaiveDateTime, offset: &FixedOffset) -> Result<String, String> {
    if !(0..=9999).contains(&local.year()) {
        return Err(format!("the year {} has no RFC 3339 form", local.year()));
    }
    let mut out = String::with_capacity(35);
    out.push_str(&local.date().format("%Y-%m-%dT").to_string());
    push_time(&mut out, &local.time());
    match offset.local_minus_utc() {
        0 => out.push('Z'),
        seconds => {
            let sign = if seconds < 0 { '-' } else { '+' };
            let seconds = seconds.unsigned_abs();
            if seconds % 60 != 0 {
                return Err(format!(
                    "the offset {offset} has seconds, which RFC 3339 cannot write"
                ));
            }
            out.push_str(&format!(
                "{sign}{:02}:{:02}",
                seconds / 3600,
                seconds / 60 % 60
            ));
        }
    }
    Ok(out)
}

/// OData's form is RFC 3339 with `T` as the separator (RFC 3339 also allows a space) and with
/// optional seconds (RFC 3339 requires them).
fn parse_date_time(text: &str) -> Option<DateTime<FixedOffset>> {
    let bytes = text.as_bytes();
    if !matches!(bytes.get(10), Some(b'T' | b't')) {
        return None;
    }
    if bytes.get(16).is_some_and(|&b| b != b':') {
        let with_seconds = format!("{}:00{}", text.get(..16)?, text.get(16..)?);
        return DateTime::parse_from_rfc3339(&with_seconds).ok();
    }
    DateTime::parse_from_rfc3339(text).ok()
}

impl EdmValue for DateTime<FixedOffset> {
    const EDM: EdmType = EdmType::Primitive(Primitive::DateTimeOffset);

    /// RFC 3339 with the fraction's trailing zeros left out and the offset as it was.
    fn write_edm<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = format_date_time(&self.naive_local(), self.offset()).map_err(|err| {
            ser::Error::custom(format_args!(
                "cannot write {self} as an Edm.DateTimeOffset: {err}"
            ))
        })?;
        serializer.serialize_str(&text)
    }

    read_lexical!(EXPECTED_DATE_TIME_OFFSET, parse_date_time);
}

/// Read at any offset and held in UTC: the instant is kept, the offset is not (written back
/// as `Z`). `DateTime<FixedOffset>` keeps it.
impl EdmValue for DateTime<Utc> {
    const EDM: EdmType = EdmType::Primitive(Primitive::DateTimeOffset);

    fn write_edm<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.fixed_offset().write_edm(serializer)
    }

    read_lexical!(EXPECTED_DATE_TIME_OFFSET, |text| {
        parse_date_time(text).map(|t| t.with_timezone(&Utc))
    });
}

/// `YYYY-MM-DD`, exactly: chrono's own parser also takes one-digit months and days.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    shape
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
}

impl EdmValue for NaiveDate {
    const EDM: EdmType = EdmType::Primitive(Primitive::Date);

    fn write_edm<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !(0..=9999).contains(&self.year()) {
            return Err(ser::Error::custom(format_args!(
                "cannot write {self} as an Edm.Date: the year has no YYYY form"
            )));
        }
        serializer.collect_str(&self.format("%Y-%m-%d"))
    }

    read_lexical!(EXPECTED_DATE, parse_date);
}

/// `hh:mm[:ss[.fffffffff]]`, two digits each.
fn parse_time(text: &str) -> Option<NaiveTime> {
    let two = |s: &str| -> Option<u32> {
        (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let mut parts = text.splitn(3, ':');
    let hour = two(parts.next()?)?;
    let minute = two(parts.next()?)?;
    let (second, nanos) = match parts.next() {
        None => (0, 0),
        Some(rest) => match rest.split_once('.') {
            None => (two(rest)?, 0),
            Some((second, fraction)) => (two(second)?, duration::fraction_nanos(fraction)?),
        },
    };
    NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)
}

impl EdmValue for NaiveTime {
    const EDM: EdmType = EdmType::Primitive(Primitive::TimeOfDay);

    /// `hh:mm:ss`, then the fraction without trailing zeros if there is one.
    fn write_edm<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut text = String::with_capacity(18);
        push_time(&mut text, self);
        serializer.serialize_str(&text)
    }

    read_lexical!(EXPECTED_TIME_OF_DAY, parse_time);
}

impl EdmValue for TimeDelta {
    const EDM: EdmType = EdmType::Primitive(Primitive::Duration);

    fn write_edm<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // chrono's range is symmetric (±i64::MAX milliseconds), so `abs` cannot overflow.
        let magnitude = self.abs();
        serializer.serialize_str(&duration::format(DurationParts {
            negative: *self < TimeDelta::zero(),
            seconds: magnitude.num_seconds().unsigned_abs(),
            nanos: magnitude.subsec_nanos().unsigned_abs(),
        }))
    }

    fn read_edm<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let parts = read_str(deserializer, duration::EXPECTED, duration::parse)?;
        let value = i64::try_from(parts.seconds)
            .ok()
            .and_then(|seconds| TimeDelta::new(seconds, parts.nanos))
            .ok_or_else(|| {
                de::Error::custom(format_args!(
                    "the Edm.Duration of {} seconds is too long for chrono::TimeDelta",
                    parts.seconds
                ))
            })?;
        Ok(if parts.negative { -value } else { value })
    }
}
