//! Claim-level corpus tests: short sentences of our own wording, one fact in many
//! phrasings, and distractors (GOLD-FORMAT precision traps) that must give nothing.

use super::extract_claims;
use crate::{Article, Claim};
use chrono::NaiveDate;

fn article(title: &str, text: &str) -> Article {
    Article {
        id: "t".into(),
        title: title.into(),
        published: NaiveDate::from_ymd_opt(2024, 6, 1),
        source: "test".into(),
        lang: String::new(),
        text: text.into(),
        ..Default::default()
    }
}

/// The scored key of each claim: indicator, country, partner, kind, measure, value, unit, period, deadline.
fn keys(title: &str, text: &str) -> Vec<String> {
    extract_claims(&article(title, text))
        .iter()
        .map(key)
        .collect()
}

pub(super) fn key(c: &Claim) -> String {
    format!(
        "{} {} {} {} {} {} {} {} {}",
        c.indicator,
        c.country,
        c.partner.as_deref().unwrap_or("-"),
        c.kind,
        c.measure,
        c.value,
        c.unit,
        c.period.as_deref().unwrap_or("-"),
        c.deadline.as_deref().unwrap_or("-")
    )
}

#[test]
fn one_actual_many_phrasings() {
    let want = "trade_turnover KAZ UZB actual level 4100000000 USD 2023 -";
    for t in [
        "Mutual trade between Kazakhstan and Uzbekistan totalled $4.1 billion in 2023.",
        "Trade between Kazakhstan and Uzbekistan amounted to USD 4.1 billion last year.",
        "Kazakh-Uzbek trade turnover reached 4.1 billion US dollars in 2023, officials said.",
        "In 2023, bilateral trade stood at $4.1bn, the ministry said.",
        "The two countries traded goods worth $4,100 million in 2023.",
        "Товарооборот Казахстана и Узбекистана в 2023 году составил 4,1 млрд долларов.",
        "По итогам 2023 года взаимная торговля достигла 4,1 млрд долларов США.",
        "В прошлом году товарооборот двух стран составил 4 100 млн долларов.",
    ] {
        assert_eq!(
            keys("Kazakhstan and Uzbekistan discuss trade", t),
            [want],
            "{t}"
        );
    }
}

#[test]
fn growth_and_level_share_period_and_parties() {
    let k = keys(
        "Turkmenistan and China",
        "Turkmenistan's exports to China rose 12% to $9.6 billion last year.",
    );
    assert_eq!(
        k,
        [
            "exports TKM CHN actual growth_pct 12 % 2023 -",
            "exports TKM CHN actual level 9600000000 USD 2023 -"
        ]
    );
    let k = keys(
        "Armenia and Russia",
        "Armenian imports from Russia fell 3.5 percent to $2.2 billion in the first half of 2024.",
    );
    assert_eq!(
        k,
        [
            "imports ARM RUS actual growth_pct -3.5 % 2024-H1 -",
            "imports ARM RUS actual level 2200000000 USD 2024-H1 -"
        ]
    );
    let k = keys(
        "Россия и Монголия",
        "Товарооборот России и Монголии за январь-март 2024 года вырос на 15,2% и составил 450 млн долларов.",
    );
    assert_eq!(
        k,
        [
            "trade_turnover RUS MNG actual growth_pct 15.2 % 2024-Q1 -",
            "trade_turnover RUS MNG actual level 450000000 USD 2024-Q1 -"
        ]
    );
    let k = keys(
        "Georgia and Turkey",
        "Trade with Turkey came to $2.4 billion in 2023, 7% less than in 2022, Georgian statistics show.",
    );
    assert_eq!(
        k,
        [
            "trade_turnover TUR GEO actual level 2400000000 USD 2023 -",
            "trade_turnover TUR GEO actual growth_pct -7 % 2023 -"
        ]
    );
}

