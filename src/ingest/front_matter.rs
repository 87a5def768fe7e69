//! Text articles with an optional front-matter block (GOLD-FORMAT.md):
//!
//! ```text
//! ---
//! title: Kyrgyzstan and Kazakhstan plan to increase trade turnover
//! published: 2024-05-24
//! source: https://example.org/news/123
//! lang: en
//! ---
//! BISHKEK, May 24. ...
//! ```
//!
//! Unknown keys are ignored so that files written for other tools still load.

use std::path::Path;

use chrono::NaiveDate;

use crate::article::detect_lang;
use crate::error::{Error, Location};
use crate::Article;

/// Parses one text file into an article; `path` names it in errors and gives the id.
pub fn parse_text_article(path: &Path, content: &str) -> Result<Article, Error> {
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    if content.trim().is_empty() {
        return Err(Error::parse(Location::file(path), "empty file, expected an article"));
    }
    let mut article = Article { id: super::file_stem(path), ..Default::default() };
    let body = if first_line(content).trim_end() == "---" {
        read_front_matter(path, content, &mut article)?
    } else {
        // A raw copy of a page: the first line is usually its headline.
        article.title = first_line(content.trim_start()).trim().to_string();
        content
    };
    if body.trim().is_empty() {
        return Err(Error::parse(Location::file(path), "no text after the front matter"));
    }
    article.text = body.to_string();
    if article.lang.is_empty() {
        article.lang = detect_lang(&article.text).to_string();
    }
    Ok(article)
}

fn first_line(s: &str) -> &str {
    s.split('\n').next().unwrap_or("")
}

/// Fills `article` from the block and returns the body after it.
fn read_front_matter<'a>(path: &Path, content: &'a str, article: &mut Article) -> Result<&'a str, Error> {
    let mut offset = first_line(content).len() + 1;
    for (i, raw) in content[offset.min(content.len())..].split_inclusive('\n').enumerate() {
        let line_no = i + 2;
        offset += raw.len();
        let line = raw.trim_end_matches(['\r', '\n']);
        if line.trim_end() == "---" {
            return Ok(content.get(offset..).unwrap_or(""));
        }
        if line.trim().is_empty() {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(Error::parse(
                Location::line(path, line_no),
                format!("front matter: expected `key: value` or a closing `---`, found {line:?}"),
            ));
        };
        let value = value.trim();
        match key.trim() {
            "title" => article.title = value.to_string(),
            "source" => article.source = value.to_string(),
            "lang" => article.lang = value.to_string(),
            "id" if !value.is_empty() => article.id = value.to_string(),
            "published" => article.published = parse_date(value, &Location::line(path, line_no))?,
            _ => {}
        }
    }
    Err(Error::parse(
        Location::line(path, 1),
        "front matter is not closed, expected a `---` line after the metadata",
    ))
}

/// An empty value or `null` means unknown; anything else must be an ISO date.
pub(crate) fn parse_date(value: &str, location: &Location) -> Result<Option<NaiveDate>, Error> {
    let value = value.trim().trim_matches('"');
    if value.is_empty() || value.eq_ignore_ascii_case("null") {
        return Ok(None);
    }
    // chrono's %Y takes any number of digits: "24-1-5" would be the year 24.
    let four_digit_year = value.split('-').next().is_some_and(|y| y.len() == 4);
    match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        Ok(date) if four_digit_year => Ok(Some(date)),
        _ => Err(Error::parse(location.clone(), format!("`published` must be YYYY-MM-DD, found {value:?}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(content: &str) -> Result<Article, Error> {
        parse_text_article(Path::new("dir/kg-kz-0524.txt"), content)
    }

    #[test]
    fn a_date_needs_a_four_digit_year() {
        let at = Location::file("a.txt");
        assert_eq!(parse_date("2024-1-5", &at).unwrap(), NaiveDate::from_ymd_opt(2024, 1, 5));
        for bad in ["24-1-5", "024-01-05", "20240-01-05", "+2024-01-05"] {
            let err = parse_date(bad, &at).unwrap_err().to_string();
            assert_eq!(err, format!("a.txt: `published` must be YYYY-MM-DD, found {bad:?}"));
        }
    }

    #[test]
    fn reads_front_matter_and_body() {
        let a = parse("---\ntitle: T\npublished: 2024-05-24\nsource: s\nlang: en\n---\nBody $2 billion.\n").unwrap();
        assert_eq!(a.id, "kg-kz-0524");
        assert_eq!(a.title, "T");
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2024, 5, 24));
        assert_eq!(a.source, "s");
        assert_eq!(a.text, "Body $2 billion.\n");
    }

    #[test]
    fn plain_text_is_an_article_with_detected_language() {
        let a = parse("Казахстан и Кыргызстан\n\nТоварооборот составил 2 млрд долларов.").unwrap();
        assert_eq!(a.title, "Казахстан и Кыргызстан");
        assert_eq!(a.lang, "ru");
        assert_eq!(a.published, None);
        assert!(a.text.starts_with("Казахстан"));
    }

    #[test]
    fn crlf_front_matter_is_read() {
        let a = parse("---\r\ntitle: T\r\npublished: 2024-01-02\r\n---\r\nBody\r\n").unwrap();
        assert_eq!(a.title, "T");
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2024, 1, 2));
        assert_eq!(a.text, "Body\r\n");
    }

    #[test]
    fn bad_inputs_name_the_file_and_line() {
        let cases = [
            ("", "dir/kg-kz-0524.txt: empty file, expected an article"),
            ("---\ntitle: T\nBody", "dir/kg-kz-0524.txt:3: front matter: expected `key: value` or a closing `---`, found \"Body\""),
            ("---\ntitle: T\nnote: body\n", "dir/kg-kz-0524.txt:1: front matter is not closed, expected a `---` line after the metadata"),
            ("---\ntitle: T\npublished: 24 May 2024\n---\nBody", "dir/kg-kz-0524.txt:3: `published` must be YYYY-MM-DD, found \"24 May 2024\""),
            ("---\ntitle: T\njust words\n---\nBody", "dir/kg-kz-0524.txt:3: front matter: expected `key: value` or a closing `---`, found \"just words\""),
            ("---\ntitle: T\n---\n  \n", "dir/kg-kz-0524.txt: no text after the front matter"),
        ];
        for (content, want) in cases {
            assert_eq!(parse(content).unwrap_err().to_string(), want, "{content:?}");
        }
    }
}
