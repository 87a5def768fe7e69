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
//!   As in a browser, a meta tag saying UTF-16 means UTF-8 (a page that could
//!   be read to its meta tag as ASCII is not UTF-16) and `x-user-defined`
//!   means windows-1252. Bytes invalid in the charset become U+FFFD.
//! - Limits ([`super::limits`]): a page over [`MAX_HTML`] bytes or a text
//!   over [`MAX_TEXT`](limits::MAX_TEXT) is an error. Start tags nested deeper than
//!   [`MAX_HTML_DEPTH`] or beyond [`MAX_HTML_NODES`] are dropped and their
//!   text kept in the deepest element allowed, so hostile nesting costs time
//!   and memory in proportion to the page (at most twice that many nodes:
//!   then the rest of the page is dropped); every walk of the tree is a loop.

use std::cell::{Cell, RefCell};
use std::path::Path;
use std::sync::LazyLock;

use chrono::NaiveDate;
use ego_tree::NodeId;
use ego_tree::iter::Edge;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, X_USER_DEFINED};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{Tracer, TreeBuilder, TreeBuilderOpts, TreeSink};
use html5ever::{LocalName, TokenizerResult, local_name};
use regex::bytes::Regex as BytesRegex;
use rustc_hash::FxHashMap;
use scraper::{ElementRef, Html, HtmlTreeSink, Node, Selector};

use super::limits::{self, MAX_HTML, MAX_HTML_ATTRIBUTES, MAX_HTML_DEPTH, MAX_HTML_NODES};
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
    read_page(path, bytes, charset).map_err(|e| match e {
        Unread::OverLimit(message) => Error::parse(Location::file(path), message),
        Unread::NoText(e) => e,
    })
}

/// Why a page gave no article: web archives count pages without text and
/// report pages over a limit.
pub(crate) enum Unread {
    OverLimit(String),
    NoText(Error),
}

/// [`parse_html`], telling a page over a limit from one without text.
pub(crate) fn read_page(path: &Path, bytes: &[u8], charset: Option<&str>) -> Result<Article, Unread> {
    if bytes.len() > MAX_HTML {
        let limit = limits::size(MAX_HTML as u64);
        return Err(Unread::OverLimit(format!("page of {} bytes, over the {limit} limit for an HTML page", bytes.len())));
    }
    let text = decode_html(path, bytes, charset).map_err(Unread::NoText)?;
    let page = parse_bounded(text);
    let body = article_text(&page);
    if body.trim().is_empty() {
        return Err(Unread::NoText(Error::parse(
            Location::file(path),
            "no article text found in the page (no paragraphs outside navigation, headers and footers)",
        )));
    }
    limits::text_limit(&body).map_err(Unread::OverLimit)?;
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
        let encoding = META_CHARSET.captures(head).and_then(|c| Encoding::for_label(&c[1]))?;
        // The HTML spec's prescan: a meta tag read as ASCII cannot be UTF-16.
        Some(match encoding {
            e if e == UTF_16LE || e == UTF_16BE => UTF_8,
            e if e == X_USER_DEFINED => WINDOWS_1252,
            e => e,
        })
    };
    let encoding = charset.and_then(|c| Encoding::for_label(c.trim().as_bytes())).or_else(declared).unwrap_or(UTF_8);
    // `decode` honours a byte-order mark over the label.
    let (text, _, _) = encoding.decode(bytes);
    Ok(text.into_owned())
}

/// Parses a page as `Html::parse_document` does, with its tags cut to
/// [`MAX_HTML_ATTRIBUTES`] and the tokens passing through [`Bounded`] on
/// their way to the tree builder.
fn parse_bounded(text: String) -> Html {
    let text = cap_attributes(text);
    let builder = TreeBuilder::new(HtmlTreeSink::new(Html::new_document()), TreeBuilderOpts::default());
    let tokenizer = Tokenizer::new(Bounded::new(builder), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(text));
    // The tokenizer pauses at a script's end (for it to run) and at a meta
    // charset (to decode again); the page is decoded already and runs nothing.
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    tokenizer.sink.builder.sink.finish()
}

