//! Charts: one [`Track`] in, a PNG and an SVG of it out (DESIGN.md, Charts).
//!
//! The picture: every source's yearly figures as points (drawn mid-year), their
//! median as a line, "as of" figures as rings off that line, the active target as
//! a line up to its deadline, earlier (superseded) targets faded and dashed, the
//! path required from the latest full year to the target, a progress label ("67%
//! of the $3bn target (2030)"), a legend and a footnote giving the number of
//! articles behind the figures and targets and the dates they were published.
//!
//! [`write_overview`] draws every track as a small panel of one grid picture
//! ([`overview`]); the wording shared by both lives in `labels`.
//!
//! One generic [`draw`] serves both backends (STYLE.md). Text uses Noto Sans
//! embedded in the binary, so a machine without fonts draws the same PNG. The
//! output is deterministic: the same track gives byte-identical files.
//!
//! It deliberately does not decide which tracks get a chart, nor compute
//! progress: both come from [`crate::series`].

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::types::Yearly;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, register_font};

use crate::commit::Staging;
use crate::error::Error;
use crate::series::{Status, Target, Track};

mod labels;
pub mod overview;

pub use overview::{Footnote, FootnoteTally};

use labels::{deadline_phrase, source_name, subtitle, title};
pub use labels::{money_label, progress_label};

/// The file name (without extension) of the overview of every tracked target.
pub const OVERVIEW_STEM: &str = "overview";

/// Width and height of both the PNG and the SVG, in pixels.
pub const CHART_SIZE: (u32, u32) = (1200, 700);

/// The one font family drawn with; registered by [`register_fonts`].
const FAMILY: &str = "sans-serif";

// Palette: figures in blue, the target in red, the required path in orange,
// everything secondary in greys.
const POINT_COLOR: RGBColor = RGBColor(92, 141, 201);
const MEDIAN_COLOR: RGBColor = RGBColor(24, 70, 140);
const TARGET_COLOR: RGBColor = RGBColor(200, 40, 40);
const EARLIER_COLOR: RGBColor = RGBColor(150, 150, 150);
const PATH_COLOR: RGBColor = RGBColor(230, 130, 20);
const TEXT_COLOR: RGBColor = RGBColor(30, 30, 30);
const MUTED_COLOR: RGBColor = RGBColor(100, 100, 100);
const GRID_COLOR: RGBColor = RGBColor(225, 225, 225);
const GOOD_COLOR: RGBColor = RGBColor(30, 130, 60);

/// The file name of a track's charts without extension: `trade_turnover_KAZ-KGZ`.
pub fn chart_file_stem(track: &Track) -> String {
    // The pair comes from extracted codes; keep the name safe for any file system.
    let pair: String = track
        .pair()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .collect();
    format!("{}_{}", track.indicator.as_str(), pair)
}

/// Draws `track` into `dir` as `<stem>.png` and `<stem>.svg` (see [`chart_file_stem`]),
/// both [`CHART_SIZE`], and returns their paths, PNG first.
///
/// Each file is written beside its target under a temporary name and renamed into
/// place, so a failure leaves any earlier chart whole. `dir` must exist.
pub fn write_charts(track: &Track, dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut staging = Staging::new(dir)?;
    let paths = stage_charts(track, dir, &mut staging)?;
    staging.commit()?;
    Ok(paths)
}

/// Draws `track` like [`write_charts`], leaving the renames to `staging`.
pub fn stage_charts(track: &Track, dir: &Path, staging: &mut Staging) -> Result<Vec<PathBuf>, Error> {
    write_picture(Picture::Track(track), dir, &chart_file_stem(track), CHART_SIZE, staging)
}

/// Draws every track as one small panel of [`OVERVIEW_STEM`]`.png` and `.svg` in
/// `dir` (see [`overview`]) and returns their paths, PNG first. Written like
/// [`write_charts`]; with no tracks the picture says so. [`Overview`] draws the
/// same a track at a time.
pub fn write_overview(tracks: &[Track], dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut staging = Staging::new(dir)?;
    let paths = stage_overview(tracks, dir, &mut staging)?;
    staging.commit()?;
    Ok(paths)
}

