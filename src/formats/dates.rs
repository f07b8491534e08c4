//! Dates and times as imported files write them, read in one place.
//!
//! Call platforms, transcription tools and spreadsheets each write time
//! their own way: RFC 3339 with seven fractional digits, ISO without a
//! zone, US or European slash dates with a 12-hour clock, or the bare day
//! numbers Excel keeps. `parse_when` reads all of them into a `When`, which
//! keeps a calendar day apart from a point in time so that no zone can move
//! a day that was written without one. What the time means (a call's start,
//! an utterance) is left to the format that reads it.
//!
//! Peercoach's own program file and the call-analytics export always write
//! RFC 3339 with an offset; for them `parse_date_time` and `parse_date` stay
//! strict, because anything else there means the file was damaged.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

use super::Problem;

/// Which number comes first in a slash date such as `06/07/2024`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOrder {
    /// `6/13/2024`, as US tools write.
    MonthFirst,
    /// `13/6/2024`, as most of Europe writes.
    DayFirst,
}

/// What a date field held: a point in time, or only a calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    At(DateTime<FixedOffset>),
    /// A day written without a time. It stays the day that was written,
    /// whatever zone the file is read in.
    Day(NaiveDate),
}

impl When {
    /// The calendar day, where the time was written.
    pub fn day(self) -> NaiveDate {
        match self {
            When::At(time) => time.date_naive(),
            When::Day(day) => day,
        }
    }

    /// A point in time: the time itself, or the start of the day in `zone`.
    pub fn or_start_of_day(self, zone: FixedOffset) -> DateTime<FixedOffset> {
        match self {
            When::At(time) => time,
            When::Day(day) => at_start_of_day(day, zone),
        }
    }
}

/// The forms `parse_when` reads, for error messages.
const ACCEPTED: &str =
    "e.g. 2024-06-02T16:39:13-07:00, 2024-06-02 16:39, 6/13/2024 4:03 PM or 45445";

/// Excel day numbers in this range are read as dates: 20000 is 1954 and
/// 80000 is 2119. Outside it a number is far more likely a count or an id
/// than a date, and reading it as one would hide the mistake.
const EXCEL_SERIALS: std::ops::Range<u32> = 20_000..80_000;

/// Reads a date or a date-time. A time written without a zone is read in
/// `zone`; a time with one keeps its own offset, so the call's day stays
/// the day where it took place. `day_order` decides slash dates that could
/// be read either way; a number above 12 decides the rest by itself.
pub fn parse_when(text: &str, zone: FixedOffset, day_order: DayOrder) -> Result<When, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(format!("the date is empty (expected {ACCEPTED})"));
    }
    if text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return excel_when(text, zone);
    }

    let mut scan = Scan::new(text);
    let day = if scan.peek_digits() == 4 {
        iso_day(&mut scan)
    } else {
        slash_day(&mut scan, day_order)
    };
    day.and_then(|day| finish(&mut scan, day, zone))
        .ok_or_else(|| format!("{text:?} is not a date (expected {ACCEPTED})"))
}

/// Which day order a column of dates uses, when its samples say: a first
/// number above 12 means day first, a second number above 12 means month
/// first. `None` when no sample decides, or when samples disagree.
pub fn guess_day_order(samples: &[&str]) -> Option<DayOrder> {
    let mut found = None;
    for sample in samples {
        let mut scan = Scan::new(sample.trim());
        let Some((first, second)) = slash_numbers(&mut scan) else {
            continue;
        };
        let order = match (first > 12, second > 12) {
            (true, false) => DayOrder::DayFirst,
            (false, true) => DayOrder::MonthFirst,
            _ => continue,
        };
        match found {
            Some(earlier) if earlier != order => return None,
            _ => found = Some(order),
        }
    }
    found
}

/// Midnight at the start of `day` in `zone`. The result's own date is
/// `day`, which is what `Call::day` reads, so a call imported with only a
/// date lands on that date in every zone.
pub fn at_start_of_day(day: NaiveDate, zone: FixedOffset) -> DateTime<FixedOffset> {
    let midnight = day.and_time(NaiveTime::MIN);
    // Only at the very ends of chrono's calendar can local midnight not be
    // expressed; UTC midnight still has the same date there.
    midnight
        .and_local_timezone(zone)
        .single()
        .unwrap_or_else(|| midnight.and_utc().fixed_offset())
}