/// The page with the attributes of each tag past the first
/// [`MAX_HTML_ATTRIBUTES`] cut out: the tokenizer compares each attribute
/// with those before it in its tag (100,000 in one tag took 37 s). The tags
/// are found as the tokenizer finds them, comments and the text of
/// `<script>`, `<style>` and the like passed over; the page is copied only
/// if a tag is cut.
fn cap_attributes(text: String) -> String {
    let b = text.as_bytes();
    let (mut out, mut copied, mut at) = (String::new(), 0, 0);
    while let Some(found) = memchr::memchr(b'<', &b[at..]) {
        let open = at + found;
        let rest = &b[open + 1..];
        if rest.starts_with(b"!--") {
            at = memchr::memmem::find(&b[open + 4..], b"-->").map_or(b.len(), |end| open + 4 + end + 3);
            continue;
        }
        // End tags too: the tokenizer reads (and then drops) their attributes.
        let end_tag = rest.first() == Some(&b'/');
        let name_start = open + 1 + usize::from(end_tag);
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            at = open + 1;
            continue;
        }
        let name_end = name_start + b[name_start..].iter().position(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>').unwrap_or(b.len() - name_start);
        let (end, cut) = tag_end(b, name_end);
        if let Some(cut) = cut {
            // Keep the tag's `>`, if it has one: a tag cut short at the end of the page is dropped anyway.
            out.push_str(&text[copied..cut]);
            copied = if end <= b.len() && b[end - 1] == b'>' { end - 1 } else { b.len() };
        }
        at = end;
        let name = text[name_start..name_end].to_ascii_lowercase();
        if !end_tag && RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            at = b[at..].windows(close.len()).position(|w| w.eq_ignore_ascii_case(close.as_bytes())).map_or(b.len(), |p| at + p);
        }
    }
    if copied == 0 {
        return text;
    }
    out.push_str(&text[copied..]);
    out
}

/// Elements whose text is not markup.
const RAW_TEXT: [&str; 10] = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"];

/// Where the tag whose attributes start at `from` ends (after its `>`, or
/// the page's end), and where its attribute past [`MAX_HTML_ATTRIBUTES`]
/// starts, if it has one.
fn tag_end(b: &[u8], from: usize) -> (usize, Option<usize>) {
    let (mut count, mut cut, mut i) = (0, None, from);
    while i < b.len() {
        match b[i] {
            b'>' => return (i + 1, cut),
            c if c.is_ascii_whitespace() || c == b'/' => i += 1,
            _ => {
                // An attribute: its name, then `=` and a value, quoted or not.
                count += 1;
                if count > MAX_HTML_ATTRIBUTES && cut.is_none() {
                    cut = Some(i);
                }
                i += 1;
                while i < b.len() && !(b[i].is_ascii_whitespace() || matches!(b[i], b'/' | b'>' | b'=')) {
                    i += 1;
                }
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i < b.len() && b[i] == b'=' {
                    i += 1;
                    while i < b.len() && b[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    match b.get(i) {
                        Some(&quote @ (b'"' | b'\'')) => {
                            i = memchr::memchr(quote, &b[i + 1..]).map_or(b.len(), |end| i + 1 + end + 1);
                        }
                        _ => {
                            while i < b.len() && !(b[i].is_ascii_whitespace() || b[i] == b'>') {
                                i += 1;
                            }
                        }
                    }
                }
            }
        }
    }
    (b.len(), cut)
}

/// A token filter before the tree builder: start tags that would nest deeper
/// than [`MAX_HTML_DEPTH`] or make the tree larger than [`MAX_HTML_NODES`]
/// are dropped, with their end tags, so their text goes to the deepest
/// element kept. The builder's stack then stays short, and with it the
/// builder's scope checks, which walk the stack for many tags.
struct Bounded {
    builder: TreeBuilder<NodeId, HtmlTreeSink>,
    /// Handles the builder holds (its open elements, formatting elements and
    /// a few more: at least the depth), if counted since the last token passed on.
    held: Cell<Option<usize>>,
    /// Start tags dropped and not yet closed, by name.
    dropped: RefCell<FxHashMap<LocalName, usize>>,
}

impl Bounded {
    fn new(builder: TreeBuilder<NodeId, HtmlTreeSink>) -> Self {
        Bounded { builder, held: Cell::new(None), dropped: RefCell::default() }
    }

    /// The handles the builder holds; counted again only after a token went through.
    fn held(&self) -> usize {
        struct Count(Cell<usize>);
        impl Tracer for Count {
            type Handle = NodeId;
            fn trace_handle(&self, _: &NodeId) {
                self.0.set(self.0.get() + 1);
            }
        }
        if let Some(n) = self.held.get() {
            return n;
        }
        let count = Count(Cell::new(0));
        self.builder.trace_handles(&count);
        self.held.set(Some(count.0.get()));
        count.0.get()
    }

    /// The nodes in the tree so far.
    fn nodes(&self) -> usize {
        self.builder.sink.0.borrow().tree.nodes().len()
    }

    /// Whether a start tag is dropped. Elements without content (`<br>`) and
    /// raw-text ones (`<script>`) add at most one level that closes at once,
    /// so the depth limit lets them through; past the node limit only the
    /// raw-text ones pass, whose text must not be read as markup and as the
    /// article's.
    fn drops(&self, name: &LocalName) -> bool {
        let raw_text = RAW_TEXT.contains(&&**name);
        if self.nodes() >= MAX_HTML_NODES {
            return !raw_text;
        }
        !(raw_text || is_void(name)) && self.held() >= MAX_HTML_DEPTH
    }
}

/// Elements without content.
fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area") | local_name!("base") | local_name!("br") | local_name!("col") | local_name!("embed")
            | local_name!("hr") | local_name!("img") | local_name!("input") | local_name!("link") | local_name!("meta")
            | local_name!("source") | local_name!("track") | local_name!("wbr")
    )
}