/// Draws the overview like [`write_overview`], leaving the renames to `staging`.
pub fn stage_overview(tracks: &[Track], dir: &Path, staging: &mut Staging) -> Result<Vec<PathBuf>, Error> {
    let scenes: Vec<Scene> = tracks.iter().map(Scene::new).collect();
    write_overview_of(tracks, &scenes, &Footnote::of(tracks), dir, staging)
}

fn write_overview_of(
    tracks: &[Track],
    scenes: &[Scene],
    footnote: &Footnote,
    dir: &Path,
    staging: &mut Staging,
) -> Result<Vec<PathBuf>, Error> {
    write_picture(Picture::Overview(tracks, scenes, footnote), dir, OVERVIEW_STEM, overview::size(tracks.len()), staging)
}

/// The overview, gathered a track at a time: each track keeps its targets and
/// progress, and of its source figures only what its panel draws (a date and a
/// value each); the articles the footnote counts wait in a spill file. A long
/// run, whose tracks name every article, holds no more than that.
pub struct Overview {
    tracks: Vec<Track>,
    scenes: Vec<Scene>,
    footnote: FootnoteTally,
}

impl Overview {
    /// An empty overview, its spill file in `spill_dir`.
    pub fn create(spill_dir: &Path) -> Result<Overview, Error> {
        Ok(Overview { tracks: Vec::new(), scenes: Vec::new(), footnote: FootnoteTally::create(spill_dir)? })
    }

    /// Adds the next track, in the order the panels come.
    pub fn push(&mut self, mut track: Track) -> Result<(), Error> {
        self.footnote.add(&track)?;
        self.scenes.push(Scene::new(&track));
        track.points = Vec::new();
        self.tracks.push(track);
        Ok(())
    }

    /// The tracks so far, without their source figures.
    pub fn tracks(&self) -> &[Track] {
        &self.tracks
    }

    /// Draws the overview into `dir` like [`write_overview`], leaving the
    /// renames to `staging`; returns its paths, PNG first, and gives the
    /// tracks back.
    pub fn write(self, dir: &Path, staging: &mut Staging) -> Result<(Vec<PathBuf>, Vec<Track>), Error> {
        let footnote = self.footnote.finish()?;
        Ok((write_overview_of(&self.tracks, &self.scenes, &footnote, dir, staging)?, self.tracks))
    }
}

/// What one pair of files shows; [`draw_picture`] dispatches on it, so one
/// writer serves both backends and both pictures.
#[derive(Clone, Copy)]
enum Picture<'a> {
    Track(&'a Track),
    Overview(&'a [Track], &'a [Scene], &'a Footnote),
}

fn draw_picture<DB: DrawingBackend>(root: DrawingArea<DB, Shift>, picture: Picture<'_>) -> Result<(), String> {
    match picture {
        Picture::Track(track) => draw(root, track),
        Picture::Overview(tracks, scenes, footnote) => overview::draw(root, tracks, scenes, footnote),
    }
}

fn write_picture(
    picture: Picture<'_>,
    dir: &Path,
    stem: &str,
    size: (u32, u32),
    staging: &mut Staging,
) -> Result<Vec<PathBuf>, Error> {
    let png = dir.join(format!("{stem}.png"));
    let svg = dir.join(format!("{stem}.svg"));
    register_fonts().map_err(|message| Error::Chart { path: png.clone(), message })?;
    write_png(picture, &png, dir, stem, size, staging)?;
    write_svg(picture, &svg, dir, stem, size, staging)?;
    Ok(vec![png, svg])
}

/// Registers the embedded Noto Sans once per process; plotters measures text with
/// it for both backends, and ab_glyph knows no other font.
fn register_fonts() -> Result<(), String> {
    static REGISTERED: OnceLock<Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            // InvalidFont has neither Debug nor Display, hence the fixed messages.
            register_font(FAMILY, FontStyle::Normal, notosans::REGULAR_TTF)
                .map_err(|_| "embedded font Noto Sans Regular is not a valid font".to_string())?;
            register_font(FAMILY, FontStyle::Bold, notosans::BOLD_TTF)
                .map_err(|_| "embedded font Noto Sans Bold is not a valid font".to_string())
        })
        .clone()
}

