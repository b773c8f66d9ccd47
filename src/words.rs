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

/// `char::is_whitespace` (Unicode's `White_Space`), as a list: `str::trim`
/// looks each character up in core's Unicode tables, 0.4 KB of the wasm
/// module gzipped. A test checks that the two agree on every character.
pub(crate) fn is_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r' | ' ' | '\u{85}' | '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_is_unicodes() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_whitespace(c), c.is_whitespace(), "{c:?}");
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