#[test]
fn targets_and_forecasts() {
    assert_eq!(
        keys(
            "Armenia and Georgia",
            "The two countries aim to raise trade to $3 billion by 2030."
        ),
        ["trade_turnover ARM GEO target level 3000000000 USD - 2030"]
    );
    assert_eq!(
        keys(
            "Uzbekistan and Turkey",
            "Trade between Uzbekistan and Turkey is expected to reach $5 billion next year."
        ),
        ["trade_turnover UZB TUR forecast level 5000000000 USD - 2025"]
    );
    assert_eq!(
        keys(
            "Kazakhstan and Azerbaijan",
            "They plan to lift mutual trade to $1 billion by 2026 and to 2 billion by 2030."
        ),
        [
            "trade_turnover KAZ AZE target level 1000000000 USD - 2026",
            "trade_turnover KAZ AZE target level 2000000000 USD - 2030"
        ]
    );
    assert_eq!(
        keys(
            "Россия и Узбекистан",
            "Стороны намерены довести товарооборот до 15 млрд долларов к 2030 году."
        ),
        ["trade_turnover RUS UZB target level 15000000000 USD - 2030"]
    );
    assert_eq!(
        keys(
            "India and Kazakhstan",
            "The goal of $5 billion in bilateral trade remains, he said."
        ),
        ["trade_turnover IND KAZ target level 5000000000 USD - -"]
    );
}

#[test]
fn investment_gdp_and_two_currencies() {
    assert_eq!(
        keys(
            "China and Tajikistan",
            "Chinese direct investment in Tajikistan has reached $3.2 billion since 2007."
        ),
        ["investment CHN TJK actual level 3200000000 USD - -"]
    );
    assert_eq!(
        keys(
            "Kazakhstan economy",
            "Kazakhstan's GDP reached 120 trillion tenge in 2023."
        ),
        ["gdp KAZ - actual level 120000000000000 KZT 2023 -"]
    );
    assert_eq!(
        keys(
            "Russia and Kazakhstan",
            "Trade reached 1.5 trillion rubles, or about $17 billion, in 2023."
        ),
        [
            "trade_turnover RUS KAZ actual level 1500000000000 RUB 2023 -",
            "trade_turnover RUS KAZ actual level 17000000000 USD 2023 -"
        ]
    );
}

#[test]
fn repeats_collapse_and_periods_carry_on() {
    let k = keys(
        "Kyrgyzstan and Tajikistan",
        "Bilateral trade reached $250 million in 2023.\n\nAs noted, trade between the two countries reached $250 million last year. Exports to Tajikistan were $180 million.",
    );
    assert_eq!(
        k,
        [
            "trade_turnover KGZ TJK actual level 250000000 USD 2023 -",
            "exports KGZ TJK actual level 180000000 USD 2023 -"
        ]
    );
}

#[test]
fn distractors_give_nothing() {
    for t in [
        "Kazakhstan's trade surplus with China reached $5 billion in 2023.",
        "The two countries signed deals worth $2 billion.",
        "The bank provided a $300 million loan to Kyrgyzstan for roads.",
        "China accounts for 25% of Kyrgyzstan's foreign trade.",
        "The population of Uzbekistan reached 37 million in 2024.",
        "Trade grew by $300 million in 2023.",
        "Trade between the countries doubled in 2023.",
        "Grain exports to China reached $500 million in 2023.",
        "Inflation in Kazakhstan slowed to 8.4% in 2024.",
        "Over 5,000 companies with Chinese capital operate in Kazakhstan.",
        "Average annual growth of trade was 12% over the past five years.",
        "The exchange rate rose to 470 tenge per dollar.",
        "The project is estimated to cost $1.2 billion.",
        "Tajikistan's external debt stood at $3.3 billion.",
        "Russia's share of Kazakhstan's imports fell 2 percentage points.",
        "Kazakh wheat exports rose 20% in 2023.",
        "Trade grew 1.5 times in 2023.",
        "The agency holds certificate No. 10484-AA, issued in 2010.",
        "Сальдо торговли составило 1,2 млрд долларов в 2023 году.",
        "Стороны подписали соглашения на 500 млн долларов.",
    ] {
        assert_eq!(
            keys("Kazakhstan and Kyrgyzstan", t),
            Vec::<String>::new(),
            "{t}"
        );
    }
}

