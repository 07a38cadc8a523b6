//! `Edm.DateTimeOffset`, `Edm.Date`, `Edm.TimeOfDay` and `Edm.Duration` as the `time` crate's
//! `OffsetDateTime`, `Date`, `Time` and `Duration` (feature `time`).

use serde::de::{self, Deserializer};
use serde::{ser, Serializer};
use time::format_description::well_known::Rfc3339;
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::{Date, Duration, OffsetDateTime, Time};

use super::duration::{self, DurationParts};
use super::{
    read_str, EdmType, EdmValue, Primitive, EXPECTED_DATE, EXPECTED_DATE_TIME_OFFSET,
    EXPECTED_TIME_OF_DAY,
};

const DATE: &[BorrowedFormatItem<'_>] = format_description!("[year]-[month]-[day]");
const TIME_READ: &[BorrowedFormatItem<'_>] =
    format_description!("[hour]:[minute][optional [:[second][optional [.[subsecond digits:1+]]]]]");
const TIME_WRITE: &[BorrowedFormatItem<'_>] = format_description!("[hour]:[minute]:[second]");

impl EdmValue for OffsetDateTime {
    const EDM: EdmType = EdmType::Primitive(Primitive::DateTimeOffset);

    /// RFC 3339 with the fraction's trailing zeros left out and the offset as it was.
    fn write_edm<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = self.format(&Rfc3339).map_err(|err| {
            ser::Error::custom(format_args!(
                "cannot write {self} as an Edm.DateTimeOffset: {err}"
            ))
        })?;
        serializer.serialize_str(&text)
    }

    read_lexical!(EXPECTED_DATE_TIME_OFFSET, parse_date_time_offset);
}

/// OData's form is RFC 3339 with `T` as the separator (RFC 3339 also allows a space) and with
/// optional seconds (RFC 3339 requires them).
#[inline]
fn parse_date_time_offset(text: &str) -> Option<OffsetDateTime> {
    let bytes = text.as_bytes();
    if !matches!(bytes.get(10), Some(b'T' | b't')) {
        return None;
    }
    if bytes.get(16).is_some_and(|&b| b != b':') {
        let with_seconds = format!("{}:00{}", text.get(..16)?, text.get(16..)?);
        return OffsetDateTime::parse(&with_seconds, &Rfc3339).ok();
    }
    OffsetDateTime::parse(text, &Rfc3339).ok()
}

impl EdmValue for Date {
    const EDM: EdmType = EdmType::Primitive(Primitive::Date);

    fn write_edm<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = self
            .format(DATE)
            .map_err(|err| ser::Error::custom(format_args!("cannot write {self}: {err}")))?;
        serializer.serialize_str(&text)
    }

    read_lexical!(EXPECTED_DATE, |text| Date::parse(text, DATE).ok());
}

impl EdmValue for Time {
    const EDM: EdmType = EdmType::Primitive(Primitive::TimeOfDay);

    /// `hh:mm:ss`, then the fraction without trailing zeros if there is one.
    fn write_edm<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut text = self
            .format(TIME_WRITE)
            .map_err(|err| ser::Error::custom(format_args!("cannot write {self}: {err}")))?;
        duration::push_fraction(&mut text, self.nanosecond());
        serializer.serialize_str(&text)
    }

    read_lexical!(EXPECTED_TIME_OF_DAY, |text| Time::parse(text, TIME_READ)
        .ok());
}

impl EdmValue for Duration {
    const EDM: EdmType = EdmType::Primitive(Primitive::Duration);

    fn write_edm<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&duration::format(DurationParts {
            negative: self.is_negative(),
            seconds: self.whole_seconds().unsigned_abs(),
            nanos: self.subsec_nanoseconds().unsigned_abs(),
        }))
    }

    fn read_edm<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let parts = read_str(deserializer, duration::EXPECTED, duration::parse)?;
        let seconds = i64::try_from(parts.seconds).map_err(|_| {
            de::Error::custom(format_args!(
                "the Edm.Duration of {} seconds is too long for time::Duration",
                parts.seconds
            ))
        })?;
        // `nanos` < 10^9 fits an i32.
        let value = Duration::new(seconds, parts.nanos as i32);
        Ok(if parts.negative { -value } else { value })
    }
}
