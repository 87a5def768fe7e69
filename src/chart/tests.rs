//! Chart tests: structure (files, PNG header, SVG text), determinism, odd tracks.
use super::*;
use crate::Indicator;
use crate::series::{Progress, SourcePoint};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn target(value: f64, deadline: Option<i32>, stated: NaiveDate, superseded: bool, article: &str) -> Target {
    Target {
        value,
        deadline,
        first_stated: stated,
        last_stated: stated,
        n_sources: 1,
        articles: vec![article.to_string()],
        superseded,
    }
}

/// A full-year figure when `d` is 31 December, else an "as of" one; published a
/// month after `d`.
fn point(d: NaiveDate, value: f64, id: &str, source: &str) -> SourcePoint {
    let full = d.month() == 12 && d.day() == 31;
    SourcePoint {
        date: d,
        value,
        period: full.then(|| d.year().to_string()),
        published: d.checked_add_months(chrono::Months::new(1)),
        article_id: id.to_string(),
        source: source.to_string(),
    }
}

/// KAZ-KGZ turnover 2021-2025; $2bn by 2025 superseded by $3bn by 2030.
fn sample() -> Track {
    let points = vec![
        point(date(2021, 12, 31), 0.9e9, "a1", "https://www.kabar.kg/news/1"),
        point(date(2022, 12, 31), 1.0e9, "a2", "akorda.kz"),
        point(date(2022, 12, 31), 1.1e9, "a3", "https://24.kg/x"),
        point(date(2023, 12, 31), 1.3e9, "a4", "https://www.kabar.kg/news/2"),
        point(date(2023, 12, 31), 1.25e9, "a5", "Kazinform"),
        point(date(2024, 12, 31), 1.5e9, "a6", "akorda.kz"),
        point(date(2025, 6, 30), 1.8e9, "a7", "https://24.kg/y"),
    ];
    let median = vec![
        (date(2021, 12, 31), 0.9e9),
        (date(2022, 12, 31), 1.05e9),
        (date(2023, 12, 31), 1.275e9),
        (date(2024, 12, 31), 1.5e9),
    ];
    let old = target(2e9, Some(2025), date(2021, 3, 1), true, "t1");
    let active = target(3e9, Some(2030), date(2024, 5, 20), false, "a6");
    Track {
        indicator: Indicator::TradeTurnover,
        country: "KAZ".into(),
        partner: Some("KGZ".into()),
        unit: "USD".into(),
        points,
        median,
        as_of: vec![(date(2025, 6, 30), 1.8e9)],
        targets: vec![old, active.clone()],
        progress: Progress {
            latest: Some((date(2024, 12, 31), 1.5e9)),
            latest_label: Some("2024".into()),
            latest_as_of: Some((date(2025, 6, 30), 1.8e9)),
            target: active,
            ratio: Some(0.5),
            baseline: Some(1.275e9),
            baseline_year: Some(2023),
            required_growth: Some(0.122),
            observed_growth: Some(0.176),
            observed_from: Some(2021),
            status: Status::OnTrack,
            note: None,
        },
    }
}

/// Whether the SVG has a text element reading exactly `text`.
fn is_text(svg: &str, text: &str) -> bool {
    svg.contains(&format!(">\n{text}\n</text>"))
}

fn render(track: &Track) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let paths = write_charts(track, dir.path()).unwrap();
    (dir, paths)
}

