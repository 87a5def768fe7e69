//! Saved web pages: the article's own text, title, date and address.
//!
//! - Text: the `itemprop=articleBody` element, else the `<article>` (or `<main>`)
//!   with the most paragraph text, else the element holding the most `<p>`
//!   text. Inside it, `nav`, `header`, `footer`, `aside`, `form`, `figure`,
//!   scripts, styles and elements whose class or id says share, social,
//!   related, cookie, comment, newsletter, breadcrumb, menu, promo or advert
//!   are left out, and so are lines such as "Back to top" or a copyright.
//!   Block elements become paragraphs separated by a blank line.
//! - Title: `og:title`, else the first `<h1>`, else `<title>`. The `<h1>` is
//!   the headline, so it is not part of the text.
//! - Date: `article:published_time`, other publication meta tags
//!   (`og:published_time`, `pubdate`, `date`, `DC.date.issued`,
//!   `itemprop=datePublished`), JSON-LD `datePublished`, then the first
//!   `<time datetime>`. The date part of an ISO date-time is kept.
//! - Source: `<link rel=canonical>`, else `og:url`.
//! - Charset: a byte-order mark, else the charset a caller knows (a WARC's HTTP
//!   header), else `<meta charset>` or `http-equiv=content-type`, else UTF-8.
//!   Bytes invalid in the charset become U+FFFD, as a browser shows them.

use std::path::Path;
use std::sync::LazyLock;

use chrono::NaiveDate;
use encoding_rs::{Encoding, UTF_8};
use regex::bytes::Regex as BytesRegex;
use scraper::{ElementRef, Html, Node, Selector};

use crate::article::detect_lang;
use crate::error::{Error, Location};
use crate::Article;

/// Subtrees that are never article text.
const SKIP_TAGS: [&str; 16] = [
    "nav", "header", "footer", "aside", "form", "figure", "script", "style", "noscript", "template", "svg",
    "iframe", "button", "select", "h1", "head",
];

/// Words in a class or id that mark page furniture rather than the article.
const SKIP_MARKS: [&str; 14] = [
    "share", "social", "related", "cookie", "comment", "newsletter", "breadcrumb", "menu", "promo", "advert",
    "subscribe", "sidebar", "banner", "recommend",
];

/// Elements that end a paragraph.
const BLOCK_TAGS: [&str; 20] = [
    "p", "div", "section", "article", "main", "li", "ul", "ol", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "pre", "table", "tr", "br", "dd", "dt",
];

/// Whole lines that are furniture wherever they appear.
static FURNITURE_LINE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)^(back to top|share( this( article)?)?|print|read more|advertisement|подписывайтесь.*|наверх|поделиться)$|©|\(c\) \d{4}|all rights reserved|все права защищены",
    )
    .expect("a valid regex")
});

static META_CHARSET: LazyLock<BytesRegex> = LazyLock::new(|| {
    BytesRegex::new(r#"(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_\-:.]+)"#).expect("a valid regex")
});

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("a valid selector")
}

/// Reads a web page into an article whose id is `path`'s stem. `charset` is
/// what a transport said (a WARC's HTTP header), if anything.
pub fn parse_html(path: &Path, bytes: &[u8], charset: Option<&str>) -> Result<Article, Error> {
    let text = decode_html(path, bytes, charset)?;
    let page = Html::parse_document(&text);
    let body = article_text(&page);
    if body.trim().is_empty() {
        return Err(Error::parse(
            Location::file(path),
            "no article text found in the page (no paragraphs outside navigation, headers and footers)",
        ));
    }
    let lang = page
        .select(&selector("html[lang]"))
        .next()
        .and_then(|h| h.value().attr("lang"))
        .map(|l| l.trim().to_ascii_lowercase())
        .filter(|l| l.starts_with("en") || l.starts_with("ru"))
        .map(|l| l[..2].to_string())
        .unwrap_or_else(|| detect_lang(&body).to_string());
    Ok(Article {
        id: super::file_stem(path),
        title: title(&page),
        published: published(&page),
        source: source(&page),
        lang,
        text: body,
        origin: Default::default(),
    })
}

