//! Escaping for text written into HTML and Markdown outputs. Names, place names and
//! record text come from partners' systems and may hold markup; in a report opened on a
//! secure network a stray `<script>` or a Markdown link to an outside address must show
//! as text and do nothing.

/// Escapes text for HTML element content and quoted attribute values: `& < > " '`.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
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
