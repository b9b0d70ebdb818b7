//! A date and time as the API sends it: RFC 3339 text, kept exactly.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::object::{Fit, Json};

/// A date and time field (`start_time`, `created_at`): the text the server sent, kept
/// exactly as sent, so that encoding gives it back unchanged, with helpers that read it.
///
/// Any string fits: a value that is not an RFC 3339 date and time is kept all the same,
/// and the readers say `None` (or an error) for it. With the `time` or `chrono` feature it
/// converts to and from those crates' types.
///
/// ```
/// use postman_runtime::Timestamp;
///
/// let start = Timestamp::new("2026-12-02T15:30:00Z");
/// assert_eq!(start.unix_seconds(), Some(1_796_225_400));
/// let parts = start.parts().expect("RFC 3339");
/// assert_eq!((parts.year, parts.month, parts.day, parts.hour), (2026, 12, 2, 15));
/// assert_eq!(start.as_str(), "2026-12-02T15:30:00Z");
///
/// assert_eq!(Timestamp::new("next Tuesday").parts(), None);
/// ```
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(String);

/// The fields of an RFC 3339 date and time, as written (the offset not applied).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimestampParts {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub nanosecond: u32,
    /// East of UTC, in minutes (`Z` is 0).
    pub offset_minutes: i16,
}

impl Timestamp {
    /// A timestamp holding `text` as it is.
    pub fn new(text: impl Into<String>) -> Self {
        Timestamp(text.into())
    }

    /// The text, as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// The date and time's fields, when the text is an RFC 3339 date and time
    /// (`2026-12-02T15:30:00Z`, `2026-12-02T15:30:00.250+01:00`).
    pub fn parts(&self) -> Option<TimestampParts> {
        parse_rfc3339(&self.0)
    }

    /// Seconds since 1970-01-01T00:00:00Z, the offset applied.
    pub fn unix_seconds(&self) -> Option<i64> {
        let parts = self.parts()?;
        let days = days_from_civil(parts.year, parts.month, parts.day);
        let seconds = days * 86_400
            + i64::from(parts.hour) * 3_600
            + i64::from(parts.minute) * 60
            + i64::from(parts.second);
        Some(seconds - i64::from(parts.offset_minutes) * 60)
    }

    /// The timestamp as a `time::OffsetDateTime`.
    #[cfg(feature = "time")]
    pub fn to_time(&self) -> Result<time::OffsetDateTime, time::error::Parse> {
        time::OffsetDateTime::parse(&self.0, &time::format_description::well_known::Rfc3339)
    }

    /// The timestamp as a `chrono::DateTime` with the offset it was written with.
    #[cfg(feature = "chrono")]
    pub fn to_chrono(&self) -> Result<chrono::DateTime<chrono::FixedOffset>, chrono::ParseError> {
        chrono::DateTime::parse_from_rfc3339(&self.0)
    }
}

/// Written as RFC 3339, as the API reads them.
#[cfg(feature = "time")]
impl From<time::OffsetDateTime> for Timestamp {
    fn from(value: time::OffsetDateTime) -> Self {
        use time::format_description::well_known::Rfc3339;
        // Formatting fails only for years beyond four digits, which RFC 3339 cannot write.
        Timestamp(value.format(&Rfc3339).unwrap_or_else(|_| value.to_string()))
    }
}

/// Written as RFC 3339, in UTC as `Z`.
#[cfg(feature = "chrono")]
impl<Tz: chrono::TimeZone> From<chrono::DateTime<Tz>> for Timestamp {
    fn from(value: chrono::DateTime<Tz>) -> Self {
        Timestamp(
            value
                .with_timezone(&chrono::Utc)
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        )
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl FromStr for Timestamp {
    type Err = std::convert::Infallible;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(Timestamp::new(text))
    }
}

impl From<&str> for Timestamp {
    fn from(text: &str) -> Self {
        Timestamp::new(text)
    }
}

impl From<String> for Timestamp {
    fn from(text: String) -> Self {
        Timestamp(text)
    }
}

impl AsRef<str> for Timestamp {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Timestamp)
    }
}

/// A string of any content fits, as in a `String` field; other JSON kinds are kept as the
/// mismatched value.
impl Json for Timestamp {
    fn encode<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
    fn to_json(&self) -> serde_json::Value {
        serde_json::Value::String(self.0.clone())
    }
    fn from_str(value: &str) -> Fit<Self> {
        Ok(Timestamp::new(value))
    }
    fn from_string(value: String) -> Fit<Self> {
        Ok(Timestamp(value))
    }
}