/// A temporary name beside the target; the PNG one keeps `.png` last because the
/// bitmap backend picks the encoder from the extension.
fn temp_path(dir: &Path, stem: &str, ext: &str) -> PathBuf {
    dir.join(format!(".{stem}.{}.tmp.{ext}", std::process::id()))
}

fn write_png(picture: Picture<'_>, path: &Path, dir: &Path, stem: &str, size: (u32, u32), staging: &mut Staging) -> Result<(), Error> {
    let tmp = temp_path(dir, stem, "png");
    let chart_err = |message: String| Error::Chart { path: path.to_path_buf(), message };
    // plotters does not re-export an encoder for in-memory buffers, so the backend
    // writes the temporary file itself (on `present`) and we stage it.
    let drawn = {
        let root = BitMapBackend::new(&tmp, size).into_drawing_area();
        draw_picture(root, picture)
    };
    if let Err(message) = drawn {
        let _ = fs::remove_file(&tmp);
        return Err(chart_err(message));
    }
    staging.add_unsynced(tmp, path.to_path_buf())
}

fn write_svg(picture: Picture<'_>, path: &Path, dir: &Path, stem: &str, size: (u32, u32), staging: &mut Staging) -> Result<(), Error> {
    let chart_err = |message: String| Error::Chart { path: path.to_path_buf(), message };
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, size).into_drawing_area();
        draw_picture(root, picture).map_err(chart_err)?;
    }
    let tmp = temp_path(dir, stem, "svg");
    if let Err(e) = fs::write(&tmp, text.as_bytes()) {
        let _ = fs::remove_file(&tmp);
        return Err(chart_err(format!("cannot write: {e}")));
    }
    staging.add_unsynced(tmp, path.to_path_buf())
}

fn year_start(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN)
}

fn mid_year(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 7, 1).unwrap_or(NaiveDate::MIN)
}

/// Superseded targets other than restatements of the active value, one per
/// value (merging its statements; the one with a deadline names it), each with
/// the end of its line: its deadline year, else the day a larger target was
/// first stated, else the last time it was stated.
fn earlier_targets(track: &Track, active: &Target) -> Vec<(Target, NaiveDate)> {
    let same = |a: f64, b: f64| (a - b).abs() <= 0.005 * b.abs();
    let mut groups: Vec<Target> = Vec::new();
    let mut sorted: Vec<&Target> = track
        .targets
        .iter()
        .filter(|t| t.superseded && t.value.is_finite() && !same(t.value, active.value))
        .collect();
    sorted.sort_by(|a, b| a.first_stated.cmp(&b.first_stated).then(a.value.total_cmp(&b.value)));
    for t in sorted {
        match groups.iter_mut().find(|g| same(g.value, t.value)) {
            Some(g) => {
                g.first_stated = g.first_stated.min(t.first_stated);
                g.last_stated = g.last_stated.max(t.last_stated);
                g.deadline = g.deadline.or(t.deadline);
            }
            None => groups.push(t.clone()),
        }
    }
    groups
        .into_iter()
        .map(|g| {
            let replaced = track
                .targets
                .iter()
                .filter(|t| t.value > g.value && t.first_stated >= g.first_stated)
                .map(|t| t.first_stated)
                .min();
            let end = match g.deadline {
                Some(year) => year_start(year + 1),
                None => replaced.unwrap_or(g.last_stated).max(g.last_stated),
            };
            (g, end)
        })
        .collect()
}

