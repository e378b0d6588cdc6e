//! How PostgreSQL prints a literal once its type's input function has read it: a default
//! `'{"b": 1, "a": 2}'::jsonb` is stored as a jsonb value and `pg_get_expr` prints that
//! value, not the text the migration wrote.
//!
//! ```text
//! '{"source":"signup","tags":[]}'::jsonb  -> '{"tags": [], "source": "signup"}'::jsonb
//! '30 minutes'::interval                  -> '00:30:00'::interval
//! '2 weeks'::interval                     -> '14 days'::interval
//! ```
//!
//! Each function returns `None` for text it does not understand; the caller then keeps the
//! literal as written, which is what a literal of an unknown type does anyway.

use crate::expr::normalize_numeric;

/// A jsonb value as `jsonb_out` prints it: object keys sorted by length and then bytes,
/// the last of duplicate keys kept, one space after `:` and `,`, numbers as `numeric`
/// prints them, strings re-escaped.
pub fn jsonb_out(text: &str) -> Option<String> {
    let mut p = JsonParser { s: text.as_bytes(), at: 0 };
    let value = p.value()?;
    p.skip_ws();
    if p.at != p.s.len() {
        return None;
    }
    let mut out = String::new();
    write_json(&value, &mut out);
    Some(out)
}

enum Json {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

struct JsonParser<'a> {
    s: &'a [u8],
    at: usize,
}