impl TokenSink for Bounded {
    type Handle = NodeId;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<NodeId> {
        if self.nodes() >= 2 * MAX_HTML_NODES && token != Token::EOFToken {
            return TokenSinkResult::Continue;
        }
        if let Token::TagToken(tag) = &token {
            let mut dropped = self.dropped.borrow_mut();
            match tag.kind {
                TagKind::StartTag if self.drops(&tag.name) => {
                    *dropped.entry(tag.name.clone()).or_default() += 1;
                    return TokenSinkResult::Continue;
                }
                TagKind::StartTag => {}
                // Most pages drop nothing: no lookup for them.
                TagKind::EndTag if !dropped.is_empty() => {
                    if let Some(open) = dropped.get_mut(&tag.name) {
                        *open -= 1;
                        if *open == 0 {
                            dropped.remove(&tag.name);
                        }
                        return TokenSinkResult::Continue;
                    }
                }
                TagKind::EndTag => {}
            }
        }
        self.held.set(None);
        self.builder.process_token(token, line_number)
    }

    fn end(&self) {
        self.builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder.adjusted_current_node_present_but_not_in_html_namespace()
    }
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
    let sums = Sums::of(page);
    let p_text = |e: &ElementRef| -> usize { sums.p_text.get(&e.id()).copied().unwrap_or(0) };
    for css in ["article", "main, [role=main]"] {
        let best = page.select(&selector(css)).filter(|e| !skipped(e)).max_by_key(|e| p_text(e));
        if let Some(best) = best.filter(|e| p_text(e) > 0) {
            return Some(best);
        }
    }
    sums.densest.and_then(|id| page.tree.get(id)).and_then(ElementRef::wrap).or_else(|| page.select(&selector("body")).next())
}

/// What [`container`] weighs, for every element in one walk of the page
/// (asking each element for its paragraphs' text costs the depth again).
struct Sums {
    /// The text of the `<p>`s inside each element that has any.
    p_text: FxHashMap<NodeId, usize>,
    /// The element whose own `<p>` children hold the most text, furniture and
    /// its insides left out; of equals, the one whose first `<p>` comes first.
    densest: Option<NodeId>,
}

