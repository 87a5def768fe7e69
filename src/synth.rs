//! Generated articles for benchmarks and tests: an archive of any size, the
//! same for the same seed.
//!
//! Most news is not about trade, so by default one article in five carries
//! claims (a turnover figure for a year, a target with a deadline, exports, in
//! English or Russian, between varying pairs of countries); the rest are
//! filler with ordinary numbers (scores, dates, temperatures, percentages) that
//! must give no claim. Texts are our own wording, built from templates.

use chrono::NaiveDate;

use crate::Article;

/// Countries the trade articles pair up: English name, Russian name in the
/// nominative and in the "between X and Y" (instrumental) form.
const COUNTRIES: [(&str, &str, &str); 8] = [
    ("Kazakhstan", "Казахстан", "Казахстаном"),
    ("Kyrgyzstan", "Кыргызстан", "Кыргызстаном"),
    ("Uzbekistan", "Узбекистан", "Узбекистаном"),
    ("Tajikistan", "Таджикистан", "Таджикистаном"),
    ("Turkmenistan", "Туркменистан", "Туркменистаном"),
    ("Azerbaijan", "Азербайджан", "Азербайджаном"),
    ("Mongolia", "Монголия", "Монголией"),
    ("Georgia", "Грузия", "Грузией"),
];

const FILLER: [&str; 6] = [
    "The home side won 3-1 on Saturday in front of 14,500 fans, their fourth win in seven matches. \
     The coach said the squad of 23 players would rest for two days before the trip north.",
    "Forecasters expect temperatures of up to 31 degrees on Thursday and showers in the evening. \
     About 40 millimetres of rain fell in the hills last week, twice the usual amount for May.",
    "The festival opens on 12 June with 86 films from 30 countries, and tickets start at 1,500 tenge. \
     Organisers said attendance rose by 18 percent last year to almost 60,000 visitors.",
    "The city council approved a plan to plant 12,000 trees along 45 kilometres of streets by autumn. \
     Residents of 9 districts will be asked to vote on which parks come first.",
    "The museum reopened after 2 years of repairs, showing 400 objects in 11 halls. \
     Its director said the roof, built in 1936, had to be replaced in full.",
    "Матч завершился со счётом 2:0, на трибунах собрались около 12 тысяч болельщиков. \
     Следующую игру команда проведёт через 5 дней на выезде.",
];

/// A small deterministic generator (64-bit LCG), so no crate is needed for
/// reproducible archives.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The `index`-th article of the archive generated from `seed`.
pub fn article(seed: u64, index: usize) -> Article {
    let mut rng = Lcg(seed ^ (index as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    rng.next();
    let year = 2015 + rng.below(11) as i32;
    let published = NaiveDate::from_ymd_opt(year, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32);
    let a = rng.below(COUNTRIES.len());
    let b = (a + 1 + rng.below(COUNTRIES.len() - 1)) % COUNTRIES.len();
    let filler = FILLER[rng.below(FILLER.len())];
    let trade = rng.below(5) == 0;
    let (title, text, lang) = if !trade {
        ("Around the region".to_string(), format!("{filler}\n\n{}", FILLER[(index + 1) % FILLER.len()]), "en")
    } else {
        let actual = 1 + rng.below(90);
        let tenths = rng.below(10);
        let target = actual + 1 + rng.below(20);
        let deadline = year + 2 + rng.below(8) as i32;
        let exports = 100 + rng.below(900);
        let (ca, cb) = (COUNTRIES[a], COUNTRIES[b]);
        if rng.below(4) == 0 {
            let title = format!("{} и {} обсудили торговлю", ca.1, cb.1);
            let text = format!(
                "Товарооборот между {} и {} в {} году составил {actual},{tenths} млрд долларов. \
                 Стороны намерены довести его до {target} млрд долларов к {deadline} году.\n\n{filler}",
                ca.2, cb.2, year - 1
            );
            (title, text, "ru")
        } else {
            let title = format!("{} and {} talk trade", ca.0, cb.0);
            let text = format!(
                "Trade turnover between {} and {} reached ${actual}.{tenths} billion in {}, officials said. \
                 The two governments aim to raise it to ${target} billion by {deadline}.\n\n\
                 Exports from {} to {} came to ${exports} million over the same year.\n\n{filler}",
                ca.0, cb.0, year - 1, ca.0, cb.0
            );
            (title, text, "en")
        }
    };
    Article {
        id: format!("synth-{seed}-{index:07}"),
        title,
        published,
        source: format!("https://news.example/{index}"),
        lang: lang.to_string(),
        text,
        ..Default::default()
    }
}

/// One JSONL line (with its newline) for an article, in the reader's format.
pub fn jsonl_line(article: &Article) -> String {
    let record = serde_json::json!({
        "id": article.id,
        "title": article.title,
        "published": article.published.map(|d| d.to_string()),
        "source": article.source,
        "lang": article.lang,
        "text": article.text,
    });
    format!("{record}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archives_are_reproducible_and_mostly_filler() {
        assert_eq!(article(7, 42), article(7, 42));
        assert_ne!(article(7, 42).text, article(8, 42).text);
        let trade = (0..1000).filter(|&i| article(1, i).text.contains("billion") || article(1, i).text.contains("млрд")).count();
        assert!((120..280).contains(&trade), "about one in five articles is about trade: {trade}");
    }

    #[test]
    fn trade_articles_give_claims_and_filler_gives_none() {
        let mut with_claims = 0;
        for i in 0..200 {
            let a = article(3, i);
            let claims = crate::extract::extract_claims(&a);
            let is_trade = a.title != "Around the region";
            assert_eq!(!claims.is_empty(), is_trade, "{}: {:?}", a.text, claims.iter().map(|c| &c.evidence).collect::<Vec<_>>());
            with_claims += usize::from(is_trade);
        }
        assert!(with_claims > 10);
    }

    #[test]
    fn jsonl_lines_read_back_as_the_same_article() {
        let a = article(5, 3);
        let line = jsonl_line(&a);
        assert!(line.ends_with('\n') && line.matches('\n').count() == 1);
        let (read, errors) = crate::ingest::parse_jsonl(std::path::Path::new("x.jsonl"), &line);
        assert!(errors.is_empty());
        assert_eq!(read, [Article { origin: crate::Origin::Line(1), ..a }]);
    }
}