/// What [`draw`] needs, taken from the track once, filtered and in a stable order.
struct Scene {
    /// Full-year figures, one per source, and their median per year.
    points: Vec<(NaiveDate, f64)>,
    median: Vec<(NaiveDate, f64)>,
    /// "As of" figures (no period), drawn apart from the yearly line.
    as_of: Vec<(NaiveDate, f64)>,
    /// The newest "as of" median when it is newer than the latest full year.
    latest_as_of: Option<(NaiveDate, f64)>,
    active: Target,
    /// Superseded targets, one per value, each with the date its line ends.
    earlier: Vec<(Target, NaiveDate)>,
    latest: Option<(NaiveDate, f64)>,
    /// Whole years: Jan 1 of the first year to Jan 1 after the last.
    x0: NaiveDate,
    x1: NaiveDate,
    y1: f64,
    /// Distinct articles behind the figures and the target statements, and the
    /// source labels of the figures.
    n_articles: usize,
    sources: Vec<String>,
    /// Earliest and latest publication date of those articles.
    span: Option<(NaiveDate, NaiveDate)>,
}

impl Scene {
    fn new(track: &Track) -> Scene {
        let finite = |as_of: bool| {
            let mut v: Vec<(NaiveDate, f64)> = track
                .points
                .iter()
                .filter(|p| p.value.is_finite() && p.is_as_of() == as_of)
                .map(|p| (p.date, p.value))
                .collect();
            v.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
            v
        };
        // A year's figure stands for the whole year: drawn mid-year, under its label.
        let mid = |v: Vec<(NaiveDate, f64)>| v.into_iter().map(|(d, x)| (mid_year(d.year()), x)).collect::<Vec<_>>();
        let (points, as_of) = (mid(finite(false)), finite(true));
        let mut median: Vec<(NaiveDate, f64)> = track
            .median
            .iter()
            .filter(|(_, v)| v.is_finite())
            .map(|&(d, v)| (mid_year(d.year()), v))
            .collect();
        median.sort_by_key(|m| m.0);
        let mut active = track.progress.target.clone();
        // Restatements of the active value (with or without a deadline) are the
        // same promise: its line starts at the first of them.
        let same = |a: f64, b: f64| (a - b).abs() <= 0.005 * b.abs();
        for t in track.targets.iter().filter(|t| same(t.value, active.value)) {
            active.first_stated = active.first_stated.min(t.first_stated);
        }
        let earlier = earlier_targets(track, &active);
        let latest = track.progress.latest.filter(|(_, v)| v.is_finite()).map(|(d, v)| (mid_year(d.year()), v));
        let latest_as_of = track.progress.latest_as_of.filter(|(_, v)| v.is_finite());

        let data_dates = points.iter().chain(&median).chain(&as_of).map(|(d, _)| *d);
        let stated = std::iter::once(active.first_stated)
            .chain(track.targets.iter().flat_map(|t| [t.first_stated, t.last_stated]));
        let first_year = data_dates.clone().chain(stated.clone()).map(|d| d.year()).min();
        let last_data = data_dates.clone().chain(latest.map(|l| l.0)).max();
        let first_year = first_year.unwrap_or(active.first_stated.year());
        let mut end_year = match active.deadline {
            Some(year) => year,
            // A year past the latest figure (or statement, when there is no figure).
            None => last_data.unwrap_or(active.last_stated).year() + 1,
        };
        // Never cut off a figure reported after the deadline.
        if let Some(last) = last_data {
            end_year = end_year.max(last.year());
        }
        end_year = end_year.max(first_year + 1);

        let max_value = points
            .iter()
            .chain(&median)
            .chain(&as_of)
            .map(|(_, v)| *v)
            .chain(latest.map(|l| l.1))
            .chain(std::iter::once(active.value))
            .chain(earlier.iter().map(|(t, _)| t.value))
            .filter(|v| v.is_finite())
            .fold(0.0_f64, f64::max);
        let y1 = if max_value > 0.0 { max_value * 1.15 } else { 1.0 };

        let n_articles = track
            .points
            .iter()
            .map(|p| &p.article_id)
            .chain(track.targets.iter().flat_map(|t| &t.articles))
            .collect::<BTreeSet<_>>()
            .len();
        let sources: Vec<String> = track
            .points
            .iter()
            .map(|p| source_name(&p.source))
            .filter(|s| !s.is_empty())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        // When the articles appeared, not the periods they speak of.
        let all_dates: Vec<NaiveDate> = track
            .points
            .iter()
            .filter_map(|p| p.published)
            .chain(track.targets.iter().flat_map(|t| [t.first_stated, t.last_stated]))
            .collect();
        let span = all_dates.iter().min().copied().zip(all_dates.iter().max().copied());

        Scene {
            points,
            median,
            as_of,
            latest_as_of,
            active,
            earlier,
            latest,
            x0: year_start(first_year),
            x1: year_start(end_year + 1),
            y1,
            n_articles,
            sources,
            span,
        }
    }

