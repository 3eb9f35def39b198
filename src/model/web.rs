//! Web addresses: the `qr:` a QR code encodes, and the brand's `website:`, printed in every
//! footer and linked from it.
//!
//! Both are refused inside serde (`try_from = "String"`, so serde_yaml locates the value)
//! unless they lead to a web page: `http://` or `https://`, a host, and no spaces or control
//! characters. A `javascript:` or `file:` link on a patient handout would run or open
//! something other than a page; a space makes a QR code that phones do not open.

use std::fmt;

use serde::{Deserialize, Serialize, Serializer};

/// A web page's whole address: `http://` or `https://`, a host, then a path without spaces
/// or control characters. What a QR code encodes and a link points to.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct WebAddress {
    text: String,
}

impl WebAddress {
    /// Checks `text` (surrounding spaces aside) is a whole web address.
    pub fn parse(text: &str) -> Result<WebAddress, WebAddressError> {
        let text = text.trim();
        let fail = |kind| WebAddressError::new(text, kind);
        check_characters(text).map_err(fail)?;
        let Some((scheme, rest)) = split_scheme(text) else {
            return Err(fail(Problem::NoScheme));
        };
        check_after_scheme(scheme, rest).map_err(fail)?;
        Ok(WebAddress {
            text: text.to_string(),
        })
    }

    /// The address as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// The clinic's website as the brand file writes it for print: bare (`greenleafclinic.example`,
/// `example.org/path`) or whole (`https://…`), never with another scheme. Its link target is
/// the whole address, `https://` added to a bare one.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct Website {
    printed: String,
    link: WebAddress,
}

impl Website {
    /// Checks `text` (surrounding spaces aside) is a website, bare or whole.
    pub fn parse(text: &str) -> Result<Website, WebAddressError> {
        let text = text.trim();
        let fail = |kind| WebAddressError::new(text, kind);
        check_characters(text).map_err(fail)?;
        let link = match split_scheme(text) {
            Some(_) => WebAddress::parse(text)?,
            None => {
                check_host(text, true).map_err(fail)?;
                WebAddress {
                    text: format!("https://{text}"),
                }
            }
        };
        Ok(Website {
            printed: text.to_string(),
            link,
        })
    }

    /// As written in the brand file, for print.
    pub fn printed(&self) -> &str {
        &self.printed
    }

    /// The whole address, for a link.
    pub fn link(&self) -> &WebAddress {
        &self.link
    }
}

/// Why a text is not a web address, and the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebAddressError {
    text: String,
    problem: Problem,
}

/// What is wrong with a text meant as a web address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Empty,
    /// A space, or another white-space character.
    Space(char),
    /// A control or invisible formatting character (a tab, a right-to-left override).
    Control(char),
    /// A scheme other than `http` and `https`: `javascript`, `mailto`, `file`.
    Scheme(String),
    /// No scheme where a whole address is needed (a QR code).
    NoScheme,
    /// `https:` without the `//` before the host.
    NoSlashes,
    NoHost,
    /// Not a host name: a stray character, an empty label, a bare name without a dot.
    BadHost(String),
}

impl WebAddressError {
    fn new(text: &str, problem: Problem) -> Self {
        WebAddressError {
            text: text.to_string(),
            problem,
        }
    }

    pub fn problem(&self) -> &Problem {
        &self.problem
    }
}

impl fmt::Display for WebAddressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.problem == Problem::Empty {
            return f.write_str("invalid web address: it is empty");
        }
        // The value is quoted as written, so the YAML error can be placed at it; only
        // characters a terminal would act on are escaped.
        write!(f, "invalid web address `{}`: ", visible(&self.text))?;
        match &self.problem {
            Problem::Empty => Ok(()),
            Problem::Space(' ') => {
                f.write_str("it holds a space, which a web address cannot (in a path, write `%20`)")
            }
            Problem::Space(c) => write!(f, "it holds a space (U+{:04X})", u32::from(*c)),
            Problem::Control(c) => write!(
                f,
                "it holds an invisible or control character (U+{:04X})",
                u32::from(*c)
            ),
            Problem::Scheme(s) => write!(
                f,
                "`{s}:` does not lead to a web page; use an address starting with `https://`"
            ),
            Problem::NoScheme => {
                f.write_str("a QR code needs the whole address, starting with `https://`")
            }
            Problem::NoSlashes => f.write_str("expected `//` after the scheme, as in `https://`"),
            Problem::NoHost => {
                f.write_str("it has no host name, such as `greenleafclinic.example`")
            }
            Problem::BadHost(h) => write!(
                f,
                "`{}` is not a host name such as `greenleafclinic.example`",
                visible(h)
            ),
        }
    }
}