#[test]
fn writes_png_and_svg_with_expected_names_and_size() {
    let (dir, paths) = render(&sample());
    assert_eq!(
        paths,
        vec![
            dir.path().join("trade_turnover_KAZ-KGZ.png"),
            dir.path().join("trade_turnover_KAZ-KGZ.svg")
        ]
    );
    let png = fs::read(&paths[0]).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(&png[12..16], b"IHDR");
    let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((w, h), (1200, 700));
    let svg = fs::read_to_string(&paths[1]).unwrap();
    assert!(svg.contains(r#"width="1200" height="700""#), "{}", &svg[..200]);
    // Nothing but the two charts is left in the folder: temp files were renamed.
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["trade_turnover_KAZ-KGZ.png", "trade_turnover_KAZ-KGZ.svg"]);
}

#[test]
fn svg_holds_title_targets_axis_progress_and_sources() {
    let (_dir, paths) = render(&sample());
    let svg = fs::read_to_string(&paths[1]).unwrap();
    for text in [
        "Kazakhstan–Kyrgyzstan trade turnover",
        "target $3bn by 2030",
        "earlier target $2bn by 2025",
        "50% of the $3bn target (2030)",
        "latest $1.5bn (2024)",
        "on track: needs +12.2% a year, grew +17.6% a year since 2021",
        "$1.8bn as of 2025-06-30",
        "“as of” figures",
        // Articles behind figures and targets (a6 states both), by publication date.
        "8 source articles, published 2021-03-01 to 2025-07-30",
        "Sources: 24.kg, Kazinform, akorda.kz, kabar.kg",
        "required path",
    ] {
        assert!(svg.contains(text), "missing {text:?}");
    }
    for label in ["$0", "$500m", "$1bn", "$2.5bn", "2021", "2024", "2030"] {
        assert!(is_text(&svg, label), "missing text element {label:?}");
    }
    // The chart ends with the deadline year: no 2031 label.
    assert!(!is_text(&svg, "2031"));
}

#[test]
fn renders_are_byte_identical() {
    let track = sample();
    // Set ECONTRACK_CHART_PREVIEW=DIR to keep a copy of the sample chart to look at.
    if let Some(dir) = std::env::var_os("ECONTRACK_CHART_PREVIEW") {
        write_charts(&track, Path::new(&dir)).unwrap();
    }
    let (_a, first) = render(&track);
    let (_b, second) = render(&track);
    for (x, y) in first.iter().zip(&second) {
        assert!(fs::read(x).unwrap() == fs::read(y).unwrap(), "{} differs", x.display());
    }
}

#[test]
fn no_required_path_once_the_target_is_met() {
    let mut track = sample();
    track.progress.latest = Some((date(2024, 12, 31), 3.2e9));
    track.progress.ratio = Some(3.2 / 3.0);
    track.progress.status = Status::Achieved;
    let (_dir, paths) = render(&track);
    let svg = fs::read_to_string(&paths[1]).unwrap();
    assert!(
        svg.contains("107% of the $3bn target (2030)  ·  latest $3.2bn (2024)  ·  achieved")
    );
    assert!(!svg.contains("required path"));
}

#[test]
fn track_without_points_still_renders() {
    let mut track = sample();
    track.points.clear();
    track.median.clear();
    track.as_of.clear();
    track.progress.latest = None;
    track.progress.latest_label = None;
    track.progress.latest_as_of = None;
    track.progress.ratio = None;
    track.progress.required_growth = None;
    track.progress.observed_growth = None;
    track.progress.observed_from = None;
    track.progress.status = Status::Behind;
    track.progress.note = Some("no full-year figure reported".into());
    let (_dir, paths) = render(&track);
    let svg = fs::read_to_string(&paths[1]).unwrap();
    assert!(svg.contains("no full-year figure yet toward the $3bn target (2030)"));
    assert!(svg.contains("behind: no full-year figure reported"));
    assert!(svg.contains("2 source articles, published 2021-03-01 to 2024-05-20"));
    assert!(!svg.contains("required path"));
}

#[test]
fn track_without_deadline_runs_a_year_past_the_data() {
    let mut track = sample();
    track.targets[1].deadline = None;
    track.progress.target.deadline = None;
    track.progress.required_growth = None;
    track.progress.status = Status::NoDeadline;
    let (_dir, paths) = render(&track);
    let svg = fs::read_to_string(&paths[1]).unwrap();
    assert!(svg.contains("50% of the $3bn target (no deadline)"));
    assert!(svg.contains("target $3bn (no deadline)"));
    assert!(is_text(&svg, "2026") && !is_text(&svg, "2027"));
    assert!(!svg.contains("required path"));
}

#[test]
fn odd_values_do_not_break_the_chart() {
    let mut track = sample();
    track.points.push(point(date(2023, 1, 1), f64::NAN, "a8", ""));
    track.unit = "KZT".into();
    track.partner = None;
    track.country = "XYZ".into();
    track.progress.ratio = Some(f64::INFINITY);
    let (dir, paths) = render(&track);
    assert_eq!(paths[1], dir.path().join("trade_turnover_XYZ.svg"));
    let svg = fs::read_to_string(&paths[1]).unwrap();
    assert!(svg.contains("XYZ trade turnover"));
    assert!(is_text(&svg, "1bn KZT"), "{svg}");
}

#[test]
fn missing_folder_is_a_chart_error_with_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    match write_charts(&sample(), &missing) {
        Err(Error::Chart { path, .. }) => assert!(path.starts_with(&missing)),
        other => panic!("expected a chart error, got {other:?}"),
    }
}