#[test]
fn spans_ids_and_evidence() {
    let a = article(
        "Kazakhstan and Kyrgyzstan",
        "BISHKEK, May 2 - Trade reached $1.5 billion in 2023. Nothing else.",
    );
    let c = extract_claims(&a);
    assert_eq!(c.len(), 1);
    assert_eq!(
        &a.text[c[0].span_start as usize..c[0].span_end as usize],
        "$1.5 billion"
    );
    assert_eq!(
        c[0].evidence,
        "BISHKEK, May 2 - Trade reached $1.5 billion in 2023."
    );
    assert_eq!(
        c[0].claim_id,
        crate::claim::claim_id("t", c[0].span_start, c[0].span_end)
    );
}

#[test]
fn more_phrasings_of_flows() {
    let t = "Kazakhstan and China";
    assert_eq!(
        keys(
            t,
            "Exports from Kazakhstan to China amounted to $15 billion in 2023, and imports $12 billion."
        ),
        [
            "exports KAZ CHN actual level 15000000000 USD 2023 -",
            "imports KAZ CHN actual level 12000000000 USD 2023 -"
        ]
    );
    assert_eq!(
        keys(
            t,
            "ASTANA (Reuters) - Kazakhstan-China trade grew 12.3% year-on-year to $15.2 billion in January-June."
        ),
        [
            "trade_turnover KAZ CHN actual growth_pct 12.3 % 2024-H1 -",
            "trade_turnover KAZ CHN actual level 15200000000 USD 2024-H1 -"
        ]
    );
    assert_eq!(
        keys(
            "Казахстан и Россия",
            "Экспорт Казахстана в Россию вырос на 5,3% до 6,2 млрд долларов, импорт из России — 11,3 млрд долларов."
        ),
        [
            "exports KAZ RUS actual growth_pct 5.3 % - -",
            "exports KAZ RUS actual level 6200000000 USD - -",
            "imports KAZ RUS actual level 11300000000 USD - -"
        ]
    );
    assert_eq!(
        keys(
            "India and UAE",
            "India-UAE bilateral trade touched $85 billion in FY2023-24, with Indian exports at $35.6 billion."
        ),
        [
            "trade_turnover IND ARE actual level 85000000000 USD 2023-04/2024-03 -",
            "exports IND ARE actual level 35600000000 USD 2023-04/2024-03 -"
        ]
    );
    assert_eq!(
        keys(
            "Kazakhstan and Russia",
            "Trade reached 2.5 trillion tenge ($5.3 billion) in the first quarter."
        ),
        [
            "trade_turnover KAZ RUS actual level 2500000000000 KZT 2024-Q1 -",
            "trade_turnover KAZ RUS actual level 5300000000 USD 2024-Q1 -"
        ]
    );
    assert_eq!(
        keys(
            "Kyrgyzstan and Russia",
            "Trade between Kyrgyzstan and Russia rose 20% in 2022 and 15% in 2023."
        ),
        [
            "trade_turnover KGZ RUS actual growth_pct 20 % 2022 -",
            "trade_turnover KGZ RUS actual growth_pct 15 % 2023 -"
        ]
    );
    assert_eq!(
        keys(
            "Kyrgyzstan and Russia",
            "Trade turnover in 2023 amounted to $3.4 billion, up 15% from the previous year."
        ),
        [
            "trade_turnover KGZ RUS actual level 3400000000 USD 2023 -",
            "trade_turnover KGZ RUS actual growth_pct 15 % 2023 -"
        ]
    );
    // The starting point of a change "a year earlier" is the same period one year back.
    assert_eq!(
        keys(
            "Kyrgyzstan and Russia",
            "In 2023 trade rose to $3 billion from $2.5 billion a year earlier."
        ),
        [
            "trade_turnover KGZ RUS actual level 3000000000 USD 2023 -",
            "trade_turnover KGZ RUS actual level 2500000000 USD 2022 -"
        ]
    );
}