    /// The x where a target's line ends: the end of its deadline year, or the right edge.
    fn target_end(&self, target: &Target) -> NaiveDate {
        match target.deadline {
            Some(year) => year_start(year + 1).clamp(self.x0, self.x1),
            None => self.x1,
        }
    }

    /// From the latest full year to the target in its deadline year (both drawn
    /// mid-year, as yearly figures are); none without a deadline, a figure, or a
    /// gap still to close.
    fn required_path(&self) -> Option<[(NaiveDate, f64); 2]> {
        let (date, value) = self.latest?;
        let end = mid_year(self.active.deadline?).clamp(self.x0, self.x1);
        (date < end && value < self.active.value)
            .then_some([(date, value), (end, self.active.value)])
    }

    /// `12 source articles, published 2017-12-25 to 2026-02-13`.
    fn footnote(&self) -> String {
        Footnote { articles: self.n_articles, published: self.span }.sources()
    }
}


/// Green when achieved or on track, red when behind, grey without a deadline.
fn status_color(status: Status) -> &'static RGBColor {
    match status {
        Status::Achieved | Status::OnTrack => &GOOD_COLOR,
        Status::Behind => &TARGET_COLOR,
        Status::NoDeadline => &MUTED_COLOR,
    }
}

fn font(size: u32) -> TextStyle<'static> {
    (FAMILY, size).into_font().color(&TEXT_COLOR)
}

fn bold(size: u32) -> TextStyle<'static> {
    (FAMILY, size, FontStyle::Bold).into_font().color(&TEXT_COLOR)
}