/// Control and invisible formatting characters: refused anywhere in an address.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// `text` with control and invisible characters written as `\u{…}`.
fn visible(text: &str) -> String {
    text.chars()
        .map(|c| match is_invisible(c) {
            true => format!("\\u{{{:x}}}", u32::from(c)),
            false => c.to_string(),
        })
        .collect()
}

fn check_characters(text: &str) -> Result<(), Problem> {
    if text.is_empty() {
        return Err(Problem::Empty);
    }
    match text.chars().find(|&c| is_invisible(c) || c.is_whitespace()) {
        Some(c) if is_invisible(c) => Err(Problem::Control(c)),
        Some(c) => Err(Problem::Space(c)),
        None => Ok(()),
    }
}

/// The scheme and what follows its colon, if `text` starts with one. A name with a dot before
/// the first colon is a host and port (`example.org:8080`), not a scheme.
fn split_scheme(text: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = text.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let scheme_like = first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-'));
    scheme_like.then_some((scheme, rest))
}

/// After `scheme:`: the scheme must be `http` or `https`, then `//` and a host.
fn check_after_scheme(scheme: &str, rest: &str) -> Result<(), Problem> {
    if !["http", "https"]
        .iter()
        .any(|s| scheme.eq_ignore_ascii_case(s))
    {
        return Err(Problem::Scheme(scheme.to_string()));
    }
    let after = rest.strip_prefix("//").ok_or(Problem::NoSlashes)?;
    check_host(after, false)
}

/// The host at the start of `text` (up to a `/`, `?` or `#`), with an optional port: labels
/// of letters, digits and hyphens joined by dots, or a bracketed IPv6 address. A bare
/// website (`need_dot`) must have a dot: `clinic` alone is no address anyone can type.
fn check_host(text: &str, need_dot: bool) -> Result<(), Problem> {
    let authority = text.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() {
        return Err(Problem::NoHost);
    }
    let bad = || Problem::BadHost(authority.to_string());
    let host = strip_port(authority).ok_or_else(bad)?;
    let ok = match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(ipv6) => {
            !ipv6.is_empty()
                && ipv6
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() || ":.".contains(c))
        }
        None => host.split('.').all(is_label) && (!need_dot || host.contains('.')),
    };
    if ok {
        Ok(())
    } else {
        Err(bad())
    }
}

/// The host of `host[:port]`; `None` when the port is not one to five digits.
fn strip_port(authority: &str) -> Option<&str> {
    // An IPv6 address holds colons of its own: a port comes after its `]`.
    let colon = match authority.rfind(']') {
        Some(end) => authority[end..].find(':').map(|i| end + i),
        None => authority.find(':'),
    };
    let Some(at) = colon else {
        return Some(authority);
    };
    let port = &authority[at + 1..];
    let digits = (1..=5).contains(&port.len()) && port.bytes().all(|b| b.is_ascii_digit());
    digits.then_some(&authority[..at])
}

/// One dot-separated part of a host name: letters (any script) and digits, hyphens inside.
fn is_label(label: &str) -> bool {
    !label.is_empty()
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label.chars().all(|c| c.is_alphanumeric() || c == '-')
}

impl TryFrom<String> for WebAddress {
    type Error = WebAddressError;

    fn try_from(s: String) -> Result<Self, WebAddressError> {
        WebAddress::parse(&s)
    }
}

impl TryFrom<String> for Website {
    type Error = WebAddressError;

    fn try_from(s: String) -> Result<Self, WebAddressError> {
        Website::parse(&s)
    }
}

impl fmt::Display for WebAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Display for Website {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.printed)
    }
}

// As written, so the JSON Schema shows defaults and a value reads back as it was given.
impl Serialize for WebAddress {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl Serialize for Website {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.printed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn qr_problem(text: &str) -> Problem {
        WebAddress::parse(text).unwrap_err().problem
    }

    fn website_problem(text: &str) -> Problem {
        Website::parse(text).unwrap_err().problem
    }

    #[test]
    fn whole_web_addresses_parse_as_written() {
        for text in [
            "https://greenleafclinic.example/leaky-gut",
            "http://example.org",
            "HTTPS://Example.org:8443/a?b=c#d",
            "https://[2001:db8::1]:8080/x",
            "https://clínica.example/ñ",
            "https://localhost/",
        ] {
            assert_eq!(
                WebAddress::parse(text).map(|a| a.to_string()),
                Ok(text.into())
            );
        }
        assert_eq!(
            WebAddress::parse("  https://example.org  ").map(|a| a.to_string()),
            Ok("https://example.org".into())
        );
    }

