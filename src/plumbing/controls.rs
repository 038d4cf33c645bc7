//! Control characters shown, never acted on: a name or value from a partner's system
//! may hold terminal escape sequences or bidirectional overrides.

/// How a control character is shown in text outputs: `\u{1B}` for ESC, so it can be
/// seen and does nothing (a terminal would act on an escape sequence; XML 1.0 forbids
/// most control characters outright).
pub fn visible_control(c: char, out: &mut String) {
    use std::fmt::Write;
    let _ = write!(out, "\\u{{{:X}}}", u32::from(c));
}

/// Whether `c` is a control character that text outputs show as [`visible_control`]:
/// every C0 control but tab and line feed, DEL, every C1 control, and the
/// bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) that can make a
/// name display as something else.
pub fn is_hidden_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Text with every hidden control ([`is_hidden_control`]) shown as `\u{..}`; for
/// terminal output, CSV cells and anything else that is not HTML, Markdown or XML
/// (which escape them too).
pub fn controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_hidden_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden_control(c) {
            visible_control(c, &mut out);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown() {
        assert_eq!(controls("a\u{1b}b\tc\n"), "a\\u{1B}b\tc\n");
        assert!(is_hidden_control('\u{202E}'));
        assert!(!is_hidden_control('\t'));
    }
}