fn anchored(style: TextStyle<'static>, h: HPos, v: VPos) -> TextStyle<'static> {
    style.pos(Pos::new(h, v))
}

// Layout, in pixels of the 1200x700 canvas.
const HEADER_H: i32 = 92;
const LEGEND_H: i32 = 34;
const FOOTER_H: i32 = 52;
const SIDE: i32 = 24;

/// Draws `track` on `root` (any backend) and presents it.
///
/// Errors come back as text because plotters' error type is per backend;
/// [`write_charts`] wraps them with the file's path.
fn draw<DB: DrawingBackend>(root: DrawingArea<DB, Shift>, track: &Track) -> Result<(), String> {
    let scene = Scene::new(track);
    let e = |err: DrawingAreaErrorKind<DB::ErrorType>| err.to_string();
    let (width, height) = root.dim_in_pixel();
    let (width, height) = (width as i32, height as i32);

    root.fill(&WHITE).map_err(e)?;

    // Header: title, then the progress line coloured by status.
    let max_w = (width - 2 * SIDE).max(0) as u32;
    let title_style =
        fit(&root, &title(track), &[bold(38), bold(32), bold(26)], max_w).map_err(e)?;
    root.draw(&Text::new(title(track), (SIDE, 12), title_style)).map_err(e)?;
    let sizes = [24, 21, 18, 15].map(|size| font(size).color(status_color(track.progress.status)));
    let sub_style = fit(&root, &subtitle(track), &sizes, max_w).map_err(e)?;
    root.draw(&Text::new(subtitle(track), (SIDE, 56), sub_style)).map_err(e)?;

    let plot_area = root.margin(HEADER_H, LEGEND_H + FOOTER_H, 0, 0);
    let mut chart = ChartBuilder::on(&plot_area)
        .margin_left(SIDE)
        .margin_right(40)
        .margin_top(8)
        .x_label_area_size(34)
        .y_label_area_size(86)
        .build_cartesian_2d((scene.x0..scene.x1).yearly(), 0.0..scene.y1)
        .map_err(e)?;

    let unit = track.unit.clone();
    let y_fmt = move |v: &f64| money_label(*v, &unit);
    let n_years = (scene.x1.year() - scene.x0.year()).max(1) as usize;
    chart
        .configure_mesh()
        // One grid line per year; the year labels are drawn mid-year below.
        .x_labels(n_years + 1)
        .x_label_formatter(&|_| String::new())
        .y_labels(8)
        .y_label_formatter(&y_fmt)
        .label_style(font(19).color(&MUTED_COLOR))
        .bold_line_style(GRID_COLOR)
        .max_light_lines(0)
        .axis_style(MUTED_COLOR)
        .draw()
        .map_err(e)?;
    draw_year_labels(&root, &chart, &scene).map_err(e)?;

    // Earlier targets first, so everything else is drawn over them.
    for (t, end) in &scene.earlier {
        let start = t.first_stated.clamp(scene.x0, scene.x1);
        let end = (*end).clamp(scene.x0, scene.x1);
        chart
            .draw_series(DashedLineSeries::new(
                [(start, t.value), (end, t.value)],
                7,
                6,
                EARLIER_COLOR.stroke_width(2),
            ))
            .map_err(e)?;
        let label =
            format!("earlier target {} {}", money_label(t.value, &track.unit), deadline_phrase(t));
        // Label at the line's start, unless it would run off the right edge.
        let style = font(19).color(&EARLIER_COLOR);
        let (label_w, _) = root.estimate_text_size(&label, &style).map_err(e)?;
        let right_edge = chart.backend_coord(&(scene.x1, 0.0)).0;
        let fits = chart.backend_coord(&(start, 0.0)).0 + 4 + label_w as i32 <= right_edge;
        let (at, dx, h) = if fits { (start, 4, HPos::Left) } else { (end, -4, HPos::Right) };
        chart
            .draw_series(std::iter::once(
                EmptyElement::at((at, t.value))
                    + Text::new(label, (dx, -5), anchored(style, h, VPos::Bottom)),
            ))
            .map_err(e)?;
    }

    // The active target, from when it was first stated to its deadline.
    let active = &scene.active;
    let t_start = active.first_stated.clamp(scene.x0, scene.x1);
    let t_end = scene.target_end(active);
    if active.value.is_finite() {
        chart
            .draw_series(LineSeries::new(
                [(t_start, active.value), (t_end, active.value)],
                TARGET_COLOR.stroke_width(3),
            ))
            .map_err(e)?;
        let label = format!(
            "target {} {}",
            money_label(active.value, &track.unit),
            deadline_phrase(active)
        );
        chart
            .draw_series(std::iter::once(
                EmptyElement::at((t_end, active.value))
                    + Circle::new((0, 0), 5, TARGET_COLOR.filled())
                    + Text::new(
                        label,
                        (-6, -7),
                        anchored(bold(21).color(&TARGET_COLOR), HPos::Right, VPos::Bottom),
                    ),
            ))
            .map_err(e)?;
    }

    // The path required from the latest figure to the target at its deadline.
    if let Some(path) = scene.required_path() {
        chart
            .draw_series(DashedLineSeries::new(path, 9, 6, PATH_COLOR.stroke_width(2)))
            .map_err(e)?;
    }

    // Every source's figures, then the median over them.
    chart
        .draw_series(
            scene.points.iter().map(|&p| Circle::new(p, 5, POINT_COLOR.mix(0.55).filled())),
        )
        .map_err(e)?;
    chart
        .draw_series(scene.points.iter().map(|&p| Circle::new(p, 5, POINT_COLOR.stroke_width(1))))
        .map_err(e)?;
    if !scene.median.is_empty() {
        chart
            .draw_series(LineSeries::new(
                scene.median.iter().copied(),
                MEDIAN_COLOR.stroke_width(3),
            ))
            .map_err(e)?;
        chart
            .draw_series(scene.median.iter().map(|&p| Circle::new(p, 3, MEDIAN_COLOR.filled())))
            .map_err(e)?;
    }

    // "As of" figures: hollow, off the yearly line, since their period is unknown.
    chart
        .draw_series(scene.as_of.iter().map(|&p| Circle::new(p, 5, WHITE.filled())))
        .map_err(e)?;
    chart
        .draw_series(scene.as_of.iter().map(|&p| Circle::new(p, 5, MEDIAN_COLOR.stroke_width(2))))
        .map_err(e)?;

    // The latest full-year figure, and a newer "as of" one, named beside them.
    let unit = &track.unit;
    let mut named = Vec::new();
    if let Some((date, value)) = scene.latest {
        let period = track.progress.latest_label.clone().unwrap_or_else(|| date.year().to_string());
        named.push((date, value, format!("{} ({period})", money_label(value, unit)), bold(20).color(&MEDIAN_COLOR)));
    }
    if let Some((date, value)) = scene.latest_as_of {
        named.push((date, value, format!("{} as of {date}", money_label(value, unit)), font(18).color(&MEDIAN_COLOR)));
    }
    for (i, (date, value, label, style)) in named.into_iter().enumerate() {
        // Below right of the point, or left when it would run off the edge: the
        // required path runs above and to the right, so below keeps clear of it.
        let (label_w, _) = root.estimate_text_size(&label, &style).map_err(e)?;
        let x = chart.backend_coord(&(date, value)).0;
        let fits = x + 10 + label_w as i32 <= chart.backend_coord(&(scene.x1, 0.0)).0;
        let (dx, h) = if fits { (10, HPos::Left) } else { (-10, HPos::Right) };
        let (dy, v) = if i == 0 { (6, VPos::Top) } else { (8, VPos::Top) };
        chart
            .draw_series(std::iter::once(
                EmptyElement::at((date, value))
                    + Circle::new((0, 0), 7, MEDIAN_COLOR.stroke_width(2))
                    + Text::new(label, (dx, dy), anchored(style, h, v)),
            ))
            .map_err(e)?;
    }

    draw_legend(&root, &scene, height - FOOTER_H - LEGEND_H + 6).map_err(e)?;
    draw_footnote(&root, &scene, width, height - FOOTER_H + 6).map_err(e)?;
    root.present().map_err(e)
}

type DateChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<Yearly<NaiveDate>, RangedCoordf64>>;

/// Year numbers centred under each year's band, every 1, 2, 5 or 10 years so they
/// never crowd.
fn draw_year_labels<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &DateChart<'_, DB>,
    scene: &Scene,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (first, last) = (scene.x0.year(), scene.x1.year() - 1);
    let years = last - first + 1;
    let step = [1, 2, 5, 10, 20, 50].into_iter().find(|s| years / s <= 14).unwrap_or(100);
    let style = anchored(font(19).color(&MUTED_COLOR), HPos::Center, VPos::Top);
    for year in (first..=last).filter(|y| y.rem_euclid(step) == 0 || step == 1) {
        let (x, y) = chart.backend_coord(&(mid_year(year), 0.0));
        root.draw(&Text::new(year.to_string(), (x, y + 8), style.clone()))?;
    }
    Ok(())
}

