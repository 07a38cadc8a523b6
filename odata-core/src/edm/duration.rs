#![cfg_attr(not(any(feature = "time", feature = "chrono")), allow(dead_code))]
//! The lexical form of `Edm.Duration`: XML Schema's `dayTimeDuration`, `[-]P[nD][T[nH][nM][n[.f]S]]`.
//!
//! No date crate reads this form (they read full ISO 8601 durations, whose years and months
//! have no fixed length, or none at all), so it lives here, small and exhaustively tested; the
//! value is then handed to the date crate's own duration type.

/// A signed duration as whole seconds and nanoseconds, the common ground of the date crates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DurationParts {
    pub negative: bool,
    pub seconds: u64,
    pub nanos: u32,
}

pub(crate) const EXPECTED: &str =
    "an Edm.Duration in ISO 8601 form `[-]P[nD][T[nH][nM][n[.fffffffff]S]]`, such as \"P1DT2H\" or \"-PT0.5S\"";

/// Parses the OData duration form; `None` when `text` is not one (including values beyond
/// `u64` seconds and fractions finer than a nanosecond that are not zeros).
pub(crate) fn parse(text: &str) -> Option<DurationParts> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let rest = rest.strip_prefix('P')?;
    let (date, time) = match rest.split_once('T') {
        Some((date, time)) => {
            if time.is_empty() {
                return None; // `PT` alone, or `P1DT`
            }
            (date, Some(time))
        }
        None => (rest, None),
    };
    if date.is_empty() && time.is_none() {
        return None; // `P`
    }
    let mut seconds: u64 = 0;
    if !date.is_empty() {
        let days = date.strip_suffix('D')?;
        seconds = number(days)?.checked_mul(86_400)?;
    }
    let mut nanos = 0;
    if let Some(mut time) = time {
        for (unit, factor) in [('H', 3_600u64), ('M', 60)] {
            if let Some(at) = time.find(unit) {
                let n = number(&time[..at])?;
                seconds = seconds.checked_add(n.checked_mul(factor)?)?;
                time = &time[at + 1..];
            }
        }
        if !time.is_empty() {
            let secs = time.strip_suffix('S')?;
            let (whole, fraction) = match secs.split_once('.') {
                Some((whole, fraction)) => (whole, Some(fraction)),
                None => (secs, None),
            };
            seconds = seconds.checked_add(number(whole)?)?;
            if let Some(fraction) = fraction {
                nanos = fraction_nanos(fraction)?;
            }
        }
    }
    Some(DurationParts {
        negative: negative && (seconds > 0 || nanos > 0),
        seconds,
        nanos,
    })
}

fn number(digits: &str) -> Option<u64> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// `0844209` -> 84_420_900 ns; digits past the ninth must be zeros.
pub(crate) fn fraction_nanos(fraction: &str) -> Option<u32> {
    if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (kept, beyond) = fraction.split_at(fraction.len().min(9));
    if beyond.bytes().any(|b| b != b'0') {
        return None;
    }
    let mut nanos: u32 = kept.parse().ok()?;
    for _ in kept.len()..9 {
        nanos *= 10;
    }
    Some(nanos)
}

/// Appends `.fffffffff` for `nanos` nanoseconds without trailing zeros (`.0844209`); nothing
/// for zero. Durations and times of day write their fractions this way.
pub(crate) fn push_fraction(out: &mut String, nanos: u32) {
    if nanos > 0 {
        let digits = format!("{nanos:09}");
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
}

/// Writes the canonical form: days, hours, minutes and seconds that are not zero (`PT0S` for
/// zero), the fraction without trailing zeros.
pub(crate) fn format(parts: DurationParts) -> String {
    use std::fmt::Write;
    let DurationParts {
        negative,
        seconds,
        nanos,
    } = parts;
    let mut out = String::with_capacity(24);
    if negative && (seconds > 0 || nanos > 0) {
        out.push('-');
    }
    out.push('P');
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    let (hours, minutes, secs) = (rest / 3_600, rest % 3_600 / 60, rest % 60);
    if days > 0 {
        let _ = write!(out, "{days}D");
    }
    if rest > 0 || nanos > 0 || days == 0 {
        out.push('T');
        if hours > 0 {
            let _ = write!(out, "{hours}H");
        }
        if minutes > 0 {
            let _ = write!(out, "{minutes}M");
        }
        if secs > 0 || nanos > 0 || (hours == 0 && minutes == 0) {
            let _ = write!(out, "{secs}");
            push_fraction(&mut out, nanos);
            out.push('S');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{format, parse, DurationParts};

    fn parts(negative: bool, seconds: u64, nanos: u32) -> DurationParts {
        DurationParts {
            negative,
            seconds,
            nanos,
        }
    }

    #[test]
    fn reads_every_component() {
        assert_eq!(parse("P1DT2H"), Some(parts(false, 93_600, 0)));
        assert_eq!(parse("-PT0.5S"), Some(parts(true, 0, 500_000_000)));
        assert_eq!(parse("PT1H30M"), Some(parts(false, 5_400, 0)));
        assert_eq!(parse("P3D"), Some(parts(false, 259_200, 0)));
        assert_eq!(parse("PT0S"), Some(parts(false, 0, 0)));
        assert_eq!(parse("-PT0S"), Some(parts(false, 0, 0)));
        assert_eq!(parse("PT36H"), Some(parts(false, 129_600, 0)));
        assert_eq!(parse("PT0.0844209S"), Some(parts(false, 0, 84_420_900)));
        assert_eq!(parse("PT1.000000000000S"), Some(parts(false, 1, 0)));
    }

    #[test]
    fn rejects_what_is_not_a_day_time_duration() {
        for bad in [
            "",
            "P",
            "PT",
            "P1DT",
            "1D",
            "P1Y",
            "P1M",
            "PT1.S",
            "PT.5S",
            "PT1H2",
            "P-1D",
            "PT1S2M",
            "PT1M1H",
            "pt1s",
            "P1DT1H1M1S ",
            "PT0.0000000001S",
            "P99999999999999999999D",
            "P213503982334602D",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn writes_the_canonical_form() {
        assert_eq!(format(parts(false, 93_600, 0)), "P1DT2H");
        assert_eq!(format(parts(true, 0, 500_000_000)), "-PT0.5S");
        assert_eq!(format(parts(false, 0, 0)), "PT0S");
        assert_eq!(format(parts(true, 0, 0)), "PT0S");
        assert_eq!(format(parts(false, 86_400, 0)), "P1D");
        assert_eq!(format(parts(false, 86_401, 100)), "P1DT1.0000001S");
        assert_eq!(format(parts(false, 3_661, 84_420_900)), "PT1H1M1.0844209S");
    }

    #[test]
    fn round_trips() {
        for text in [
            "P1DT2H",
            "-PT0.5S",
            "PT0S",
            "P10DT23H59M59.9999999S",
            "PT1M",
        ] {
            assert_eq!(format(parse(text).unwrap()), text);
        }
    }
}
