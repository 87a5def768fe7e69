//! JSONL article dumps: one JSON object per line.

use std::path::Path;

use serde::Deserialize;

use super::front_matter::parse_date;
use crate::article::detect_lang;
use crate::error::{Error, Location};
use crate::Article;

#[derive(Deserialize)]
struct Record {
    id: String,
    text: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    lang: Option<String>,
}

/// Parses every line of a JSONL file. A broken line is reported with its
/// number and skipped; blank lines are allowed.
pub fn parse_jsonl(path: &Path, content: &str) -> (Vec<Article>, Vec<Error>) {
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let location = Location::line(path, i + 1);
        match parse_record(line, &location) {
            Ok(article) => articles.push(article),
            Err(e) => errors.push(e),
        }
    }
    (articles, errors)
}

fn parse_record(line: &str, location: &Location) -> Result<Article, Error> {
    let record: Record = serde_json::from_str(line.trim_start_matches('\u{feff}'))
        .map_err(|e| Error::parse(location.clone(), format!("invalid JSON: {e}")))?;
    if record.id.trim().is_empty() {
        return Err(Error::parse(location.clone(), "`id` is empty, expected an article id"));
    }
    let published = parse_date(record.published.as_deref().unwrap_or(""), location)?;
    let lang = record.lang.filter(|l| !l.is_empty()).unwrap_or_else(|| detect_lang(&record.text).to_string());
    Ok(Article {
        id: record.id,
        title: record.title.unwrap_or_default(),
        published,
        source: record.source.unwrap_or_default(),
        lang,
        text: record.text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_good_lines_and_reports_bad_ones() {
        let content = concat!(
            r#"{"id": "a1", "title": "T", "published": "2024-05-24", "text": "Trade reached $2 billion."}"#, "\n",
            "\n",
            "{not json\n",
            r#"{"id": "a2", "text": "Товарооборот вырос.", "published": "May 2024"}"#, "\n",
            r#"{"id": "a3", "text": "x", "published": null}"#, "\n",
        );
        let (articles, errors) = parse_jsonl(Path::new("dump.jsonl"), content);
        let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a1", "a3"]);
        assert_eq!(articles[0].lang, "en");
        assert_eq!(articles[1].published, None);
        assert_eq!(errors.len(), 2);
        assert!(errors[0].to_string().starts_with("dump.jsonl:3: invalid JSON"), "{}", errors[0]);
        assert_eq!(errors[1].to_string(), "dump.jsonl:4: `published` must be YYYY-MM-DD, found \"May 2024\"");
    }
}
