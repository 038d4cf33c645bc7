//! Escaping for text written into HTML and Markdown outputs. Names, place names and
//! record text come from partners' systems and may hold markup; in a report opened on a
//! secure network a stray `<script>` or a Markdown link to an outside address must show
//! as text and do nothing.

use crate::plumbing::controls::{is_hidden_control, visible_control};

/// Escapes text for XML 1.0 element content and quoted attribute values (GraphML):
/// `& < > " '` as entities, tab, line feed and carriage return as character
/// references, and every other control character — which XML 1.0 does not allow at
/// all — as `\u{..}` text.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    xml_into(text, &mut out);
    out
}

/// [`xml`], appended to `out` (for writers that build a line at a time).
pub fn xml_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\u{FFFE}' | '\u{FFFF}' => visible_control(c, out),
            c if is_hidden_control(c) => visible_control(c, out),
            _ => out.push(c),
        }
    }
}

/// A writer for the terminal that shows control bytes as `\u{..}` (C0 but tab and line
/// feed, DEL, and C1 controls in UTF-8), so no name or value in the data can send an
/// escape sequence to the user's terminal.
#[derive(Debug)]
pub struct Terminal<W: std::io::Write> {
    inner: W,
    /// A 0xC2 byte seen at the end of the last write: it may start a C1 control.
    pending: bool,
}

impl<W: std::io::Write> Terminal<W> {
    /// Wraps a writer.
    pub fn new(inner: W) -> Self {
        Terminal {
            inner,
            pending: false,
        }
    }
}

impl<W: std::io::Write> std::io::Write for Terminal<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut out = Vec::with_capacity(buf.len());
        let mut shown = String::new();
        for &b in buf {
            if self.pending {
                self.pending = false;
                if (0x80..=0x9F).contains(&b) {
                    shown.clear();
                    visible_control(char::from(b), &mut shown);
                    out.extend_from_slice(shown.as_bytes());
                    continue;
                }
                out.push(0xC2);
            }
            match b {
                0xC2 => self.pending = true,
                b'\n' | b'\t' => out.push(b),
                0x00..=0x1F | 0x7F => {
                    shown.clear();
                    visible_control(char::from(b), &mut shown);
                    out.extend_from_slice(shown.as_bytes());
                }
                _ => out.push(b),
            }
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.pending {
            self.pending = false;
            self.inner.write_all(&[0xC2])?;
        }
        self.inner.flush()
    }
}

impl<W: std::io::Write> Drop for Terminal<W> {
    fn drop(&mut self) {
        let _ = std::io::Write::flush(self);
    }
}

/// Escapes text for HTML element content and quoted attribute values: `& < > " '`, and
/// hidden controls as `\u{..}`.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if is_hidden_control(c) => visible_control(c, &mut out),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text for Markdown (CommonMark and GitHub's extensions) placed inline — after
/// a list marker or a table pipe, never at the start of a line, which is how every
/// renderer here uses it: the characters that open emphasis, code, links, images,
/// tables and strikethrough are backslash-escaped, `<` and `&` become entities where
/// they could open a tag or an entity (no raw HTML or autolink survives), `://` and `www.` are broken so no bare address turns
/// into a link, and line breaks become spaces (text cannot start a block of its own).
/// `<` is an entity only where it could open a tag, and `&` only where it could open an
/// entity, so `<5` reads as written.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        let rest = &text[i + c.len_utf8()..];
        match c {
            // `<` opens raw HTML or an autolink only before a letter, `/`, `!` or `?`
            // (CommonMark 6.5, 6.6); `<5` stays readable.
            '<' if rest
                .chars()
                .next()
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')) =>
            {
                out.push_str("&lt;")
            }
            // `&` is markup only as an entity, `&name;` or `&#123;`: "B&B" stays as it is.
            '&' if opens_entity(rest) => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_hidden_control(c) => visible_control(c, &mut out),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out.replace("://", ":\\/\\/").replace("www.", "www\\.")
}

/// Whether text after an `&` would make it an entity reference: `name;` or `#digits;`.
fn opens_entity(rest: &str) -> bool {
    let body: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .take(33)
        .collect();
    !body.is_empty() && rest[body.len()..].starts_with(';')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plumbing::controls::controls;

    #[test]
    fn control_characters_are_shown_never_acted_on() {
        let name = "Hotel\u{1b}[2J\u{7}\u{202E}lan";
        assert_eq!(controls(name), "Hotel\\u{1B}[2J\\u{7}\\u{202E}lan");
        assert_eq!(controls("plain name"), "plain name");
        let x = xml("a\u{1}b<&\n");
        assert_eq!(x, "a\\u{1}b&lt;&amp;&#10;");
        assert!(!markdown("a\u{1b}b").contains('\u{1b}'));
        assert!(!html("a\u{1b}b").contains('\u{1b}'));
        let mut buf = Vec::new();
        {
            use std::io::Write;
            let mut t = Terminal::new(&mut buf);
            t.write_all("x\u{1b}[31my\u{9b}z é\n".as_bytes())
                .expect("write");
            // A C1 control split across two writes.
            t.write_all(&[0xC2]).expect("write");
            t.write_all(&[0x9B, b'!']).expect("write");
        }
        assert_eq!(
            String::from_utf8(buf).expect("utf-8"),
            "x\\u{1B}[31my\\u{9B}z é\n\\u{9B}!"
        );
    }

    #[test]
    fn html_markup_becomes_text() {
        assert_eq!(
            html(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(html("Station Hotel"), "Station Hotel");
    }

    #[test]
    fn markdown_markup_becomes_text() {
        assert_eq!(
            markdown("[click](http://evil.example) <img src=x> | *bold*\n# heading www.x.org"),
            "\\[click\\](http:\\/\\/evil.example) &lt;img src=x> \\| \\*bold\\* # heading www\\.x.org"
        );
        assert_eq!(markdown("2026-03-14 21:30"), "2026-03-14 21:30");
        assert_eq!(markdown("snake_case"), "snake\\_case");
        assert_eq!(markdown("<5 & <c>"), "<5 & &lt;c>");
        assert_eq!(markdown("&amp;"), "&amp;amp;");
        assert_eq!(markdown("B&B"), "B&B");
        assert_eq!(markdown("&#60;script"), "&amp;#60;script");
        assert_eq!(markdown("Tulse Road"), "Tulse Road");
    }
}