/// Reads a UTC offset: `+01:00`, `-0700`, `+05`, `Z`, `UTC`, `GMT` or
/// `UTC+01:00`.
pub fn parse_zone(text: &str) -> Result<FixedOffset, String> {
    let mut scan = Scan::new(text.trim());
    zone(&mut scan).filter(|_| scan.is_done()).ok_or_else(|| {
        format!(
            "{:?} is not a UTC offset (expected e.g. +01:00, -07:00, UTC or Z)",
            text.trim()
        )
    })
}

/// Reads a point in time with its UTC offset, as RFC 3339 writes it. Any
/// number of fractional digits is accepted: call platforms write seven.
pub(crate) fn parse_date_time(text: &str, path: &str) -> Result<DateTime<FixedOffset>, Problem> {
    DateTime::parse_from_rfc3339(text.trim()).map_err(|_| {
        Problem::new(
            path,
            format!(
                "{text:?} is not a date-time with offset (expected e.g. 2024-06-02T16:39:13-07:00)"
            ),
        )
    })
}

/// Reads a calendar day written as `YYYY-MM-DD`.
pub(crate) fn parse_date(text: &str, path: &str) -> Result<NaiveDate, Problem> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Problem::new(
            path,
            format!("{text:?} is not a date (expected YYYY-MM-DD, e.g. 2024-06-02)"),
        )
    })
}

/// The day Excel's 1900 date system numbers `serial`. Excel counts
/// 1900-02-29, which never was (a bug kept from Lotus 1-2-3), so serial 60
/// has no day and every serial from 61 on is one ahead of a plain count.
pub(crate) fn excel_serial_day(serial: u32) -> Option<NaiveDate> {
    let base = match serial {
        0 | 60 => return None,
        1..=59 => NaiveDate::from_ymd_opt(1899, 12, 31)?,
        _ => NaiveDate::from_ymd_opt(1899, 12, 30)?,
    };
    base.checked_add_signed(Duration::days(i64::from(serial)))
}

/// An Excel serial: whole days are a day, a fraction is a time of day,
/// read in `zone` since Excel keeps no zone.
fn excel_when(text: &str, zone: FixedOffset) -> Result<When, String> {
    let not_a_date = || {
        format!(
            "{text:?} is a number, not a date (Excel day numbers from {} to {}, e.g. 45445 \
             for 2024-06-02, are read as dates)",
            EXCEL_SERIALS.start,
            EXCEL_SERIALS.end - 1
        )
    };
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.contains('.') || whole.is_empty() {
        return Err(format!("{text:?} is not a date (expected {ACCEPTED})"));
    }
    let serial: u32 = whole.parse().map_err(|_| not_a_date())?;
    if !EXCEL_SERIALS.contains(&serial) {
        return Err(not_a_date());
    }
    let day = excel_serial_day(serial).ok_or_else(not_a_date)?;
    if !text.contains('.') {
        return Ok(When::Day(day));
    }

    // Excel stores a time as a binary fraction of a day, so 16:00 comes
    // back as 0.66666666...; the nearest second is the time that was meant.
    let part: f64 = format!("0.{fraction}").parse().map_err(|_| not_a_date())?;
    let seconds = (part * 86_400.0).round() as i64;
    let local = day.and_time(NaiveTime::MIN) + Duration::seconds(seconds);
    Ok(When::At(in_zone(local, zone).ok_or_else(not_a_date)?))
}

fn in_zone(local: NaiveDateTime, zone: FixedOffset) -> Option<DateTime<FixedOffset>> {
    zone.from_local_datetime(&local).single()
}