fn decode_html(path: &Path, bytes: &[u8], charset: Option<&str>) -> Result<String, Error> {
    if let Some(at) = bytes[..bytes.len().min(8192)].iter().position(|&b| b == 0)
        && Encoding::for_bom(bytes).is_none()
    {
        return Err(Error::parse(
            Location { path: path.to_path_buf(), line: None, byte: Some(at) },
            "binary data (a NUL byte), expected an HTML page",
        ));
    }
    let declared = || {
        let head = &bytes[..bytes.len().min(4096)];
        META_CHARSET.captures(head).and_then(|c| Encoding::for_label(&c[1]))
    };
    let encoding = charset.and_then(|c| Encoding::for_label(c.trim().as_bytes())).or_else(declared).unwrap_or(UTF_8);
    // `decode` honours a byte-order mark over the label.
    let (text, _, _) = encoding.decode(bytes);
    Ok(text.into_owned())
}

/// The main text as paragraphs separated by blank lines.
fn article_text(page: &Html) -> String {
    let container = container(page);
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    if let Some(root) = container {
        collect(root, &mut current, &mut paragraphs);
    }
    flush(&mut current, &mut paragraphs);
    paragraphs.join("\n\n")
}

fn container(page: &Html) -> Option<ElementRef<'_>> {
    if let Some(body) = page.select(&selector("[itemprop=articleBody]")).find(|e| !skipped(e)) {
        return Some(body);
    }
    let p = selector("p");
    let p_text = |e: &ElementRef| -> usize { e.select(&p).map(|p| p.text().map(str::len).sum::<usize>()).sum() };
    for css in ["article", "main, [role=main]"] {
        let best = page.select(&selector(css)).filter(|e| !skipped(e)).max_by_key(|e| p_text(e));
        if let Some(best) = best.filter(|e| p_text(e) > 0) {
            return Some(best);
        }
    }
    // The element whose own paragraphs hold the most text.
    let mut best: Option<(usize, ElementRef)> = None;
    for para in page.select(&p) {
        let Some(parent) = para.parent().and_then(ElementRef::wrap) else { continue };
        if para.ancestors().filter_map(ElementRef::wrap).any(|a| skipped(&a)) {
            continue;
        }
        let score: usize = parent.children().filter_map(ElementRef::wrap).filter(|c| c.value().name() == "p").map(|c| c.text().map(str::len).sum::<usize>()).sum();
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, parent));
        }
    }
    best.map(|(_, e)| e).or_else(|| page.select(&selector("body")).next())
}

/// Whether an element is furniture: a skipped tag or a class or id that says so.
fn skipped(e: &ElementRef) -> bool {
    let el = e.value();
    if SKIP_TAGS.contains(&el.name()) {
        return true;
    }
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") || el.attr("role") == Some("navigation") {
        return true;
    }
    let marks = format!("{} {}", el.attr("class").unwrap_or(""), el.attr("id").unwrap_or("")).to_ascii_lowercase();
    SKIP_MARKS.iter().any(|m| marks.contains(m))
}

fn collect(e: ElementRef, current: &mut String, paragraphs: &mut Vec<String>) {
    for child in e.children() {
        match child.value() {
            Node::Text(t) => {
                for word in t.split_whitespace() {
                    if !current.is_empty() && !current.ends_with(' ') {
                        current.push(' ');
                    }
                    current.push_str(word);
                }
                if t.ends_with(char::is_whitespace) && !current.is_empty() {
                    current.push(' ');
                }
            }
            Node::Element(el) => {
                let Some(child) = ElementRef::wrap(child) else { continue };
                if skipped(&child) {
                    continue;
                }
                let block = BLOCK_TAGS.contains(&el.name());
                if block {
                    flush(current, paragraphs);
                }
                collect(child, current, paragraphs);
                if block {
                    flush(current, paragraphs);
                }
            }
            _ => {}
        }
    }
}