/// One row under the plot: a swatch and a name per element shown.
fn draw_legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    scene: &Scene,
    y: i32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let mut entries: Vec<(&str, Swatch)> = Vec::new();
    if !scene.points.is_empty() {
        entries.push(("yearly figures", Swatch::Dot));
    }
    if !scene.median.is_empty() {
        entries.push(("median of sources", Swatch::Line(MEDIAN_COLOR, 3, false)));
    }
    if !scene.as_of.is_empty() {
        entries.push(("“as of” figures", Swatch::Ring));
    }
    entries.push(("active target", Swatch::Line(TARGET_COLOR, 3, false)));
    if !scene.earlier.is_empty() {
        entries.push(("earlier target", Swatch::Line(EARLIER_COLOR, 2, true)));
    }
    if scene.required_path().is_some() {
        entries.push(("required path", Swatch::Line(PATH_COLOR, 2, true)));
    }
    draw_swatches(root, &entries, (SIDE + 86, y + 10), 19)
}

/// Legend entries in a row from `(x, cy)` (the row's vertical centre).
fn draw_swatches<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    entries: &[(&str, Swatch)],
    (mut x, cy): (i32, i32),
    size: u32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let style = anchored(font(size), HPos::Left, VPos::Center);
    for &(name, swatch) in entries {
        match swatch {
            Swatch::Dot => {
                root.draw(&Circle::new((x + 14, cy), 5, POINT_COLOR.mix(0.55).filled()))?;
                root.draw(&Circle::new((x + 14, cy), 5, POINT_COLOR.stroke_width(1)))?;
            }
            Swatch::Ring => {
                root.draw(&Circle::new((x + 14, cy), 5, MEDIAN_COLOR.stroke_width(2)))?;
            }
            Swatch::Line(color, width, dashed) => {
                let segments: Vec<(i32, i32)> = if dashed {
                    vec![(x, x + 8), (x + 12, x + 20), (x + 24, x + 28)]
                } else {
                    vec![(x, x + 28)]
                };
                for (a, b) in segments {
                    root.draw(&PathElement::new([(a, cy), (b, cy)], color.stroke_width(width)))?;
                }
            }
        }
        root.draw(&Text::new(name, (x + 36, cy), style.clone()))?;
        let (w, _) = root.estimate_text_size(name, &style)?;
        x += 36 + w as i32 + 28;
    }
    Ok(())
}

