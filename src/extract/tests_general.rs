//! Claim-level tests of the general patterns learned from the second tuning corpus,
//! in our own wording, and the negative corpus of `distractors.txt`.

use super::extract_claims;
use crate::Article;
use chrono::NaiveDate;

fn keys(title: &str, published: &str, text: &str) -> Vec<String> {
    let a = Article {
        id: "g".into(),
        title: title.into(),
        published: NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
        source: "test".into(),
        lang: String::new(),
        text: text.into(),
        ..Default::default()
    };
    extract_claims(&a)
        .iter()
        .map(super::tests::key)
        .collect()
}

#[test]
fn distractor_corpus_gives_nothing() {
    let data = include_str!("distractors.txt");
    for line in data.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        assert_eq!(
            keys("Kazakhstan and Kyrgyzstan", "2024-06-01", line),
            Vec::<String>::new(),
            "{line}"
        );
    }
}

#[test]
fn comparison_bases_take_the_period_a_year_back() {
    assert_eq!(
        keys(
            "Armenia and Iran",
            "2024-08-01",
            "Armenia's trade with Iran reached $400 million in the first half of 2024, compared with $350 million a year earlier."
        ),
        [
            "trade_turnover ARM IRN actual level 400000000 USD 2024-H1 -",
            "trade_turnover ARM IRN actual level 350000000 USD 2023-H1 -"
        ]
    );
    assert_eq!(
        keys(
            "Armenia and Iran",
            "2024-08-01",
            "In January-April turnover was $120 million, against $150 million in the same months of 2023."
        ),
        [
            "trade_turnover ARM IRN actual level 120000000 USD 2024-01/2024-04 -",
            "trade_turnover ARM IRN actual level 150000000 USD 2023-01/2023-04 -"
        ]
    );
    // An amount in a "when" clause after the base: "..., when it stood at $X".
    assert_eq!(
        keys(
            "Armenia and Iran",
            "2024-08-01",
            "Trade with Iran came to $700 million in January-July 2024, up 8 percent on the same seven months of last year, when it stood at $650 million."
        ),
        [
            "trade_turnover IRN ARM actual level 700000000 USD 2024-01/2024-07 -",
            "trade_turnover IRN ARM actual growth_pct 8 % 2024-01/2024-07 -",
            "trade_turnover IRN ARM actual level 650000000 USD 2023-01/2023-07 -"
        ]
    );
}

#[test]
fn times_in_a_subordinate_clause_date_another_event() {
    assert_eq!(
        keys(
            "Kazakhstan and Turkey",
            "2024-03-01",
            "Kazakhstan's trade with Turkey reached $6 billion last year. That is ten times what it was when the two leaders first met in 1995."
        ),
        ["trade_turnover KAZ TUR actual level 6000000000 USD 2023 -"]
    );
    assert_eq!(
        keys(
            "Kazakhstan and Turkey",
            "2024-03-01",
            "In 2023 trade rose to $6 billion, the ministry said, which in March had set a goal of $10 billion."
        ),
        [
            "trade_turnover KAZ TUR actual level 6000000000 USD 2023 -",
            "trade_turnover KAZ TUR target level 10000000000 USD - -"
        ]
    );
}

#[test]
fn months_halves_and_the_current_year() {
    assert_eq!(
        keys(
            "Kyrgyzstan and Turkey",
            "2024-10-20",
            "Shipments from Kyrgyzstan to Turkey were $40 million in August alone."
        ),
        ["exports KGZ TUR actual level 40000000 USD 2024-08 -"]
    );
    assert_eq!(
        keys(
            "Казахстан и Армения",
            "2024-08-08",
            "За январь-июнь текущего года товарооборот Казахстана и Армении составил 90 млн долларов."
        ),
        ["trade_turnover KAZ ARM actual level 90000000 USD 2024-H1 -"]
    );
    assert_eq!(
        keys(
            "Таджикистан и Россия",
            "2025-09-27",
            "За восемь месяцев текущего года товарооборот Таджикистана с Россией превысил $1 млрд."
        ),
        ["trade_turnover TJK RUS actual level 1000000000 USD 2025-01/2025-08 -"]
    );
    // "by 2020" in the past is when a level was reached.
    assert_eq!(
        keys(
            "Mongolia and Russia",
            "2024-03-01",
            "In 2000 Mongolia and Russia traded only $200 million; by 2020 the figure had risen to $1.5 billion."
        ),
        [
            "trade_turnover MNG RUS actual level 200000000 USD 2000 -",
            "trade_turnover MNG RUS actual level 1500000000 USD 2020 -"
        ]
    );
}

#[test]
fn country_totals_lists_and_goods_of_origin() {
    assert_eq!(
        keys(
            "Armenia's foreign trade",
            "2024-02-01",
            "Armenia's total foreign trade rose 10% in 2023 to $19 billion. Exports grew 5% to $8 billion, while imports rose 12% to $11 billion."
        ),
        [
            "trade_turnover ARM WORLD actual growth_pct 10 % 2023 -",
            "trade_turnover ARM WORLD actual level 19000000000 USD 2023 -",
            "exports ARM WORLD actual growth_pct 5 % 2023 -",
            "exports ARM WORLD actual level 8000000000 USD 2023 -",
            "imports ARM WORLD actual growth_pct 12 % 2023 -",
            "imports ARM WORLD actual level 11000000000 USD 2023 -"
        ]
    );
    assert_eq!(
        keys(
            "EU members and India",
            "2024-05-01",
            "Belgium was the largest exporter to India, selling €15 billion of goods in 2023. Spain exported €5 billion, Poland €3 billion and Austria €2 billion."
        ),
        [
            "exports BEL IND actual level 15000000000 EUR 2023 -",
            "exports ESP IND actual level 5000000000 EUR 2023 -",
            "exports POL IND actual level 3000000000 EUR 2023 -",
            "exports AUT IND actual level 2000000000 EUR 2023 -"
        ]
    );
    assert_eq!(
        keys(
            "Kazakhstan and China",
            "2024-05-01",
            "Kazakh purchases of Chinese goods rose to $12 billion in 2023."
        ),
        ["imports KAZ CHN actual level 12000000000 USD 2023 -"]
    );
    assert_eq!(
        keys(
            "Azerbaijan's partners",
            "2024-05-01",
            "Italy remained Azerbaijan's largest partner with $15 billion in trade in 2023, followed by Turkey with $7 billion."
        ),
        [
            "trade_turnover ITA AZE actual level 15000000000 USD 2023 -",
            "trade_turnover TUR AZE actual level 7000000000 USD 2023 -"
        ]
    );
}

#[test]
fn regions_ministries_and_it() {
    // Trade with a region outside the code list is no pair's.
    assert_eq!(
        keys(
            "Казахстан и Азербайджан",
            "2024-08-08",
            "Товарооборот Казахстана с центральноазиатскими соседями вырос до 9 млрд долларов."
        ),
        Vec::<String>::new()
    );
    // A ministry named after trade measures nothing; "it" refers to the trade of the sentence before.
    assert_eq!(
        keys(
            "Tajikistan and Uzbekistan",
            "2024-05-01",
            "Trade between Tajikistan and Uzbekistan has grown fast. The Ministry of Economy and Trade said it reached $600 million in 2023."
        ),
        ["trade_turnover TJK UZB actual level 600000000 USD 2023 -"]
    );
}