#[test]
fn file_stem_is_indicator_and_pair() {
    let mut track = sample();
    assert_eq!(chart_file_stem(&track), "trade_turnover_KAZ-KGZ");
    track.indicator = Indicator::Exports;
    track.partner = Some("EU/x".into());
    assert_eq!(chart_file_stem(&track), "exports_KAZ-EU_x");
}

#[test]
fn money_labels() {
    for (value, unit, want) in [
        (1.5e9, "USD", "$1.5bn"),
        (3e9, "USD", "$3bn"),
        (850e6, "USD", "$850m"),
        (2.5e12, "USD", "$2.5tn"),
        (1.2e9, "EUR", "€1.2bn"),
        (1.2e9, "KZT", "1.2bn KZT"),
        (40e6, "GBP", "£40m"),
        (0.0, "USD", "$0"),
        (500e6, "USD", "$500m"),
        (250e6, "USD", "$250m"),
        (2.25e9, "USD", "$2.25bn"),
        (1.234e9, "USD", "$1.23bn"),
        (12.34e9, "USD", "$12.3bn"),
        (123.4e9, "USD", "$123bn"),
        (999.99e6, "USD", "$1bn"),
        (999.4e6, "USD", "$999m"),
        (1e6, "USD", "$1m"),
        (25_000.0, "USD", "$25k"),
        (850.0, "USD", "$850"),
        (0.5, "USD", "$0.5"),
        (-1.5e9, "USD", "-$1.5bn"),
        (-0.0004, "USD", "$0"),
        (0.5e-3, "USD", "$0.001"),
        (1.5e9, "", "1.5bn"),
        (1.5e15, "USD", "$1500tn"),
        (f64::NAN, "USD", "n/a"),
    ] {
        assert_eq!(money_label(value, unit), want, "{value} {unit}");
    }
}

#[test]
fn titles_name_countries_and_fall_back_to_codes() {
    let mut track = sample();
    assert_eq!(title(&track), "Kazakhstan–Kyrgyzstan trade turnover");
    track.indicator = Indicator::Exports;
    track.partner = Some("TUR".into());
    assert_eq!(title(&track), "Kazakhstan exports to Türkiye");
    track.partner = Some("ZZZ".into());
    track.indicator = Indicator::Imports;
    assert_eq!(title(&track), "Kazakhstan imports from ZZZ");
    track.partner = None;
    track.indicator = Indicator::Gdp;
    assert_eq!(title(&track), "Kazakhstan GDP");
}

/// Width and height from a PNG's IHDR, after checking the signature.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(&png[12..16], b"IHDR");
    (u32::from_be_bytes(png[16..20].try_into().unwrap()), u32::from_be_bytes(png[20..24].try_into().unwrap()))
}

/// Three tracks with different statuses: the sample (on track), a behind one
/// with no observed growth, and one without a deadline.
fn three_tracks() -> Vec<Track> {
    let mut behind = sample();
    behind.partner = Some("CHN".into());
    behind.progress.status = Status::Behind;
    behind.progress.ratio = Some(0.25);
    behind.progress.observed_growth = None;
    behind.progress.note = Some("growth not measurable: only one full year (2024) reported".into());
    let mut open = sample();
    open.indicator = Indicator::Exports;
    open.partner = Some("RUS".into());
    open.progress.target.deadline = None;
    open.progress.status = Status::NoDeadline;
    vec![sample(), behind, open]
}