/// `YYYY-MM-DD`, or `YYYY/MM/DD` which some spreadsheets write.
fn iso_day(scan: &mut Scan) -> Option<NaiveDate> {
    let year = scan.number(4, 4)?;
    let separator = scan.next_of(b"-/")?;
    let month = scan.number(1, 2)?;
    scan.eat(separator).then_some(())?;
    let day = scan.number(1, 2)?;
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// `M/D/YYYY` or `D/M/YYYY`.
fn slash_day(scan: &mut Scan, day_order: DayOrder) -> Option<NaiveDate> {
    let (first, second) = slash_numbers(scan)?;
    let year = scan.number(4, 4)?;
    let (month, day) = match (first > 12, second > 12, day_order) {
        (true, _, _) | (false, false, DayOrder::DayFirst) => (second, first),
        (false, true, _) | (false, false, DayOrder::MonthFirst) => (first, second),
    };
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// The two numbers before the year in a slash date, leaving the scan at
/// the year.
fn slash_numbers(scan: &mut Scan) -> Option<(u32, u32)> {
    let first = scan.number(1, 2)?;
    scan.eat(b'/').then_some(())?;
    let second = scan.number(1, 2)?;
    scan.eat(b'/').then_some(())?;
    Some((first, second))
}

/// What may follow a day: nothing, or a time with an optional zone.
fn finish(scan: &mut Scan, day: NaiveDate, zone: FixedOffset) -> Option<When> {
    if scan.is_done() {
        return Some(When::Day(day));
    }
    // ISO puts a `T` between day and time; people and spreadsheets put a
    // space, and a browser's locale format puts a comma and a space.
    if !(scan.eat(b'T') || scan.eat(b't')) {
        scan.eat(b',');
        scan.spaces().then_some(())?;
    }
    let time = clock(scan)?;
    scan.spaces();
    let offset = if scan.is_done() {
        zone
    } else {
        self::zone(scan).filter(|_| scan.is_done())?
    };
    in_zone(day.and_time(time), offset).map(When::At)
}

/// `H:MM`, `H:MM:SS` or `H:MM:SS.fffffffff`, with an optional AM or PM.
fn clock(scan: &mut Scan) -> Option<NaiveTime> {
    let hour = scan.number(1, 2)?;
    scan.eat(b':').then_some(())?;
    let minute = scan.number(2, 2)?;
    let mut second = 0;
    let mut nanos = 0;
    if scan.eat(b':') {
        second = scan.number(2, 2)?;
        if scan.next_of(b".,").is_some() {
            nanos = scan.fraction_nanos()?;
        }
    }
    let mut marked = scan.clone();
    marked.spaces();
    let hour = match marked.meridiem() {
        Some(pm) => {
            *scan = marked;
            match (hour, pm) {
                (1..=11, false) => hour,
                (12, false) => 0,
                (1..=11, true) => hour + 12,
                (12, true) => 12,
                _ => return None,
            }
        }
        None => hour,
    };
    NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)
}

/// `Z`, `UTC`, `GMT`, a signed offset, or `UTC`/`GMT` followed by one.
fn zone(scan: &mut Scan) -> Option<FixedOffset> {
    if scan.eat(b'Z') || scan.eat(b'z') {
        return FixedOffset::east_opt(0);
    }
    let named = scan.word_ignoring_case("UTC") || scan.word_ignoring_case("GMT");
    if named && scan.is_done() {
        return FixedOffset::east_opt(0);
    }
    let sign = match scan.next_of(b"+-")? {
        b'+' => 1,
        _ => -1,
    };
    let (hours, minutes) = if scan.peek_digits() == 4 {
        (scan.digits(2), scan.digits(2))
    } else {
        let hours = scan.number(1, 2)?;
        (
            hours,
            if scan.eat(b':') {
                scan.number(2, 2)?
            } else {
                0
            },
        )
    };
    // No zone on Earth is further than 14 hours from UTC; 18 is the limit
    // ISO 8601 and most libraries allow, so anything past it is a typo.
    if hours > 18 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours as i32 * 3600 + minutes as i32 * 60))
}