#[test]
fn forecasts_are_not_actuals() {
    assert_eq!(
        keys(
            "Казахстан и Россия",
            "Товарооборот может достигнуть 28 млрд долларов в этом году."
        ),
        ["trade_turnover KAZ RUS forecast level 28000000000 USD - 2024"]
    );
    assert_eq!(
        keys(
            "Kazakhstan and Uzbekistan",
            "Trade could exceed $12 billion by the end of 2025, the minister said."
        ),
        ["trade_turnover KAZ UZB forecast level 12000000000 USD - 2025"]
    );
    assert_eq!(
        keys(
            "Kazakhstan and Uzbekistan",
            "The sides want to raise trade to $10 billion in the next five years."
        ),
        ["trade_turnover KAZ UZB target level 10000000000 USD - 2029"]
    );
}

#[test]
fn more_distractors_give_nothing() {
    for t in [
        "Gold accounted for $1.2 billion of Kyrgyz exports.",
        "Kazakhstan exported 2 million tons of wheat worth $400 million to Kyrgyzstan.",
        "Kazakhstan's oil exports to Kyrgyzstan reached $1 billion.",
        "Turkish contractors have completed projects worth $30 billion in Kyrgyzstan.",
        "Trade with Kyrgyzstan makes up 3% of Kazakhstan's total trade.",
        "Kazakhstan's economy grew 5.1% in 2023.",
        "Mutual investment reached $15 billion.",
        "A $100 million joint investment fund was set up.",
        "Kyrgyzstan's trade deficit with Kazakhstan widened to $400 million.",
        "Товарооборот между странами за 2023 год вырос почти в 1,5 раза.",
        "В 2023 году товарооборот вырос на 500 млн долларов.",
    ] {
        assert_eq!(
            keys("Kazakhstan and Kyrgyzstan", t),
            Vec::<String>::new(),
            "{t}"
        );
    }
}

#[test]
fn deadlines_from_years_but_not_from_when_a_goal_was_set() {
    let t = "Kazakhstan and Uzbekistan";
    assert_eq!(
        keys(t, "The goal of $5 billion in trade for 2025 stands."),
        ["trade_turnover KAZ UZB target level 5000000000 USD - 2025"]
    );
    assert_eq!(
        keys(t, "The trade target of $10 billion was set in 2022."),
        ["trade_turnover KAZ UZB target level 10000000000 USD - -"]
    );
    assert_eq!(
        keys(t, "They plan to raise trade to $3 billion in 2023."),
        ["trade_turnover KAZ UZB target level 3000000000 USD - 2023"]
    );
}