impl Sums {
    fn of(page: &Html) -> Sums {
        struct Open {
            id: NodeId,
            /// For a `<p>`, how many came before it.
            p_order: Option<usize>,
            /// This element or one around it is furniture.
            furniture: bool,
            text: usize,
            p_text: usize,
            /// Text of the `<p>` children, and where the first of them came.
            own_p_text: usize,
            first_p: Option<usize>,
        }
        let root = page.tree.root();
        let mut stack = vec![Open { id: root.id(), p_order: None, furniture: false, text: 0, p_text: 0, own_p_text: 0, first_p: None }];
        let mut sums = Sums { p_text: FxHashMap::default(), densest: None };
        let (mut p_seen, mut best) = (0, None::<(usize, usize, NodeId)>);
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => match node.value() {
                    Node::Text(t) => stack.last_mut().expect("the root is open").text += t.len(),
                    Node::Element(el) => {
                        let furniture = stack.last().is_some_and(|o| o.furniture) || ElementRef::wrap(node).is_some_and(|e| skipped(&e));
                        let p_order = (el.name() == "p").then(|| {
                            p_seen += 1;
                            p_seen - 1
                        });
                        stack.push(Open { id: node.id(), p_order, furniture, text: 0, p_text: 0, own_p_text: 0, first_p: None });
                    }
                    _ => {}
                },
                Edge::Close(node) if node.value().is_element() => {
                    let Some(done) = stack.pop() else { continue };
                    if done.p_text > 0 {
                        sums.p_text.insert(done.id, done.p_text);
                    }
                    if let Some(first) = done.first_p
                        && !done.furniture
                        && best.is_none_or(|(score, at, _)| done.own_p_text > score || (done.own_p_text == score && first < at))
                    {
                        best = Some((done.own_p_text, first, done.id));
                    }
                    let parent = stack.last_mut().expect("the root is open");
                    parent.text += done.text;
                    parent.p_text += done.p_text;
                    if let Some(order) = done.p_order {
                        parent.p_text += done.text;
                        parent.own_p_text += done.text;
                        parent.first_p.get_or_insert(order);
                    }
                }
                Edge::Close(_) => {}
            }
        }
        sums.densest = best.map(|(_, _, id)| id);
        sums
    }
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
    // Asked of every element, so without a lower-cased copy of each.
    let marked = |value: Option<&str>| {
        let value = value.unwrap_or("").as_bytes();
        SKIP_MARKS.iter().any(|m| value.windows(m.len()).any(|w| w.eq_ignore_ascii_case(m.as_bytes())))
    };
    marked(el.attr("class")) || marked(el.attr("id"))
}