impl JsonParser<'_> {
    fn skip_ws(&mut self) {
        while self.at < self.s.len() && matches!(self.s[self.at], b' ' | b'\t' | b'\n' | b'\r') {
            self.at += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        self.skip_ws();
        if self.s.get(self.at) == Some(&b) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn keyword(&mut self, word: &str, value: Json) -> Option<Json> {
        if self.s[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Some(value)
        } else {
            None
        }
    }

    fn value(&mut self) -> Option<Json> {
        self.skip_ws();
        match *self.s.get(self.at)? {
            b'{' => {
                self.at += 1;
                let mut members: Vec<(String, Json)> = Vec::new();
                if self.eat(b'}') {
                    return Some(Json::Object(members));
                }
                loop {
                    self.skip_ws();
                    let key = self.string()?;
                    if !self.eat(b':') {
                        return None;
                    }
                    let value = self.value()?;
                    // jsonb keeps the last value of a duplicated key.
                    members.retain(|(k, _)| *k != key);
                    members.push((key, value));
                    if self.eat(b'}') {
                        break;
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
                // jsonb orders keys by length first, then byte-wise (`lengthCompareJsonbString`).
                members.sort_by(|(a, _), (b, _)| a.len().cmp(&b.len()).then_with(|| a.as_bytes().cmp(b.as_bytes())));
                Some(Json::Object(members))
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                if self.eat(b']') {
                    return Some(Json::Array(items));
                }
                loop {
                    items.push(self.value()?);
                    if self.eat(b']') {
                        break;
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
                Some(Json::Array(items))
            }
            b'"' => self.string().map(Json::String),
            b't' => self.keyword("true", Json::Bool(true)),
            b'f' => self.keyword("false", Json::Bool(false)),
            b'n' => self.keyword("null", Json::Null),
            _ => self.number(),
        }
    }

    fn number(&mut self) -> Option<Json> {
        let negative = self.s.get(self.at) == Some(&b'-');
        if negative {
            self.at += 1;
        }
        let digits_start = self.at;
        while self.at < self.s.len() && matches!(self.s[self.at], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-') {
            self.at += 1;
        }
        let digits = std::str::from_utf8(&self.s[digits_start..self.at]).ok()?;
        if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let value = normalize_numeric(digits);
        // numeric has no negative zero.
        let zero = value.bytes().all(|b| b == b'0' || b == b'.');
        Some(Json::Number(if negative && !zero { format!("-{value}") } else { value }))
    }

    fn string(&mut self) -> Option<String> {
        if self.s.get(self.at) != Some(&b'"') {
            return None;
        }
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while self.at < self.s.len() && self.s[self.at] != b'"' && self.s[self.at] != b'\\' {
                self.at += 1;
            }
            out.push_str(std::str::from_utf8(&self.s[start..self.at]).ok()?);
            match *self.s.get(self.at)? {
                b'"' => {
                    self.at += 1;
                    return Some(out);
                }
                _ => {
                    self.at += 1;
                    let c = *self.s.get(self.at)?;
                    self.at += 1;
                    match c {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if !self.s[self.at..].starts_with(b"\\u") {
                                    return None;
                                }
                                self.at += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return None;
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            // jsonb rejects `\u0000`; leave such text as written.
                            if code == 0 {
                                return None;
                            }
                            out.push(char::from_u32(code)?);
                        }
                        _ => return None,
                    }
                }
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let hex = std::str::from_utf8(self.s.get(self.at..self.at + 4)?).ok()?;
        self.at += 4;
        u32::from_str_radix(hex, 16).ok()
    }
}

fn write_json(v: &Json, out: &mut String) {
    match v {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => out.push_str(n),
        Json::String(s) => write_json_string(s, out),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_json(item, out);
            }
            out.push(']');
        }
        Json::Object(members) => {
            out.push('{');
            for (i, (k, v)) in members.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_json_string(k, out);
                out.push_str(": ");
                write_json(v, out);
            }
            out.push('}');
        }
    }
}

/// PostgreSQL's `escape_json`.
fn write_json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A `time without time zone` as `time_out` prints it: `12:00` -> `12:00:00`,
/// `9:05:30.500` -> `09:05:30.5`.
pub fn time_out(text: &str) -> Option<String> {
    let micros = parse_clock(text.trim())?;
    if !(0..=86_400 * 1_000_000).contains(&micros) {
        return None;
    }
    Some(format_clock(micros.unsigned_abs()))
}

/// An array literal as `array_out` prints it: `'{ a , "b" }'` -> `{a,b}`, elements quoted
/// only when they must be. `element` gives an element's output from its input text, or
/// `None` when the model cannot tell it (then the whole literal is kept as written).
pub fn array_out(text: &str, element: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut pos = 0;
    let items = parse_array(&chars, &mut pos)?;
    if pos != chars.len() {
        return None;
    }
    let mut out = String::new();
    write_array(&items, element, &mut out)?;
    Some(out)
}

/// Renames the element `from` to `to` in an array literal, as renaming an enum label
/// renames it in stored arrays; returns the literal in `array_out` form.
pub fn array_rename_element(text: &str, from: &str, to: &str) -> Option<String> {
    array_out(text, &|e| Some(if e == from { to.to_owned() } else { e.to_owned() }))
}

enum ArrayItem {
    Null,
    Value(String),
    Nested(Vec<ArrayItem>),
}

fn parse_array(s: &[char], pos: &mut usize) -> Option<Vec<ArrayItem>> {
    let skip_ws = |pos: &mut usize| {
        while *pos < s.len() && s[*pos].is_whitespace() {
            *pos += 1;
        }
    };
    skip_ws(pos);
    if s.get(*pos) != Some(&'{') {
        return None;
    }
    *pos += 1;
    let mut items = Vec::new();
    skip_ws(pos);
    if s.get(*pos) == Some(&'}') {
        *pos += 1;
        return Some(items);
    }
    loop {
        skip_ws(pos);
        match *s.get(*pos)? {
            '{' => items.push(ArrayItem::Nested(parse_array(s, pos)?)),
            '"' => {
                *pos += 1;
                let mut value = String::new();
                loop {
                    match *s.get(*pos)? {
                        '"' => break,
                        '\\' => {
                            *pos += 1;
                            value.push(*s.get(*pos)?);
                        }
                        c => value.push(c),
                    }
                    *pos += 1;
                }
                *pos += 1;
                items.push(ArrayItem::Value(value));
            }
            _ => {
                let mut value = String::new();
                while let Some(&c) = s.get(*pos) {
                    match c {
                        ',' | '}' => break,
                        '{' | '"' => return None,
                        '\\' => {
                            *pos += 1;
                            value.push(*s.get(*pos)?);
                        }
                        c => value.push(c),
                    }
                    *pos += 1;
                }
                let value = value.trim_end().to_owned();
                if value.eq_ignore_ascii_case("null") {
                    items.push(ArrayItem::Null);
                } else if value.is_empty() {
                    return None;
                } else {
                    items.push(ArrayItem::Value(value));
                }
            }
        }
        skip_ws(pos);
        match *s.get(*pos)? {
            ',' => *pos += 1,
            '}' => {
                *pos += 1;
                return Some(items);
            }
            _ => return None,
        }
    }
}

fn write_array(items: &[ArrayItem], element: &dyn Fn(&str) -> Option<String>, out: &mut String) -> Option<()> {
    out.push('{');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match item {
            ArrayItem::Null => out.push_str("NULL"),
            ArrayItem::Nested(inner) => write_array(inner, element, out)?,
            ArrayItem::Value(v) => {
                let v = element(v)?;
                let quote = v.is_empty()
                    || v.eq_ignore_ascii_case("null")
                    || v.chars().any(|c| matches!(c, '"' | '\\' | '{' | '}' | ',') || c.is_ascii_whitespace());
                if quote {
                    out.push('"');
                    for c in v.chars() {
                        if c == '"' || c == '\\' {
                            out.push('\\');
                        }
                        out.push(c);
                    }
                    out.push('"');
                } else {
                    out.push_str(&v);
                }
            }
        }
    }
    out.push('}');
    Some(())
}

const USECS_PER_SEC: f64 = 1_000_000.0;
const USECS_PER_DAY: f64 = 86_400.0 * USECS_PER_SEC;

/// An interval as `interval_out` prints it with the default `IntervalStyle` (`postgres`):
/// years and months from one month count, days, then `[-]HH:MM:SS[.frac]`.
///
/// Reads the verbose input most migrations use (`30 minutes`, `1 day 2 hours`,
/// `1.5 hours`, `2 weeks ago`, `@ 1 day`, `1 day 00:30:00`); ISO 8601 (`P1D`) and SQL
/// standard forms return `None`.
pub fn interval_out(text: &str) -> Option<String> {
    let mut months: i64 = 0;
    let mut days: i64 = 0;
    let mut micros: i64 = 0;
    let lower = text.trim().to_ascii_lowercase();
    let mut tokens: Vec<&str> = lower.split_whitespace().collect();
    if tokens.first() == Some(&"@") {
        tokens.remove(0);
    }
    let ago = tokens.last() == Some(&"ago");
    if ago {
        tokens.pop();
    }
    if tokens.is_empty() {
        return None;
    }
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i];
        i += 1;
        if token.contains(':') {
            micros += parse_clock(token)?;
            continue;
        }
        // A number, with its unit glued on (`30min`) or in the next token; a lone number
        // at the end counts seconds.
        let split =
            token.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+')).unwrap_or(token.len());
        let (number, glued) = token.split_at(split);
        let value: f64 = number.parse().ok()?;
        let unit = if !glued.is_empty() {
            glued
        } else if i < tokens.len() {
            i += 1;
            tokens[i - 1]
        } else {
            "seconds"
        };
        let (whole, frac) = (value.trunc(), value.fract());
        match unit_of(unit)? {
            Unit::Years(n) => months += (whole as i64) * 12 * n + (frac * 12.0 * n as f64).round() as i64,
            Unit::Months => {
                months += whole as i64;
                fract_days(frac * 30.0, &mut days, &mut micros);
            }
            Unit::Weeks => {
                days += whole as i64 * 7;
                fract_days(frac * 7.0, &mut days, &mut micros);
            }
            Unit::Days => {
                days += whole as i64;
                micros += (frac * USECS_PER_DAY).round() as i64;
            }
            Unit::Micros(scale) => micros += (value * scale).round() as i64,
        }
    }
    if ago {
        months = -months;
        days = -days;
        micros = -micros;
    }
    Some(format_interval(months, days, micros))
}