#[test]
fn world_trade_and_other_turnovers() {
    let t = "Kazakhstan and China";
    assert_eq!(
        keys(
            t,
            "Kazakhstan's total foreign trade turnover amounted to $139.8 billion in 2023."
        ),
        ["trade_turnover KAZ WORLD actual level 139800000000 USD 2023 -"]
    );
    assert_eq!(
        keys(
            t,
            "Kazakhstan's foreign trade with China reached $41 billion in 2023."
        ),
        ["trade_turnover KAZ CHN actual level 41000000000 USD 2023 -"]
    );
    assert_eq!(
        keys(
            t,
            "Retail trade turnover in Kazakhstan reached $40 billion in 2023."
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        keys(t, "Грузооборот вырос на 5% в 2023 году."),
        Vec::<String>::new()
    );
}

/// Claims of a whole article with a given publication date.
fn article_keys(title: &str, published: &str, text: &str) -> Vec<String> {
    let mut a = article(title, text);
    a.published = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
    extract_claims(&a).iter().map(key).collect()
}

#[test]
fn an_article_carries_periods_parties_and_goals_across_sentences() {
    let k = article_keys(
        "Uzbekistan, Kazakhstan eye $10bn trade",
        "2024-03-10",
        "TASHKENT, March 10 - Uzbek President Shavkat Mirziyoyev and Kazakh President Kassym-Jomart Tokayev \
         discussed ways to boost trade. According to the statistics agency, trade between the two countries \
         amounted to $4.4 billion in 2023, which is 7.5% higher than in 2022. Uzbekistan's exports amounted to \
         $1.6 billion, and imports reached $2.8 billion.\n\nThe leaders instructed their governments to bring \
         the figure to $10 billion. More than 1,000 joint ventures operate in Uzbekistan. Both sides also aim to \
         increase trade by 20% next year.",
    );
    assert_eq!(
        k,
        [
            "trade_turnover UZB KAZ actual level 4400000000 USD 2023 -",
            "trade_turnover UZB KAZ actual growth_pct 7.5 % 2023 -",
            "exports UZB KAZ actual level 1600000000 USD 2023 -",
            "imports UZB KAZ actual level 2800000000 USD 2023 -",
            "trade_turnover UZB KAZ target level 10000000000 USD - -",
        ]
    );
    let k = article_keys(
        "Казахстан и Китай",
        "2024-02-15",
        "АСТАНА, 15 февраля. Товарооборот Казахстана и Китая по итогам 2023 года достиг рекордных 41 млрд \
         долларов, увеличившись на 32%. Экспорт в Китай составил 15,3 млрд долларов, импорт — 25,7 млрд долларов. \
         Стороны договорились увеличить товарооборот до 80 млрд долларов к 2030 году.",
    );
    assert_eq!(
        k,
        [
            "trade_turnover KAZ CHN actual level 41000000000 USD 2023 -",
            "trade_turnover KAZ CHN actual growth_pct 32 % 2023 -",
            "exports KAZ CHN actual level 15300000000 USD 2023 -",
            "imports KAZ CHN actual level 25700000000 USD 2023 -",
            "trade_turnover KAZ CHN target level 80000000000 USD - 2030",
        ]
    );
    let k = article_keys(
        "Kazakhstan and China",
        "2024-11-10",
        "China is Kazakhstan's second-largest trading partner after Russia; trade reached $31 billion last year. \
         Trade between Russia and Turkey fell 12% in the first nine months. Kyrgyzstan imported goods worth \
         $1.2 billion from China in Q1.",
    );
    assert_eq!(
        k,
        [
            "trade_turnover KAZ CHN actual level 31000000000 USD 2023 -",
            "trade_turnover RUS TUR actual growth_pct -12 % 2024-01/2024-09 -",
            "imports KGZ CHN actual level 1200000000 USD 2024-Q1 -",
        ]
    );
}

#[test]
fn investment_directions() {
    let t = "China and Kazakhstan";
    for s in [
        "Chinese companies invested $2 billion in Kazakhstan in 2023.",
        "FDI from China into Kazakhstan reached $2 billion in 2023.",
        "Kazakhstan attracted $2 billion of investment from China in 2023.",
        "В 2023 году китайские инвесторы вложили в экономику Казахстана 2 млрд долларов.",
    ] {
        assert_eq!(
            keys(t, s),
            ["investment CHN KAZ actual level 2000000000 USD 2023 -"],
            "{s}"
        );
    }
}

#[test]
fn aggregates_and_ranges() {
    let t = "UAE and India";
    assert_eq!(
        keys(
            t,
            "Non-oil trade between the UAE and India reached $50 billion in 2023."
        ),
        ["trade_turnover ARE IND actual level 50000000000 USD 2023 -"]
    );
    // A range leaves no stray "$5" claim.
    assert_eq!(
        keys(t, "Officials put trade at $5-6 billion."),
        ["trade_turnover ARE IND actual level 6000000000 USD - -"]
    );
}

#[test]
fn several_partners_and_world_totals_in_one_sentence() {
    assert_eq!(
        article_keys(
            "Kazakhstan's foreign trade",
            "2024-03-01",
            "Kazakhstan's trade with Russia reached $26 billion, with China $31 billion, and with the EU $40 billion in 2023."
        ),
        [
            "trade_turnover KAZ RUS actual level 26000000000 USD 2023 -",
            "trade_turnover CHN KAZ actual level 31000000000 USD 2023 -",
            "trade_turnover EU KAZ actual level 40000000000 USD 2023 -",
        ]
    );
    assert_eq!(
        article_keys(
            "Внешняя торговля Казахстана",
            "2024-08-01",
            "В январе-июне 2024 года внешнеторговый оборот Казахстана составил 67,5 млрд долларов, из них экспорт — 39,6 млрд, импорт — 27,9 млрд."
        ),
        [
            "trade_turnover KAZ WORLD actual level 67500000000 USD 2024-H1 -",
            "exports KAZ WORLD actual level 39600000000 USD 2024-H1 -",
            "imports KAZ WORLD actual level 27900000000 USD 2024-H1 -",
        ]
    );
    assert_eq!(
        keys(
            "Uzbekistan, China",
            "Uzbekistan and China agreed to double bilateral trade to $20 billion by 2030 from $10 billion in 2023."
        ),
        [
            "trade_turnover UZB CHN target level 20000000000 USD - 2030",
            "trade_turnover UZB CHN actual level 10000000000 USD 2023 -"
        ]
    );
}

#[test]
fn present_tense_figures_have_no_period() {
    let k = article_keys(
        "Kazakhstan and Kyrgyzstan",
        "2024-03-01",
        "Trade reached $1.6 billion in 2023.\n\nToday mutual trade stands at about $2 billion, the minister said. Сейчас товарооборот составляет 2,1 млрд долларов.",
    );
    assert_eq!(
        k,
        [
            "trade_turnover KAZ KGZ actual level 1600000000 USD 2023 -",
            "trade_turnover KAZ KGZ actual level 2000000000 USD - -",
            "trade_turnover KAZ KGZ actual level 2100000000 USD - -",
        ]
    );
    for t in [
        "The company exported goods worth $40 million to Kyrgyzstan.",
        "The trade ministry allocated $5 million for exhibitions.",
        "Customs revenue from trade with Kyrgyzstan reached $300 million.",
    ] {
        assert_eq!(
            keys("Kazakhstan and Kyrgyzstan", t),
            Vec::<String>::new(),
            "{t}"
        );
    }
}

#[test]
fn russian_phrasings() {
    let t = "Узбекистан и Казахстан";
    assert_eq!(
        keys(
            t,
            "Экспорт из Узбекистана в Казахстан составил 1,2 млрд долларов, импорт из Казахстана — 2,9 млрд долларов."
        ),
        [
            "exports UZB KAZ actual level 1200000000 USD - -",
            "imports UZB KAZ actual level 2900000000 USD - -"
        ]
    );
    assert_eq!(
        keys(
            t,
            "Ожидается, что по итогам года товарооборот превысит 5 млрд долларов."
        ),
        ["trade_turnover UZB KAZ forecast level 5000000000 USD - 2024"]
    );
    assert_eq!(
        keys(
            t,
            "Стороны намерены увеличить товарооборот до 10 млрд долларов в течение пяти лет."
        ),
        ["trade_turnover UZB KAZ target level 10000000000 USD - 2029"]
    );
    assert_eq!(
        keys(
            t,
            "В первом квартале товарооборот увеличился на 8% и составил $1,1 млрд."
        ),
        [
            "trade_turnover UZB KAZ actual growth_pct 8 % 2024-Q1 -",
            "trade_turnover UZB KAZ actual level 1100000000 USD 2024-Q1 -"
        ]
    );
}

#[test]
fn an_article_of_distractors_gives_nothing() {
    let k = article_keys(
        "Kazakhstan and EU",
        "2024-03-01",
        "The Trans-Caspian route handled 2.7 million tons of cargo in 2023. The government plans to invest $1.5 billion \
         in logistics. The EBRD will lend $200 million. Kazakhstan's exports of oil to Europe generated $30 billion. The \
         trade mission signed 15 agreements worth $500 million. Trade representatives from 20 countries attended. The \
         sides want to attract $10 billion by 2030. Officials expect the port to handle $2 billion of goods next year. \
         The EU plans to mobilise €10 billion for transport links. GDP per capita reached $13,000. The state budget \
         deficit stood at $5 billion. Kazakhstan holds $35 billion in gold and currency reserves. The tenge weakened 5% \
         against the dollar. Wages rose 12% in 2023. Prices rose 9.8% last year.",
    );
    assert_eq!(k, Vec::<String>::new());
}

#[test]
fn mutual_investment_and_per_capita_give_nothing() {
    for t in [
        "The volume of mutual investments between Russia and Kazakhstan reached $15 billion.",
        "Взаимные инвестиции России и Казахстана превысили 15 млрд долларов.",
        "Kazakhstan's GDP per capita reached $13,500 in 2023.",
    ] {
        assert_eq!(
            keys("Russia and Kazakhstan", t),
            Vec::<String>::new(),
            "{t}"
        );
    }
    // With a direction it is a claim.
    assert_eq!(
        keys(
            "Russia and Kazakhstan",
            "Russian investment in Kazakhstan reached $15 billion."
        ),
        ["investment RUS KAZ actual level 15000000000 USD - -"]
    );
}

#[test]
fn news_wire_variants() {
    assert_eq!(
        article_keys(
            "Kazakhstan and Kyrgyzstan",
            "2024-05-01",
            "Trade turnover between Kazakhstan and Kyrgyzstan amounted to 1.6 billion dollars in 2023 against 1.3 billion in 2022. The growth rate was 23%."
        ),
        [
            "trade_turnover KAZ KGZ actual level 1600000000 USD 2023 -",
            "trade_turnover KAZ KGZ actual level 1300000000 USD 2022 -",
            "trade_turnover KAZ KGZ actual growth_pct 23 % 2023 -",
        ]
    );
    assert_eq!(
        article_keys(
            "Pakistan and Uzbekistan",
            "2024-05-01",
            "Pakistan and Uzbekistan signed a transit trade agreement and agreed to raise bilateral trade to $2 billion within three years. Currently, bilateral trade stands at around $400 million."
        ),
        [
            "trade_turnover PAK UZB target level 2000000000 USD - 2027",
            "trade_turnover PAK UZB actual level 400000000 USD - -"
        ]
    );
    assert_eq!(
        article_keys(
            "Turkmenistan and Turkey",
            "2024-05-01",
            "ANKARA, May 1 (AKIpress) - Turkey's exports to Turkmenistan rose by 17% year-on-year to $1.1 billion in January-April, while Turkey's imports from Turkmenistan amounted to $340 million."
        ),
        [
            "exports TUR TKM actual growth_pct 17 % 2024-01/2024-04 -",
            "exports TUR TKM actual level 1100000000 USD 2024-01/2024-04 -",
            "imports TUR TKM actual level 340000000 USD 2024-01/2024-04 -",
        ]
    );
    assert_eq!(
        keys(
            "Kazakhstan and Russia",
            "In 2023 Kazakhstan imported goods worth $17.1 billion from Russia and exported goods worth $9.8 billion to it."
        ),
        [
            "imports KAZ RUS actual level 17100000000 USD 2023 -",
            "exports KAZ RUS actual level 9800000000 USD 2023 -"
        ]
    );
    // Regions outside the code list are not annotated.
    assert_eq!(
        keys(
            "China and Central Asia",
            "China's trade with the five Central Asian countries reached $89.4 billion in 2023."
        ),
        Vec::<String>::new()
    );
}