    #[test]
    fn a_qr_address_must_be_a_whole_web_address() {
        assert_eq!(
            qr_problem("javascript:alert(1)"),
            Problem::Scheme("javascript".into())
        );
        assert_eq!(
            qr_problem("JavaScript:alert('a.b')"),
            Problem::Scheme("JavaScript".into())
        );
        assert_eq!(
            qr_problem("mailto:a@example.org"),
            Problem::Scheme("mailto".into())
        );
        assert_eq!(
            qr_problem("file:///etc/passwd"),
            Problem::Scheme("file".into())
        );
        assert_eq!(
            qr_problem("data:text/html,x"),
            Problem::Scheme("data".into())
        );
        assert_eq!(qr_problem("greenleafclinic.example/x"), Problem::NoScheme);
        assert_eq!(qr_problem("https:example.org"), Problem::NoSlashes);
        assert_eq!(qr_problem("https://"), Problem::NoHost);
        assert_eq!(qr_problem("https:///path"), Problem::NoHost);
        assert_eq!(qr_problem(""), Problem::Empty);
        assert_eq!(qr_problem("   "), Problem::Empty);
    }

    #[test]
    fn spaces_and_control_characters_are_refused_anywhere() {
        assert_eq!(qr_problem("https://example.org/a b"), Problem::Space(' '));
        assert_eq!(
            qr_problem("https://example.org/a\u{a0}b"),
            Problem::Space('\u{a0}')
        );
        assert_eq!(
            qr_problem("https://example.org/\tb"),
            Problem::Control('\t')
        );
        assert_eq!(
            qr_problem("https://exa\u{202e}mple.org"),
            Problem::Control('\u{202e}')
        );
        assert_eq!(
            qr_problem("https://exa\u{200b}mple.org"),
            Problem::Control('\u{200b}')
        );
        assert_eq!(website_problem("green leaf.example"), Problem::Space(' '));
        assert_eq!(
            website_problem("example.org/\u{7}"),
            Problem::Control('\u{7}')
        );
    }

    #[test]
    fn hosts_are_host_names() {
        let bad = |h: &str| Problem::BadHost(h.into());
        assert_eq!(
            qr_problem("https://user@evil.example/"),
            bad("user@evil.example")
        );
        assert_eq!(qr_problem("https://example..org"), bad("example..org"));
        assert_eq!(qr_problem("https://-example.org"), bad("-example.org"));
        assert_eq!(
            qr_problem("https://example.org:http"),
            bad("example.org:http")
        );
        assert_eq!(
            qr_problem("https://example.org:123456"),
            bad("example.org:123456")
        );
        assert_eq!(qr_problem("https://[zz]/"), bad("[zz]"));
        assert_eq!(qr_problem("https://a_b.example"), bad("a_b.example"));
    }

    #[test]
    fn a_website_may_be_bare_for_print_and_links_with_https() {
        for (text, link) in [
            ("greenleafclinic.example", "https://greenleafclinic.example"),
            ("example.org/path", "https://example.org/path"),
            ("example.org:8080/x", "https://example.org:8080/x"),
            ("http://example.org", "http://example.org"),
            ("https://example.org/a", "https://example.org/a"),
        ] {
            let site = Website::parse(text).unwrap();
            assert_eq!(site.printed(), text);
            assert_eq!(site.link().as_str(), link);
        }
    }

    #[test]
    fn a_website_has_no_other_scheme_and_a_dotted_host() {
        assert_eq!(
            website_problem("javascript:alert(1)"),
            Problem::Scheme("javascript".into())
        );
        assert_eq!(
            website_problem("ftp://example.org"),
            Problem::Scheme("ftp".into())
        );
        assert_eq!(website_problem("clinic"), Problem::BadHost("clinic".into()));
        assert_eq!(website_problem("/path"), Problem::NoHost);
        assert_eq!(
            website_problem("a,b.example"),
            Problem::BadHost("a,b.example".into())
        );
    }

    #[test]
    fn messages_quote_the_value_and_say_what_to_do() {
        let message = |text: &str| WebAddress::parse(text).unwrap_err().to_string();
        assert_eq!(
            message("javascript:alert(1)"),
            "invalid web address `javascript:alert(1)`: `javascript:` does not lead to a web \
             page; use an address starting with `https://`"
        );
        assert_eq!(
            message("https://example.org/a b"),
            "invalid web address `https://example.org/a b`: it holds a space, which a web \
             address cannot (in a path, write `%20`)"
        );
        assert_eq!(
            message("https://a\u{202e}b.org"),
            "invalid web address `https://a\\u{202e}b.org`: it holds an invisible or control \
             character (U+202E)"
        );
        assert_eq!(message(""), "invalid web address: it is empty");
        assert_eq!(
            message("example.org"),
            "invalid web address `example.org`: a QR code needs the whole address, starting \
             with `https://`"
        );
    }

    #[test]
    fn values_serialise_as_written() {
        let site = Website::parse("greenleafclinic.example").unwrap();
        assert_eq!(
            serde_json::to_string(&site).unwrap(),
            "\"greenleafclinic.example\""
        );
        let qr = WebAddress::parse("https://example.org/x").unwrap();
        assert_eq!(
            serde_json::to_string(&qr).unwrap(),
            "\"https://example.org/x\""
        );
    }
}