/// PostgreSQL's `AdjustFractDays`: whole days, and the rest as time.
fn fract_days(days_value: f64, days: &mut i64, micros: &mut i64) {
    let whole = days_value.trunc();
    *days += whole as i64;
    *micros += ((days_value - whole) * USECS_PER_DAY).round() as i64;
}

enum Unit {
    /// Years, times the number of years the unit holds (10 for a decade).
    Years(i64),
    Months,
    Weeks,
    Days,
    /// A time unit, as its number of microseconds.
    Micros(f64),
}

fn unit_of(word: &str) -> Option<Unit> {
    Some(match word {
        "microsecond" | "microseconds" | "usec" | "usecs" | "us" | "usecond" | "useconds" => Unit::Micros(1.0),
        "millisecond" | "milliseconds" | "msec" | "msecs" | "ms" | "msecond" | "mseconds" => Unit::Micros(1_000.0),
        "second" | "seconds" | "sec" | "secs" | "s" => Unit::Micros(USECS_PER_SEC),
        "minute" | "minutes" | "min" | "mins" | "m" => Unit::Micros(60.0 * USECS_PER_SEC),
        "hour" | "hours" | "hr" | "hrs" | "h" => Unit::Micros(3_600.0 * USECS_PER_SEC),
        "day" | "days" | "d" => Unit::Days,
        "week" | "weeks" | "w" => Unit::Weeks,
        "month" | "months" | "mon" | "mons" => Unit::Months,
        "year" | "years" | "yr" | "yrs" | "y" => Unit::Years(1),
        "decade" | "decades" => Unit::Years(10),
        "century" | "centuries" => Unit::Years(100),
        "millennium" | "millennia" | "millenniums" => Unit::Years(1_000),
        _ => return None,
    })
}

