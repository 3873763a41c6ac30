//! Calendar dates as the corpus gives them: a full ISO date, or only a month or
//! a year where the source paper is no more precise; times of day; and how
//! certain a date is.

use std::fmt;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date with optional month and day: `1950-10-02`, `1950-10` or `1950`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in a month of a year (month 1-12).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

impl Date {
    pub fn ymd(year: i32, month: u8, day: u8) -> Date {
        Date {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, rejecting impossible dates
    /// such as `1950-02-30` with a message that says why.
    pub fn parse(s: &str) -> Result<Date, String> {
        let expected =
            "expected an ISO date: YYYY-MM-DD, or YYYY-MM / YYYY where the day or month is unknown";
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| -> Option<u32> {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        if parts.is_empty() || parts.len() > 3 {
            return Err(format!("'{s}' is not a date: {expected}"));
        }
        let year =
            num(parts[0], 4).ok_or_else(|| format!("'{s}' is not a date: {expected}"))? as i32;
        let mut date = Date {
            year,
            month: None,
            day: None,
        };
        if let Some(m) = parts.get(1) {
            let month = num(m, 2).ok_or_else(|| format!("'{s}' is not a date: {expected}"))?;
            if !(1..=12).contains(&month) {
                return Err(format!("impossible date '{s}': there is no month {month}"));
            }
            date.month = Some(month as u8);
        }
        if let Some(d) = parts.get(2) {
            let day = num(d, 2).ok_or_else(|| format!("'{s}' is not a date: {expected}"))?;
            let month = date.month.unwrap_or(1);
            let max = u32::from(days_in_month(year, month));
            if day == 0 || day > max {
                return Err(format!(
                    "impossible date '{s}': {} {year} has {max} days",
                    MONTHS[usize::from(month) - 1]
                ));
            }
            date.day = Some(day as u8);
        }
        Ok(date)
    }

    pub fn is_full(&self) -> bool {
        self.day.is_some()
    }

    /// Day number (days since 1970-01-01) of the first day the date covers.
    pub fn day_number(&self) -> i64 {
        days_from_civil(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    pub fn from_day_number(n: i64) -> Date {
        let (y, m, d) = civil_from_days(n);
        Date::ymd(y, m, d)
    }

    /// Order for lists: by day; a month-only date before the days of its
    /// month, a year-only date after everything dated within its year.
    pub fn sort_key(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(13), self.day.unwrap_or(0))
    }

    /// "2 October 1950", "October 1950", "1950".
    pub fn long(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[usize::from(m) - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[usize::from(m) - 1], self.year),
            _ => format!("{}", self.year),
        }
    }

    /// "2 Oct", "Oct 1950", "1950" — for narrow columns.
    pub fn short(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {}", &MONTHS[usize::from(m) - 1][..3]),
            (Some(m), None) => format!("{} {}", &MONTHS[usize::from(m) - 1][..3], self.year),
            _ => format!("{}", self.year),
        }
    }

    pub fn month_name(month: u8) -> &'static str {
        MONTHS
            .get(usize::from(month).wrapping_sub(1))
            .copied()
            .unwrap_or("")
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// A time of day, `HH:MM`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Time {
    pub hour: u8,
    pub minute: u8,
}

impl Time {
    pub fn parse(s: &str) -> Result<Time, String> {
        let bad = || format!("'{s}' is not a time: expected HH:MM (24-hour), e.g. 03:20");
        let (h, m) = s.split_once(':').ok_or_else(bad)?;
        if h.len() != 2 || m.len() != 2 {
            return Err(bad());
        }
        let hour: u8 = h.parse().map_err(|_| bad())?;
        let minute: u8 = m.parse().map_err(|_| bad())?;
        if hour > 23 || minute > 59 {
            return Err(format!("impossible time '{s}'"));
        }
        Ok(Time { hour, minute })
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

/// How sure the date is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Certainty {
    /// The source gives the date.
    #[default]
    Exact,
    /// Only the month is known.
    Month,
    /// The source dates it loosely ("then immediately", "early August").
    Approximate,
    /// The date is worked out from the source's context.
    Inferred,
}

impl Certainty {
    pub const ALL: [(&'static str, Certainty); 4] = [
        ("exact", Certainty::Exact),
        ("month", Certainty::Month),
        ("approximate", Certainty::Approximate),
        ("inferred", Certainty::Inferred),
    ];

    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, c)| *c == self)
            .map(|(n, _)| *n)
            .unwrap_or("exact")
    }

    /// How a reader sees it beside the date; empty for exact dates.
    pub fn marker(self) -> &'static str {
        match self {
            Certainty::Exact => "",
            Certainty::Month => "month only",
            Certainty::Approximate => "approximate",
            Certainty::Inferred => "inferred",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_full_and_partial_dates() {
        assert_eq!(Date::parse("1950-10-02").unwrap(), Date::ymd(1950, 10, 2));
        let m = Date::parse("1950-08").unwrap();
        assert_eq!((m.month, m.day), (Some(8), None));
        let y = Date::parse("1950").unwrap();
        assert_eq!((y.month, y.day), (None, None));
        assert_eq!(Date::parse("1950-10-02").unwrap().to_string(), "1950-10-02");
        assert_eq!(m.to_string(), "1950-08");
    }

    #[test]
    fn rejects_impossible_dates_with_reason() {
        let e = Date::parse("1950-02-30").unwrap_err();
        assert!(e.contains("February 1950 has 28 days"), "{e}");
        assert!(Date::parse("1952-02-29").is_ok());
        assert!(
            Date::parse("1950-13-01")
                .unwrap_err()
                .contains("no month 13")
        );
        assert!(Date::parse("1950-1-2").is_err());
        assert!(Date::parse("50-10-02").is_err());
        assert!(Date::parse("").is_err());
        assert!(Date::parse("1950-10-02-01").is_err());
        assert!(Date::parse("1950-00").is_err());
        assert!(Date::parse("1950-10-00").is_err());
    }

    #[test]
    fn day_numbers_round_trip_and_count_days() {
        let inchon = Date::ymd(1950, 9, 15);
        let oct2 = Date::ymd(1950, 10, 2);
        assert_eq!(oct2.day_number() - inchon.day_number(), 17);
        assert_eq!(Date::ymd(1970, 1, 1).day_number(), 0);
        for n in -1000..1000 {
            assert_eq!(Date::from_day_number(n).day_number(), n);
        }
    }

    #[test]
    fn partial_dates_sort_around_their_days() {
        let mut v = [
            Date::parse("1950").unwrap(),
            Date::parse("1950-10-02").unwrap(),
            Date::parse("1950-10").unwrap(),
            Date::parse("1950-09-30").unwrap(),
        ];
        v.sort_by_key(|d| d.sort_key());
        let s: Vec<String> = v.iter().map(|d| d.to_string()).collect();
        assert_eq!(s, ["1950-09-30", "1950-10", "1950-10-02", "1950"]);
    }

    #[test]
    fn human_forms() {
        assert_eq!(Date::ymd(1950, 10, 2).long(), "2 October 1950");
        assert_eq!(Date::parse("1950-08").unwrap().long(), "August 1950");
        assert_eq!(Date::ymd(1950, 10, 2).short(), "2 Oct");
    }

    #[test]
    fn times() {
        assert_eq!(Time::parse("03:20").unwrap().to_string(), "03:20");
        assert!(Time::parse("3:20").is_err());
        assert!(Time::parse("24:00").is_err());
        assert!(Time::parse("noon").is_err());
    }
}