/// `YYYY-MM-DD`, `T` (or `t`, or a space), `HH:MM:SS`, an optional fraction, then `Z` or
/// `±HH:MM`.
fn parse_rfc3339(text: &str) -> Option<TimestampParts> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let slice = bytes.get(range)?;
        slice.iter().try_fold(0u32, |value, &b| {
            b.is_ascii_digit().then(|| value * 10 + u32::from(b - b'0'))
        })
    };
    let separators = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if bytes.len() < 20
        || separators.iter().any(|&(at, c)| bytes[at] != c)
        || !matches!(bytes[10], b'T' | b't' | b' ')
    {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    let mut at = 19;
    let mut nanosecond = 0u32;
    if bytes[at] == b'.' {
        let start = at + 1;
        at = start;
        while bytes.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
        let fraction = &text[start..at];
        if fraction.is_empty() {
            return None;
        }
        // Nanoseconds: the first nine digits, padded; finer digits are dropped here only.
        let nine: String = fraction
            .chars()
            .chain(std::iter::repeat('0'))
            .take(9)
            .collect();
        nanosecond = nine.parse().ok()?;
    }
    let offset_minutes = match &bytes[at..] {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let value = |a: u8, b: u8| -> Option<i16> {
                (a.is_ascii_digit() && b.is_ascii_digit())
                    .then(|| i16::from(a - b'0') * 10 + i16::from(b - b'0'))
            };
            let (hours, minutes) = (value(*h1, *h2)?, value(*m1, *m2)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let total = hours * 60 + minutes;
            if *sign == b'-' {
                -total
            } else {
                total
            }
        }
        _ => return None,
    };
    let valid = (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && second <= 60;
    valid.then_some(TimestampParts {
        year: year as i32,
        month: month as u8,
        day: day as u8,
        hour: hour as u8,
        minute: minute as u8,
        second: second as u8,
        nanosecond,
        offset_minutes,
    })
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar: years counted from
/// March, so that the leap day ends a year, in 400-year eras of 146,097 days.
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let (month, day) = (i64::from(month), i64::from(day));
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utc_offsets_and_fractions() {
        let at = |text: &str| Timestamp::new(text).unix_seconds();
        assert_eq!(at("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(at("2000-02-29T12:00:00Z"), Some(951_825_600));
        assert_eq!(at("2026-12-02T16:30:00+01:00"), at("2026-12-02T15:30:00Z"));
        assert_eq!(at("1969-12-31T23:59:59Z"), Some(-1));
        let parts = Timestamp::new("2026-12-02T15:30:00.25-05:30").parts();
        assert_eq!(
            parts.map(|p| (p.nanosecond, p.offset_minutes)),
            Some((250_000_000, -330))
        );
    }

    #[test]
    fn refuses_what_is_not_a_date_and_time() {
        for text in [
            "",
            "2026-12-02",
            "2026-12-02T15:30:00",
            "2026-02-30T10:00:00Z",
            "2026-13-01T10:00:00Z",
            "2026-12-02T25:00:00Z",
            "2026-12-02T15:30:00+1:00",
            "2026-12-02T15:30:00.Z",
            "２０２６-12-02T15:30:00Z",
        ] {
            assert_eq!(Timestamp::new(text).parts(), None, "{text:?}");
        }
    }

    #[test]
    fn keeps_the_text_as_sent() {
        let sent = r#"["2026-12-02T15:30:00.000Z","soon"]"#;
        let decoded: Vec<Timestamp> = serde_json::from_str(sent).expect("strings decode");
        assert_eq!(serde_json::to_string(&decoded).expect("encodes"), sent);
    }

    #[cfg(feature = "time")]
    #[test]
    fn converts_to_and_from_time() {
        let start = Timestamp::new("2026-12-02T15:30:00Z");
        let value = start.to_time().expect("RFC 3339");
        assert_eq!(value.unix_timestamp(), 1_796_225_400);
        assert_eq!(Timestamp::from(value), start);
        assert!(Timestamp::new("soon").to_time().is_err());
    }

    #[cfg(feature = "chrono")]
    #[test]
    fn converts_to_and_from_chrono() {
        let start = Timestamp::new("2026-12-02T16:30:00+01:00");
        let value = start.to_chrono().expect("RFC 3339");
        assert_eq!(value.timestamp(), 1_796_225_400);
        assert_eq!(Timestamp::from(value).as_str(), "2026-12-02T15:30:00Z");
    }
}