/// `[-]H:MM[:SS[.frac]]` as microseconds.
fn parse_clock(token: &str) -> Option<i64> {
    let (negative, body) = match token.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, token.strip_prefix('+').unwrap_or(token)),
    };
    let parts: Vec<&str> = body.split(':').collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let hours: i64 = parts[0].parse().ok()?;
    let minutes: i64 = parts[1].parse().ok()?;
    let seconds: f64 = match parts.get(2) {
        Some(s) => s.parse().ok()?,
        None => 0.0,
    };
    let total = (hours * 3_600 + minutes * 60) as f64 * USECS_PER_SEC + (seconds * USECS_PER_SEC).round();
    Some(if negative { -(total as i64) } else { total as i64 })
}

/// PostgreSQL's `EncodeInterval` for `IntervalStyle = postgres`: a field after a negative
/// one carries an explicit `+`.
fn format_interval(months: i64, days: i64, micros: i64) -> String {
    let mut out = String::new();
    let mut is_before = false;
    let mut is_zero = true;
    for (value, unit) in [(months / 12, "year"), (months % 12, "mon"), (days, "day")] {
        if value == 0 {
            continue;
        }
        if !is_zero {
            out.push(' ');
        }
        if is_before && value > 0 {
            out.push('+');
        }
        out.push_str(&format!("{value} {unit}{}", if value == 1 { "" } else { "s" }));
        is_before = value < 0;
        is_zero = false;
    }
    if is_zero || micros != 0 {
        if !is_zero {
            out.push(' ');
        }
        if micros < 0 {
            out.push('-');
        } else if is_before {
            out.push('+');
        }
        out.push_str(&format_clock(micros.unsigned_abs()));
    }
    out
}

