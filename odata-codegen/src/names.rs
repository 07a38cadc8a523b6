//! Rust names for OData names, and the conversions the derive applies back (they must agree:
//! `rename` is written only when the derive's default would not give the OData name back).

/// Keywords that can be written as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const PLAIN_KEYWORDS: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Whether `s` is an OData SimpleIdentifier (letters, digits, `_`; not starting with a digit).
pub fn is_simple_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
        && s.chars().count() <= 128
}

/// The derive's snake_case (operation method names): `getActiveKey` -> `get_active_key`.
pub fn snake_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    let mut previous_lower = false;
    for c in s.chars() {
        if c.is_uppercase() {
            if previous_lower {
                out.push('_');
            }
            out.extend(c.to_lowercase());
            previous_lower = false;
        } else {
            out.push(c);
            previous_lower = c.is_lowercase() || c.is_ascii_digit();
        }
    }
    out
}

/// The derive's default OData name of a field: `key_id` -> `keyId`, `type_` -> `type`.
pub fn lower_camel(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, part) in s.split('_').filter(|p| !p.is_empty()).enumerate() {
        if i == 0 {
            out.push_str(&lower_first(part));
        } else {
            let mut chars = part.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        }
    }
    out
}

/// The derive's default OData name of a type or enum member: the Rust name, first letter
/// lowered.
pub fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// UpperCamelCase for types and variants: `user` -> `User`, `ipv4_range` -> `Ipv4Range`.
pub fn upper_camel(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut upper = true;
    for c in s.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'T');
    }
    out
}

/// A field or method identifier for an OData name: snake_case, keywords written raw
/// (`r#type`) or, where Rust has no raw form, with a trailing `_` (`self_`).
pub fn field_ident(odata: &str) -> String {
    let mut snake = snake_case(odata);
    if snake.starts_with(|c: char| c.is_ascii_digit()) {
        snake.insert(0, '_');
    }
    keyword_safe(snake)
}

/// `type` -> `r#type`, `self` -> `self_`, anything else unchanged.
pub fn keyword_safe(ident: String) -> String {
    if RAW_KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else if PLAIN_KEYWORDS.contains(&ident.as_str()) {
        format!("{ident}_")
    } else {
        ident
    }
}

/// Whether the identifier is a Rust keyword (raw or not).
pub fn is_keyword(ident: &str) -> bool {
    RAW_KEYWORDS.contains(&ident) || PLAIN_KEYWORDS.contains(&ident)
}

/// The identifier without `r#`.
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// A module name for a namespace segment: `callRecords` -> `call_records`.
pub fn module_ident(segment: &str) -> String {
    field_ident(segment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions_round_trip_or_need_rename() {
        assert_eq!(field_ident("displayName"), "display_name");
        assert_eq!(lower_camel("display_name"), "displayName");
        assert_eq!(field_ident("type"), "r#type");
        assert_eq!(field_ident("self"), "self_");
        assert_eq!(lower_camel(unraw(&field_ident("self"))), "self");
        assert_eq!(field_ident("ipV4Address"), "ip_v4_address");
        assert_eq!(lower_camel("ip_v4_address"), "ipV4Address");
        // Upper-case runs do not come back: these need a rename.
        assert_eq!(field_ident("URL"), "url");
        assert_ne!(lower_camel("url"), "URL");
        assert_eq!(upper_camel("user"), "User");
        assert_eq!(upper_camel("_x"), "X");
        assert_eq!(upper_camel("3d"), "T3d");
    }
}
