//! How the option checks write their messages: [`Words`], which adds
//! words, quoted texts and numbers to a message in place, without
//! `core::fmt` (whose `format!` the wasm module then need not have for
//! them); and the whitespace that a setting's text may have around it.

use alloc::string::String;

use crate::options::Hundredths;

/// A message as it is written: its words, quoted texts and numbers, each
/// added in place by one function (the wasm module has one copy of each,
/// and neither `core::fmt` nor a `String` for each part).
#[derive(Default)]
pub(crate) struct Words(String);

impl Words {
    /// `words` as they are.
    #[inline(never)]
    pub(crate) fn and(&mut self, words: &str) -> &mut Words {
        self.0.push_str(words);
        self
    }

    /// `s` in double quotes, as `JSON.stringify` writes it (near enough:
    /// quotes, backslashes and line breaks escaped).
    #[inline(never)]
    pub(crate) fn quoted(&mut self, s: &str) -> &mut Words {
        self.and("\"");
        // By bytes: what is escaped is ASCII, which no byte of another character is.
        let mut plain = 0;
        for (i, b) in s.bytes().enumerate() {
            let escaped = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                _ => continue,
            };
            self.and(s.get(plain..i).unwrap_or_default()).and(escaped);
            plain = i + 1;
        }
        self.and(s.get(plain..).unwrap_or_default()).and("\"")
    }

    /// `n` in decimal.
    #[inline(never)]
    pub(crate) fn number(&mut self, n: u64) -> &mut Words {
        if n >= 10 {
            self.number(n / 10);
        }
        let digit = (n % 10) as usize;
        self.and("0123456789".get(digit..digit + 1).unwrap_or_default())
    }

    /// `n` as JS writes the number: `0.25`, `0.1`, `1`, `0.05`.
    pub(crate) fn hundredths(&mut self, n: Hundredths) -> &mut Words {
        self.number(u64::from(n.0 / 100));
        let cents = n.0 % 100;
        if cents > 0 {
            self.and(".").number(u64::from(cents / 10));
            if cents % 10 > 0 {
                self.number(u64::from(cents % 10));
            }
        }
        self
    }

    /// The message.
    pub(crate) fn done(&mut self) -> String {
        core::mem::take(&mut self.0)
    }
}

/// `"an integer from {min} to {max}"`, for an option or an item of a list.
pub(crate) fn integer_from(min: u64, max: u64) -> String {
    Words::default().and("an integer from ").number(min).and(" to ").number(max).done()
}

/// Unicode's `White_Space` characters, which `char::is_whitespace` tells
/// (a test checks that the two agree on every character), as text.
const WHITESPACE: [&str; 25] = [
    "\t", "\n", "\u{b}", "\u{c}", "\r", " ", "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}", "\u{2001}", "\u{2002}", "\u{2003}", "\u{2004}",
    "\u{2005}", "\u{2006}", "\u{2007}", "\u{2008}", "\u{2009}", "\u{200a}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}",
];

/// `text.trim()`, by comparing its ends with the whitespace's bytes: `trim`
/// decodes characters and looks each up in core's Unicode tables, 0.6 KB
/// of the wasm module raw. (A character's bytes begin and end with a whole
/// character's, as UTF-8 has it.)
pub(crate) fn trim(mut text: &str) -> &str {
    while let Some(rest) = WHITESPACE.iter().find_map(|blank| text.strip_prefix(blank)) {
        text = rest;
    }
    while let Some(rest) = WHITESPACE.iter().find_map(|blank| text.strip_suffix(blank)) {
        text = rest;
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_is_unicodes() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let mut bytes = [0; 4];
            let text: &str = c.encode_utf8(&mut bytes);
            assert_eq!(WHITESPACE.contains(&text), c.is_whitespace(), "{c:?}");
        }
        for text in ["", " ", "12", " 12 ", "\u{a0}1 2\u{3000}", "é ", " \t\né\u{85}", "a\u{2028}", "\u{2028}\u{2029}"] {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
    }

    #[test]
    fn numbers_and_quotes_are_written_as_js_writes_them() {
        let written = |n| Words::default().number(n).done();
        assert_eq!([written(0), written(7), written(10), written(u64::MAX)], ["0", "7", "10", "18446744073709551615"]);
        let hundredths = |n| Words::default().hundredths(Hundredths(n)).done();
        assert_eq!([hundredths(5), hundredths(10), hundredths(25), hundredths(400)], ["0.05", "0.1", "0.25", "4"]);
        assert_eq!(Words::default().quoted("a \"b\"\\\n\r\té").done(), r#""a \"b\"\\\n\r\té""#);
    }
}