/// `HH:MM:SS[.frac]`, the fraction without trailing zeros.
fn format_clock(micros: u64) -> String {
    let secs = micros / 1_000_000;
    let frac = micros % 1_000_000;
    let mut out = format!("{:02}:{:02}:{:02}", secs / 3_600, (secs / 60) % 60, secs % 60);
    if frac != 0 {
        let digits = format!("{frac:06}");
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values were read from PostgreSQL 15 (`SELECT '...'::jsonb`).
    #[test]
    fn jsonb_sorts_keys_and_spaces_separators() {
        let j = |s| jsonb_out(s).unwrap();
        assert_eq!(j(r#"{"source": "signup", "tags": []}"#), r#"{"tags": [], "source": "signup"}"#);
        assert_eq!(j(r#"{"b":1,"a":2,"aa":[1,2.50,1e2]}"#), r#"{"a": 2, "b": 1, "aa": [1, 2.50, 100]}"#);
        assert_eq!(j(r#"{"a":1,"a":2}"#), r#"{"a": 2}"#);
        assert_eq!(j(r#""caf\u00e9 \/ \"x\"""#), r#""café / \"x\"""#);
        assert_eq!(j("{}"), "{}");
        assert_eq!(j(" [ ] "), "[]");
        assert_eq!(j("-0"), "0");
        assert_eq!(jsonb_out("{\"a\":}"), None);
    }

    // Expected values were read from PostgreSQL 15 (`SELECT '...'::text[]`).
    #[test]
    fn arrays_print_as_array_out() {
        let text = |s: &str| Some(s.to_owned());
        let a = |s| array_out(s, &text);
        assert_eq!(a("{ a , b }").as_deref(), Some("{a,b}"));
        assert_eq!(a(r#"{"a","b c"}"#).as_deref(), Some(r#"{a,"b c"}"#));
        assert_eq!(a(r#"{a,NULL,"null",""}"#).as_deref(), Some(r#"{a,NULL,"null",""}"#));
        assert_eq!(a("{{a,b},{c,d}}").as_deref(), Some("{{a,b},{c,d}}"));
        assert_eq!(a(r#"{ "it's" }"#).as_deref(), Some("{it's}"));
        assert_eq!(a("{}").as_deref(), Some("{}"));
        assert_eq!(a("{a,,b}"), None);
        let int = |s: &str| s.trim().parse::<i64>().ok().map(|n| n.to_string());
        assert_eq!(array_out("{ 01, 2 }", &int).as_deref(), Some("{1,2}"));
        assert_eq!(array_rename_element("{archived,active}", "archived", "closed").as_deref(), Some("{closed,active}"));
    }

    // Expected values were read from PostgreSQL 15 (`SELECT '...'::interval`).
    #[test]
    fn intervals_print_as_interval_out() {
        let cases = [
            ("30 minutes", "00:30:00"),
            ("1 day", "1 day"),
            ("7 days", "7 days"),
            ("2 weeks", "14 days"),
            ("1 hour 30 minutes", "01:30:00"),
            ("90 seconds", "00:01:30"),
            ("1 day 2 hours", "1 day 02:00:00"),
            ("1.5 hours", "01:30:00"),
            ("1.5 days", "1 day 12:00:00"),
            ("1.5 months", "1 mon 15 days"),
            ("1.5 years", "1 year 6 mons"),
            ("2.7 years", "2 years 8 mons"),
            ("1.1 months", "1 mon 3 days"),
            ("1.5 weeks", "10 days 12:00:00"),
            ("-1 day", "-1 days"),
            ("1 day ago", "-1 days"),
            ("-2 hours", "-02:00:00"),
            ("-1 day 2 hours", "-1 days +02:00:00"),
            ("-1 mon 2 days", "-1 mons +2 days"),
            ("-1 year 2 mons", "-10 mons"),
            ("-1 year -2 mons", "-1 years -2 mons"),
            ("1 day -1 hour", "1 day -01:00:00"),
            ("00:30:00", "00:30:00"),
            ("1:30", "01:30:00"),
            ("1 day 00:30", "1 day 00:30:00"),
            ("36 months", "3 years"),
            ("1 decade", "10 years"),
            ("0", "00:00:00"),
            ("1.25 seconds", "00:00:01.25"),
            ("500 milliseconds", "00:00:00.5"),
            ("10 min", "00:10:00"),
            ("@ 1 day", "1 day"),
            ("100 hours", "100:00:00"),
        ];
        for (input, expected) in cases {
            assert_eq!(interval_out(input).as_deref(), Some(expected), "{input}");
        }
        assert_eq!(interval_out("P1D"), None);
        assert_eq!(time_out("12:00").as_deref(), Some("12:00:00"));
        assert_eq!(time_out("9:05:30.500").as_deref(), Some("09:05:30.5"));
        assert_eq!(time_out("noon"), None);
        assert_eq!(interval_out("1 fortnight"), None);
    }
}
