//! Writing delimited text (RFC 4180 quoting), used by the sample generator, CSV exports and tests.

/// Appends one record and a `\n` to `out`, quoting fields that need it.
pub fn write_record<S: AsRef<str>>(out: &mut String, fields: &[S], delimiter: char) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(delimiter);
        }
        write_field(out, field.as_ref(), delimiter);
    }
    out.push('\n');
}

/// Appends one field, quoted when it contains the delimiter, a quote, a line break or edge spaces.
pub fn write_field(out: &mut String, field: &str, delimiter: char) {
    let needs_quotes = field.contains(|c: char| c == delimiter || c == '"' || c == '\n' || c == '\r')
        || field.starts_with(' ')
        || field.ends_with(' ');
    if needs_quotes {
        out.push('"');
        for c in field.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        let mut out = String::new();
        write_record(&mut out, &["a", "b,c", "say \"hi\"", "two\nlines", "¥1,234.50"], ',');
        assert_eq!(out, "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\"¥1,234.50\"\n");
    }
}