#[test]
fn overview_has_one_panel_per_track_with_title_and_progress() {
    let dir = tempfile::tempdir().unwrap();
    let tracks = three_tracks();
    let paths = write_overview(&tracks, dir.path()).unwrap();
    assert_eq!(paths, [dir.path().join("overview.png"), dir.path().join("overview.svg")]);
    // Three panels: two columns, two rows.
    assert_eq!(overview::size(3), (1200, 82 + 2 * 340 + 40));
    assert_eq!(png_size(&fs::read(&paths[0]).unwrap()), overview::size(3));
    let svg = fs::read_to_string(&paths[1]).unwrap();
    assert!(svg.contains(r#"width="1200" height="802""#), "{}", &svg[..200]);
    for text in [
        "Progress toward 3 trade targets",
        "Kazakhstan–Kyrgyzstan trade turnover",
        "50% of the $3bn target (2030)",
        "on track  ·  latest $1.5bn (2024)",
        "Kazakhstan–China trade turnover",
        "25% of the $3bn target (2030)",
        "behind  ·  latest $1.5bn (2024)",
        "Kazakhstan exports to Russia",
        "50% of the $3bn target (no deadline)",
        "no deadline  ·  latest $1.5bn (2024)",
        "required path",
    ] {
        assert!(is_text(&svg, text), "missing text element {text:?}");
    }
    // Panel axes carry money and years.
    for label in ["$3bn", "2025", "2030"] {
        assert!(is_text(&svg, label), "missing {label:?}");
    }
    let mut names: Vec<String> =
        fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["overview.png", "overview.svg"], "no temporary file left");
}

#[test]
fn overview_grid_grows_with_the_number_of_targets() {
    assert_eq!(overview::size(0), (1200, 82 + 340 + 40));
    assert_eq!(overview::size(1), (1200, 82 + 340 + 40));
    assert_eq!(overview::size(4), (1200, 82 + 2 * 340 + 40));
    assert_eq!(overview::size(5), (1200, 82 + 2 * 340 + 40), "three columns from five panels");
    assert_eq!(overview::size(7), (1200, 82 + 3 * 340 + 40));
    let dir = tempfile::tempdir().unwrap();
    let paths = write_overview(&[], dir.path()).unwrap();
    assert!(is_text(&fs::read_to_string(&paths[1]).unwrap(), "No tracked trade targets"));
    assert_eq!(png_size(&fs::read(&paths[0]).unwrap()), (1200, 462));
}

#[test]
fn overview_renders_are_byte_identical() {
    let tracks = three_tracks();
    // Set ECONTRACK_CHART_PREVIEW=DIR to keep a copy of the overview to look at.
    if let Some(dir) = std::env::var_os("ECONTRACK_CHART_PREVIEW") {
        write_overview(&tracks, Path::new(&dir)).unwrap();
    }
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let first = write_overview(&tracks, a.path()).unwrap();
    let second = write_overview(&tracks, b.path()).unwrap();
    for (x, y) in first.iter().zip(&second) {
        assert!(fs::read(x).unwrap() == fs::read(y).unwrap(), "{} differs", x.display());
    }
}

#[test]
fn status_phrase_says_why() {
    let [on_track, behind, open] = <[Track; 3]>::try_from(three_tracks()).unwrap();
    assert_eq!(labels::status_phrase(&on_track), "on track: needs +12.2% a year, grew +17.6% a year since 2021");
    assert_eq!(
        labels::status_phrase(&behind),
        "behind: needs +12.2% a year, growth not measurable: only one full year (2024) reported"
    );
    assert!(!subtitle(&open).contains("no deadline:"), "the target phrase already says so: {}", subtitle(&open));
}

#[test]
fn an_overview_gathered_a_track_at_a_time_is_the_same_picture_and_footnote() {
    let tracks = three_tracks();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let whole = write_overview(&tracks, a.path()).unwrap();
    let mut overview = Overview::create(b.path()).unwrap();
    for t in &tracks {
        overview.push(t.clone()).unwrap();
    }
    assert!(overview.tracks().iter().all(|t| t.points.is_empty()), "the source figures are not kept");
    let mut staging = crate::commit::Staging::new(b.path()).unwrap();
    let (parts, back) = overview.write(b.path(), &mut staging).unwrap();
    assert!(!parts[0].exists(), "a staged picture is put in place on commit");
    staging.commit().unwrap();
    for (x, y) in whole.iter().zip(&parts) {
        assert!(fs::read(x).unwrap() == fs::read(y).unwrap(), "{} differs", y.display());
    }
    assert_eq!(back.len(), 3);
    assert!(back.iter().zip(&tracks).all(|(b, t)| b.targets == t.targets && b.progress == t.progress));
    // The sample's figures and statements name a1..a7 and t1 (a6 twice).
    let foot = Footnote::of(&tracks);
    assert_eq!(foot.articles, 8);
    assert_eq!(foot.published, Some((date(2021, 3, 1), date(2025, 7, 30))));
    let svg = fs::read_to_string(&parts[1]).unwrap();
    assert!(svg.contains("8 source articles, published 2021-03-01 to 2025-07-30"), "the footnote counts each article once");
    let mut tally = FootnoteTally::create(b.path()).unwrap();
    for t in &tracks {
        tally.add(t).unwrap();
    }
    assert_eq!(tally.finish().unwrap(), foot);
    let names: Vec<String> =
        fs::read_dir(b.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names.len(), 2, "the spill files are gone: {names:?}");
}
