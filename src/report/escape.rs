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

/// Escapes text for Markdown (CommonMark): every ASCII punctuation character that can
/// start or end markup is backslash-escaped, `<` and `>` become entities (so no raw HTML
/// or autolink survives), and line breaks become spaces (so text cannot open a heading,
/// list or table row of its own). Safe inside table cells (`|` is escaped).
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '.'
            | '!' | '|' | '~' | '"' | '\'' | '=' | '@' | ':' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
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
            markdown("[click](http://evil.example) <img src=x> | *bold*\n# heading"),
            "\\[click\\]\\(http\\://evil\\.example\\) &lt;img src\\=x&gt; \\| \\*bold\\* \\# heading"
        );
        assert_eq!(markdown("Tulse Road"), "Tulse Road");
    }
}