/// The first style in `styles` (largest first) whose rendering of `text` fits `max_w`
/// pixels, or the last one.
fn fit<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    styles: &[TextStyle<'static>],
    max_w: u32,
) -> Result<TextStyle<'static>, DrawingAreaErrorKind<DB::ErrorType>> {
    for style in styles {
        if root.estimate_text_size(text, style)?.0 <= max_w {
            return Ok(style.clone());
        }
    }
    Ok(styles.last().cloned().unwrap_or_else(|| font(15)))
}

#[derive(Clone, Copy)]
enum Swatch {
    Dot,
    Ring,
    /// Colour, stroke width, dashed.
    Line(RGBColor, u32, bool),
}

/// Two small grey lines: the count and date span, then the source names, cut to fit.
fn draw_footnote<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    scene: &Scene,
    width: i32,
    y: i32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let style = font(17).color(&MUTED_COLOR);
    root.draw(&Text::new(scene.footnote(), (SIDE, y), style.clone()))?;
    if scene.sources.is_empty() {
        return Ok(());
    }
    let max_w = (width - 2 * SIDE).max(0) as u32;
    let mut line = String::from("Sources: ");
    for (i, name) in scene.sources.iter().enumerate() {
        let sep = if i == 0 { "" } else { ", " };
        let rest = scene.sources.len() - i - 1;
        let candidate = format!("{line}{sep}{name}");
        // Leave room for "and N more" unless this is the last name.
        let probe =
            if rest > 0 { format!("{candidate}, and {rest} more") } else { candidate.clone() };
        if root.estimate_text_size(&probe, &style)?.0 > max_w && i > 0 {
            line.push_str(&format!(", and {} more", rest + 1));
            break;
        }
        line = candidate;
    }
    root.draw(&Text::new(line, (SIDE, y + 20), style))?;
    Ok(())
}

#[cfg(test)]
mod tests;