/// A cursor over ASCII text; dates are ASCII, and anything else simply
/// fails to match.
#[derive(Clone)]
struct Scan<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Scan<'a> {
    fn new(text: &'a str) -> Scan<'a> {
        Scan {
            bytes: text.as_bytes(),
            at: 0,
        }
    }

    fn is_done(&self) -> bool {
        self.at == self.bytes.len()
    }

    /// How many digits follow, without moving.
    fn peek_digits(&self) -> usize {
        self.bytes[self.at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    }

    /// A number of `min` to `max` digits; more digits than `max` is no match.
    fn number(&mut self, min: usize, max: usize) -> Option<u32> {
        let count = self.peek_digits();
        if count < min || count > max {
            return None;
        }
        let digits = &self.bytes[self.at..self.at + count];
        self.at += count;
        Some(digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    }

    /// Exactly `count` digits, which the caller has seen are there.
    fn digits(&mut self, count: usize) -> u32 {
        let digits = &self.bytes[self.at..self.at + count];
        self.at += count;
        digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'))
    }

    /// Fractional digits as nanoseconds; past nine digits the rest is
    /// below a nanosecond and dropped.
    fn fraction_nanos(&mut self) -> Option<u32> {
        let count = self.peek_digits();
        if count == 0 {
            return None;
        }
        let digits = &self.bytes[self.at..self.at + count];
        self.at += count;
        let nanos = digits
            .iter()
            .chain(std::iter::repeat(&b'0'))
            .take(9)
            .fold(0, |n, d| n * 10 + u32::from(d - b'0'));
        Some(nanos)
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.bytes.get(self.at) == Some(&byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    /// The next byte, when it is one of `choices`.
    fn next_of(&mut self, choices: &[u8]) -> Option<u8> {
        let byte = *self.bytes.get(self.at)?;
        choices.contains(&byte).then(|| {
            self.at += 1;
            byte
        })
    }

    /// Skips spaces; whether there were any.
    fn spaces(&mut self) -> bool {
        let start = self.at;
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\t')) {
            self.at += 1;
        }
        self.at > start
    }

    fn word_ignoring_case(&mut self, word: &str) -> bool {
        let end = self.at + word.len();
        let matches = self
            .bytes
            .get(self.at..end)
            .is_some_and(|b| b.eq_ignore_ascii_case(word.as_bytes()));
        if matches {
            self.at = end;
        }
        matches
    }

    /// `AM`, `PM`, `a.m.` or `p.m.` in any case: `Some(true)` for PM.
    fn meridiem(&mut self) -> Option<bool> {
        for (word, pm) in [("am", false), ("pm", true), ("a.m.", false), ("p.m.", true)] {
            if self.word_ignoring_case(word) {
                return Some(pm);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use chrono::Timelike;
    use proptest::prelude::*;

    use super::*;

    fn utc() -> FixedOffset {
        FixedOffset::east_opt(0).unwrap()
    }

    fn hours(h: i32) -> FixedOffset {
        FixedOffset::east_opt(h * 3600).unwrap()
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// Reads `text` with US order in UTC+2, so that a zone that was used
    /// shows in the result.
    fn when(text: &str) -> When {
        parse_when(text, hours(2), DayOrder::MonthFirst)
            .unwrap_or_else(|e| panic!("{text:?} should read: {e}"))
    }

    /// The point in time `text` reads as, written back as RFC 3339.
    fn at(text: &str) -> String {
        match when(text) {
            When::At(time) => time.to_rfc3339(),
            other => panic!("{text:?} should be a point in time, not {other:?}"),
        }
    }

    fn refused(text: &str) -> String {
        parse_when(text, utc(), DayOrder::MonthFirst)
            .expect_err(&format!("{text:?} should be refused"))
    }

    #[test]
    fn rfc_3339_keeps_its_own_offset_and_seven_fractional_digits() {
        assert_eq!(
            at("2024-06-02T16:39:13.2574769-07:00"),
            "2024-06-02T16:39:13.257476900-07:00"
        );
        assert_eq!(at("2024-06-02T16:39:13Z"), "2024-06-02T16:39:13+00:00");
        assert_eq!(
            at("2024-06-02T16:39:13.5+0530"),
            "2024-06-02T16:39:13.500+05:30"
        );
        assert_eq!(at("2024-06-02 16:39:13 UTC"), "2024-06-02T16:39:13+00:00");
    }

    #[test]
    fn a_time_without_a_zone_is_read_in_the_zone_given() {
        assert_eq!(at("2024-06-02T16:39:13"), "2024-06-02T16:39:13+02:00");
        assert_eq!(at("2024-06-02 16:39"), "2024-06-02T16:39:00+02:00");
        assert_eq!(at("  2024-06-02 16:39  "), "2024-06-02T16:39:00+02:00");
        assert_eq!(at("2024/06/02 16:39"), "2024-06-02T16:39:00+02:00");
    }

    #[test]
    fn a_date_alone_is_a_calendar_day() {
        assert_eq!(when("2024-06-02"), When::Day(day("2024-06-02")));
        assert_eq!(when(" 6/13/2024 "), When::Day(day("2024-06-13")));
    }

    #[test]
    fn us_slash_dates_read_with_a_twelve_hour_clock() {
        assert_eq!(at("6/13/2024 4:03:09 AM"), "2024-06-13T04:03:09+02:00");
        assert_eq!(at("6/13/2024 4:03 pm"), "2024-06-13T16:03:00+02:00");
        assert_eq!(at("6/13/2024 12:00:00 AM"), "2024-06-13T00:00:00+02:00");
        assert_eq!(at("6/13/2024 12:30 p.m."), "2024-06-13T12:30:00+02:00");
        assert_eq!(at("6/13/2024, 4:03:09 PM"), "2024-06-13T16:03:09+02:00");
    }

    #[test]
    fn european_slash_dates_read_with_a_day_above_twelve_in_any_order() {
        assert_eq!(at("13/06/2024 16:03"), "2024-06-13T16:03:00+02:00");
        assert_eq!(
            parse_when("13/06/2024", utc(), DayOrder::DayFirst),
            Ok(When::Day(day("2024-06-13")))
        );
    }

    #[test]
    fn the_day_order_decides_a_slash_date_that_reads_both_ways() {
        let read = |order| parse_when("06/07/2024", utc(), order).unwrap().day();
        assert_eq!(read(DayOrder::MonthFirst), day("2024-06-07"));
        assert_eq!(read(DayOrder::DayFirst), day("2024-07-06"));
    }

    #[test]
    fn excel_day_numbers_are_days_and_their_fractions_times_of_day() {
        // Excel's DATE(2023,1,1) is 44927, a figure easy to check.
        assert_eq!(when("44927"), When::Day(day("2023-01-01")));
        assert_eq!(when("45445"), When::Day(day("2024-06-02")));
        assert_eq!(at("45445.5"), "2024-06-02T12:00:00+02:00");
        // 16:00 is 2/3 of a day, which Excel cannot store exactly.
        assert_eq!(at("45445.666666667"), "2024-06-02T16:00:00+02:00");
        assert_eq!(at("45445.99999999"), "2024-06-03T00:00:00+02:00");
    }

    #[test]
    fn excel_skips_the_leap_day_1900_never_had() {
        assert_eq!(excel_serial_day(1), Some(day("1900-01-01")));
        assert_eq!(excel_serial_day(59), Some(day("1900-02-28")));
        assert_eq!(excel_serial_day(60), None);
        assert_eq!(excel_serial_day(61), Some(day("1900-03-01")));
        assert_eq!(excel_serial_day(0), None);
    }

    #[test]
    fn numbers_outside_the_plausible_range_are_not_taken_for_dates() {
        for text in ["2024", "62", "19999", "80000", "123456.5"] {
            let message = refused(text);
            assert!(
                message.contains("is a number, not a date"),
                "{text}: {message}"
            );
            assert!(
                message.contains("45445 for 2024-06-02"),
                "{text}: {message}"
            );
        }
    }

    #[test]
    fn a_refusal_quotes_the_value_and_shows_what_is_accepted() {
        assert_eq!(
            refused("2024-13-01"),
            "\"2024-13-01\" is not a date (expected e.g. 2024-06-02T16:39:13-07:00, \
             2024-06-02 16:39, 6/13/2024 4:03 PM or 45445)"
        );
        assert!(refused("").starts_with("the date is empty (expected e.g."));
        for text in [
            "yesterday",
            "2024-06-02T25:00",
            "2024-06-02 16:39 +25:00",
            "2024-06-02 16:39 later",
            "13/13/2024",
            "6/13/24",
            "6/13/2024 13:00 PM",
            "2024-02-30",
            "1.2.3",
        ] {
            assert!(
                refused(text).starts_with(&format!("{text:?} is not")),
                "{text}"
            );
        }
    }

    #[test]
    fn a_day_order_is_guessed_only_when_a_sample_decides_it() {
        assert_eq!(
            guess_day_order(&["01/02/2024", "13/02/2024 10:00"]),
            Some(DayOrder::DayFirst)
        );
        assert_eq!(
            guess_day_order(&["2/3/2024", "6/13/2024 4:03 PM"]),
            Some(DayOrder::MonthFirst)
        );
        assert_eq!(guess_day_order(&["01/02/2024", "2024-06-13"]), None);
        assert_eq!(guess_day_order(&["13/02/2024", "02/13/2024"]), None);
        assert_eq!(guess_day_order(&[]), None);
    }

    #[test]
    fn zones_read_as_offsets_names_and_letters() {
        let offset = |text| parse_zone(text).map(|z| z.local_minus_utc());
        assert_eq!(offset("+01:00"), Ok(3600));
        assert_eq!(offset("-07:00"), Ok(-7 * 3600));
        assert_eq!(offset("+0530"), Ok(5 * 3600 + 1800));
        assert_eq!(offset("-03"), Ok(-3 * 3600));
        assert_eq!(offset(" utc "), Ok(0));
        assert_eq!(offset("Z"), Ok(0));
        assert_eq!(offset("GMT"), Ok(0));
        assert_eq!(offset("UTC+02:00"), Ok(7200));
        assert_eq!(
            offset("CEST"),
            Err("\"CEST\" is not a UTC offset (expected e.g. +01:00, -07:00, UTC or Z)".into())
        );
        assert!(offset("+19:00").is_err());
        assert!(offset("+01:60").is_err());
    }

    #[test]
    fn the_start_of_a_day_keeps_the_day_far_from_utc() {
        for zone in [hours(-12), utc(), hours(14)] {
            let start = at_start_of_day(day("2024-06-02"), zone);
            assert_eq!(start.date_naive(), day("2024-06-02"), "{zone}");
            assert_eq!(start.hour(), 0);
            assert_eq!(start.offset(), &zone);
        }
        let last = at_start_of_day(NaiveDate::MAX, hours(-12));
        assert_eq!(last.date_naive(), NaiveDate::MAX);
    }

    #[test]
    fn the_strict_readers_still_refuse_what_peercoach_never_writes() {
        assert!(parse_date_time("2024-06-02 16:39", "x").is_err());
        assert!(parse_date("6/13/2024", "x").is_err());
        assert_eq!(parse_date(" 2024-06-02 ", "x"), Ok(day("2024-06-02")));
    }

    /// Any instant chrono can write with 100 ns precision, in any offset
    /// within ±14 hours whole minutes.
    fn instants() -> impl Strategy<Value = DateTime<FixedOffset>> {
        // 1900-01-01 to 2200-01-01 in seconds from the epoch.
        (
            -2_208_988_800i64..7_258_118_400,
            0u32..10_000_000,
            -840i32..=840,
        )
            .prop_map(|(secs, ticks, minutes)| {
                let zone = FixedOffset::east_opt(minutes * 60).unwrap();
                DateTime::from_timestamp(secs, ticks * 100)
                    .unwrap()
                    .with_timezone(&zone)
            })
    }

    fn days() -> impl Strategy<Value = NaiveDate> {
        (1i32..=9999, 1u32..=366).prop_filter_map("a real day", |(year, ordinal)| {
            NaiveDate::from_yo_opt(year, ordinal)
        })
    }

    fn zones() -> impl Strategy<Value = FixedOffset> {
        (-1080i32..=1080).prop_map(|minutes| FixedOffset::east_opt(minutes * 60).unwrap())
    }

    proptest! {
        #[test]
        fn an_instant_written_with_seven_fractional_digits_reads_back_the_same(
            time in instants(),
            zone in zones(),
        ) {
            // chrono has no seven-digit fraction, which is what call
            // platforms write, so the digits are put in by hand.
            let text = format!(
                "{}.{:07}{}",
                time.format("%Y-%m-%dT%H:%M:%S"),
                time.nanosecond() / 100,
                time.format("%:z")
            );
            let read = parse_when(&text, zone, DayOrder::DayFirst);
            prop_assert_eq!(&read, &Ok(When::At(time)), "{}", text);
            if let Ok(When::At(read)) = read {
                prop_assert_eq!(read.offset(), time.offset());
            }
        }

        #[test]
        fn a_date_alone_keeps_its_day_in_every_zone(day in days(), zone in zones()) {
            let text = day.format("%Y-%m-%d").to_string();
            let read = parse_when(&text, zone, DayOrder::MonthFirst).unwrap();
            prop_assert_eq!(read, When::Day(day));
            prop_assert_eq!(read.or_start_of_day(zone).date_naive(), day);
            prop_assert_eq!(at_start_of_day(day, zone).date_naive(), day);
        }

        #[test]
        fn a_slash_date_reads_back_in_the_order_it_was_written(
            day in days(),
            day_first in any::<bool>(),
        ) {
            let (format, order) = if day_first {
                ("%d/%m/%Y", DayOrder::DayFirst)
            } else {
                ("%m/%d/%Y", DayOrder::MonthFirst)
            };
            let text = day.format(format).to_string();
            prop_assert_eq!(parse_when(&text, utc(), order), Ok(When::Day(day)));
        }

        #[test]
        fn consecutive_excel_numbers_are_consecutive_days(serial in 61u32..80_000) {
            let today = excel_serial_day(serial).unwrap();
            prop_assert_eq!(excel_serial_day(serial + 1), today.succ_opt());
        }
    }
}