/// Gathers the text inside `root` into paragraphs, in one loop over the
/// tree's edges (a recursion would be as deep as the page).
fn collect(root: ElementRef, current: &mut String, paragraphs: &mut Vec<String>) {
    // The furniture element being passed over, if any.
    let mut skipping: Option<NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) if node.id() == root.id() || skipping.is_some() => {}
            Edge::Open(node) => match node.value() {
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
                    if ElementRef::wrap(node).is_some_and(|e| skipped(&e)) {
                        skipping = Some(node.id());
                    } else if BLOCK_TAGS.contains(&el.name()) {
                        flush(current, paragraphs);
                    }
                }
                _ => {}
            },
            Edge::Close(node) if skipping == Some(node.id()) => skipping = None,
            Edge::Close(node) if node.id() == root.id() || skipping.is_some() => {}
            Edge::Close(node) => {
                if node.value().as_element().is_some_and(|el| BLOCK_TAGS.contains(&el.name())) {
                    flush(current, paragraphs);
                }
            }
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
    use crate::ingest::limits::MAX_TEXT;

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

    const DEEP_TEXT: &str = "Trade between Kazakhstan and Kyrgyzstan reached $2 billion in 2023.";

    /// 20,000 levels overflowed the stack (a recursive walk) and 100,000 took
    /// 33 s (walks per element as long as the depth). On the test thread's
    /// 2 MB stack, each gives its text, in time linear in the page.
    #[test]
    fn deep_nesting_keeps_the_text_flat_in_linear_time() {
        for (open, close) in [("<span>", "</span>"), ("<article>", "</article>"), ("<div><p>", "</p></div>"), ("<div>", "</div>")] {
            let n = 20_000;
            let page = format!("<p>{}{DEEP_TEXT}{}</p>", open.repeat(n), close.repeat(n));
            assert_eq!(read(page.as_bytes()).text, DEEP_TEXT, "{open}");
        }
        let start = std::time::Instant::now();
        let page = format!("{}<p>{DEEP_TEXT}</p>{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
        assert_eq!(read(page.as_bytes()).text, DEEP_TEXT);
        // About 0.1 s in a debug build; quadratic would be minutes.
        assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
    }

    #[test]
    fn text_past_the_depth_stays_in_the_deepest_element_and_its_end_tags_are_matched() {
        let deep = format!("{}<p>Deep $1 billion.</p>{}", "<div>".repeat(MAX_HTML_DEPTH * 2), "</div>".repeat(MAX_HTML_DEPTH * 2));
        let page = page("", &format!("<article>{deep}<p>After it, $2 billion.</p></article><footer><p>© 2024</p></footer>"));
        let a = read(&page);
        // The dropped `<p>` leaves its text in the deepest `<div>`; the end
        // tags of the dropped `<div>`s do not close the ones kept early.
        assert_eq!(a.text, "Deep $1 billion.\n\nAfter it, $2 billion.");
        // Scripts past the depth stay scripts, not text.
        let scripted = format!("<p>{}<script>var x = '$9 billion';</script>Kept $3 billion.{}</p>", "<span>".repeat(1000), "</span>".repeat(1000));
        assert_eq!(read(scripted.as_bytes()).text, "Kept $3 billion.");
    }

    #[test]
    fn elements_past_the_limit_are_dropped_and_their_text_kept() {
        let page = format!("<p>{}Trade $4 billion.<script>var x = '$9 billion';</script></p>", "<b></b>".repeat(MAX_HTML_NODES + 10));
        assert_eq!(read(page.as_bytes()).text, "Trade $4 billion.", "a script stays a script");
    }

    /// 100,000 attributes in one tag took 37 s: each was compared with those
    /// before it. Past the limit they are cut; the tag and the text stay.
    #[test]
    fn attributes_past_the_limit_are_cut_from_their_tag() {
        let many: String = (0..100_000).map(|k| format!(" a{k}=\"x > y\"")).collect();
        let page = format!("<!-- <p {many}> --><script>if (a<b {many}) {{}}</script><p class=x{many}>Trade $2 billion.</p {many}><p>And $3 billion.</p>");
        let start = std::time::Instant::now();
        assert_eq!(read(page.as_bytes()).text, "Trade $2 billion.\n\nAnd $3 billion.");
        assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
        let page = cap_attributes(format!("<p {}>", (0..70).map(|k| format!("a{k}='1' ")).collect::<String>()));
        assert_eq!(page.matches('=').count(), MAX_HTML_ATTRIBUTES);
        assert!(page.ends_with("a63='1' >"), "{page}");
        let text = "<p a=1 b c='>' d=\"<\">x</p>".to_string();
        assert_eq!(cap_attributes(text.clone()), text, "nothing to cut, nothing copied");
    }

    /// Formatting elements left open are re-opened in every block: 200 of
    /// them and 100,000 blocks (1.2 MB) made 20 million nodes, over 2 GB and
    /// minutes. The node limit stops it.
    #[test]
    fn reopened_formatting_elements_cannot_multiply_the_tree() {
        let bold: String = (0..200).map(|k| format!("<b id={k}>")).collect();
        let page = format!("<p>{bold}</p>{}", "<div>Trade $1 billion.</div>".repeat(100_000));
        let start = std::time::Instant::now();
        let text = read(page.as_bytes()).text;
        assert!(text.starts_with("Trade $1 billion.\n\nTrade $1 billion."), "{}", &text[..100]);
        assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
    }

    #[test]
    fn a_page_over_the_limit_is_refused_by_its_size() {
        let big = vec![b' '; MAX_HTML + 1];
        let err = parse_html(Path::new("x.html"), &big, None).unwrap_err();
        assert_eq!(err.to_string(), "x.html: page of 8388609 bytes, over the 8 MiB limit for an HTML page");
        let long = format!("<p>{}</p>", "Trade. ".repeat(MAX_TEXT / 7 + 1));
        let err = parse_html(Path::new("x.html"), long.as_bytes(), None).unwrap_err();
        assert_eq!(err.to_string(), format!("x.html: article text of {} bytes, over the 4 MiB limit for an article", MAX_TEXT / 7 * 7 + 6));
    }

    /// A meta tag saying UTF-16 on a page without a mark means UTF-8, as in
    /// browsers; `x-user-defined` means windows-1252.
    #[test]
    fn a_meta_charset_that_cannot_be_true_is_read_as_browsers_do() {
        for label in ["utf-16", "UTF-16LE", "utf-16be", "unicode", "ucs-2"] {
            let page = format!("<meta charset=\"{label}\"><p>Товарооборот — $2 billion.</p>");
            assert_eq!(read(page.as_bytes()).text, "Товарооборот — $2 billion.", "{label}");
        }
        let mut page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=x-user-defined\"><p>Caf\xe9 $1 billion.</p>".to_vec();
        assert_eq!(read(&page).text, "Café $1 billion.");
        // A mark still wins over the meta tag.
        page = vec![0xff, 0xfe];
        page.extend("<meta charset=utf-16><p>Trade $2 billion.</p>".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(read(&page).text, "Trade $2 billion.");
    }
}