fn flush(current: &mut String, paragraphs: &mut Vec<String>) {
    let line = current.trim();
    if !line.is_empty() && !FURNITURE_LINE.is_match(line) {
        paragraphs.push(line.to_string());
    }
    current.clear();
}

fn meta(page: &Html, css: &str) -> Option<String> {
    page.select(&selector(css))
        .filter_map(|m| m.value().attr("content").or_else(|| m.value().attr("datetime")))
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty())
}

fn title(page: &Html) -> String {
    let text = |e: ElementRef| e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
    meta(page, r#"meta[property="og:title"], meta[name="og:title"]"#)
        .or_else(|| page.select(&selector("h1")).next().map(text))
        .or_else(|| page.select(&selector("title")).next().map(text))
        .unwrap_or_default()
}

fn source(page: &Html) -> String {
    page.select(&selector(r#"link[rel~="canonical"]"#))
        .filter_map(|l| l.value().attr("href"))
        .map(str::trim)
        .find(|h| !h.is_empty())
        .map(str::to_string)
        .or_else(|| meta(page, r#"meta[property="og:url"]"#))
        .unwrap_or_default()
}

/// The publication date, from the first source in the module doc's order
/// that holds a readable date.
fn published(page: &Html) -> Option<NaiveDate> {
    let metas = [
        r#"meta[property="article:published_time"], meta[name="article:published_time"]"#,
        r#"meta[property="og:published_time"], meta[name="pubdate"], meta[name="publishdate"], meta[name="date"], meta[name="DC.date.issued"], meta[name="dcterms.created"]"#,
        r#"[itemprop="datePublished"]"#,
    ];
    for css in metas {
        if let Some(d) = page.select(&selector(css)).filter_map(|m| {
            let v = m.value();
            v.attr("content").or_else(|| v.attr("datetime"))
        }).find_map(iso_date) {
            return Some(d);
        }
    }
    for script in page.select(&selector(r#"script[type="application/ld+json"]"#)) {
        let text: String = script.text().collect();
        if let Some(d) = serde_json::from_str::<serde_json::Value>(&text).ok().as_ref().and_then(json_ld_date) {
            return Some(d);
        }
    }
    page.select(&selector("time[datetime]")).filter_map(|t| t.value().attr("datetime")).find_map(iso_date)
}

fn json_ld_date(value: &serde_json::Value) -> Option<NaiveDate> {
    match value {
        serde_json::Value::Object(map) => map
            .get("datePublished")
            .and_then(|v| v.as_str())
            .and_then(iso_date)
            .or_else(|| map.values().find_map(json_ld_date)),
        serde_json::Value::Array(items) => items.iter().find_map(json_ld_date),
        _ => None,
    }
}

/// `2024-05-24`, or the date part of `2024-05-24T10:00:00+06:00`.
fn iso_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(head: &str, body: &str) -> Vec<u8> {
        format!("<!doctype html><html lang=\"en\"><head>{head}</head><body>{body}</body></html>").into_bytes()
    }

    fn read(bytes: &[u8]) -> Article {
        parse_html(Path::new("site/story.html"), bytes, None).unwrap()
    }

    const STORY: &str = "<article><h1>Trade talks</h1><p>Trade reached $2 billion in 2023.</p><p>The aim is $3 billion.</p></article>";

    #[test]
    fn keeps_the_article_and_drops_the_furniture() {
        let body = format!(
            "<header><nav><a href=/>Home</a> <a href=/b>Business $5 billion deals</a></nav></header>\
             <div class=cookie-banner><p>We use cookies on 3 sites.</p></div>{STORY}\
             <aside class=related><p>Exports hit $9 billion</p></aside><div class=share-buttons>Share</div>\
             <p>Back to top</p><footer><p>© 2024 News Agency. All rights reserved.</p></footer>\
             <script>var deal = '$7 billion';</script>"
        );
        let a = read(&page("<title>Trade talks | News</title>", &body));
        assert_eq!(a.text, "Trade reached $2 billion in 2023.\n\nThe aim is $3 billion.");
        assert_eq!(a.title, "Trade talks");
        assert_eq!(a.id, "story");
        assert_eq!(a.lang, "en");
    }

    #[test]
    fn without_an_article_element_the_densest_block_wins() {
        let body = "<div class=top><p>Menu</p></div><div id=content><p>Trade grew by a fifth to $1.2 billion.</p>\
                    <p>Both sides want <b>more</b> exports.</p></div><div><p>Weather: 25 degrees</p></div>";
        let a = read(&page("", body));
        assert_eq!(a.text, "Trade grew by a fifth to $1.2 billion.\n\nBoth sides want more exports.");
    }

    #[test]
    fn dates_come_from_meta_json_ld_or_time_in_that_order() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        let cases = [
            (r#"<meta property="article:published_time" content="2024-05-24T08:00:00+06:00"><meta name="date" content="2020-01-01">"#, d(2024, 5, 24)),
            (r#"<meta property="og:published_time" content="2023-02-03">"#, d(2023, 2, 3)),
            (r#"<meta name="DC.date.issued" content="2022-12-31">"#, d(2022, 12, 31)),
            (r#"<meta itemprop="datePublished" content="2021-07-08T00:00Z">"#, d(2021, 7, 8)),
            (r#"<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", "datePublished": "2025-03-04T10:00:00Z"}]}</script>"#, d(2025, 3, 4)),
            (r#"<script type="application/ld+json">[{"datePublished": "2019-09-09"}]</script>"#, d(2019, 9, 9)),
            (r#"<meta name="date" content="soon">"#, None),
            ("", None),
        ];
        for (head, want) in cases {
            assert_eq!(read(&page(head, STORY)).published, want, "{head}");
        }
        let with_time = page("", &format!("{STORY}<time datetime=\"2018-04-05T12:00\">5 April</time>"));
        assert_eq!(read(&with_time).published, d(2018, 4, 5));
    }

    #[test]
    fn source_and_title_from_the_head() {
        let head = r#"<link rel="canonical" href="https://news.example/a/1"><meta property="og:title" content="Trade up"><meta property="og:url" content="https://other.example/">"#;
        let a = read(&page(head, STORY));
        assert_eq!((a.source.as_str(), a.title.as_str()), ("https://news.example/a/1", "Trade up"));
        let a = read(&page(r#"<meta property="og:url" content="https://other.example/x">"#, STORY));
        assert_eq!(a.source, "https://other.example/x");
    }

    #[test]
    fn charsets_from_the_caller_the_meta_tag_or_a_mark() {
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("<html><body><p>Товарооборот вырос до 2 млрд долларов.</p></body></html>");
        let mut declared = b"<meta charset=\"windows-1251\">".to_vec();
        declared.extend_from_slice(&cp1251);
        assert_eq!(read(&declared).text, "Товарооборот вырос до 2 млрд долларов.");
        assert_eq!(read(&declared).lang, "ru");
        let told = parse_html(Path::new("x.html"), &cp1251, Some("windows-1251")).unwrap();
        assert_eq!(told.text, "Товарооборот вырос до 2 млрд долларов.");
        let equiv = [b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">".as_slice(), &cp1251].concat();
        assert_eq!(read(&equiv).text, "Товарооборот вырос до 2 млрд долларов.");
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend("<p>Trade $2 billion.</p>".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(read(&utf16).text, "Trade $2 billion.");
    }

    #[test]
    fn a_page_without_text_or_with_binary_data_is_an_error() {
        let err = parse_html(Path::new("x.html"), &page("", "<nav><p>Home</p></nav><footer>© 2024</footer>"), None).unwrap_err();
        assert!(err.to_string().starts_with("x.html: no article text found"), "{err}");
        let err = parse_html(Path::new("x.html"), b"\x89PNG\r\n\x1a\n\x00\x00", None).unwrap_err();
        assert_eq!(err.to_string(), "x.html: byte 8: binary data (a NUL byte), expected an HTML page");
    }
}
