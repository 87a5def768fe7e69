//! The overview: every tracked target in one picture, as a grid of small panels
//! (`charts/overview.png` and `.svg`).
//!
//! Each panel is a compact version of a track's chart: its title, the progress
//! label coloured by status, the status with the latest full-year figure, and a
//! plot with the median line, every source's figures, "as of" figures, the
//! active target up to its deadline and the required path. Earlier targets,
//! the legend and source names are left to the full charts.
//!
//! Panels come in the order of the tracks (indicator, then pair), so the same
//! tracks give byte-identical files.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::labels::{money_label, progress_label, title};
use super::{
    GRID_COLOR, MEDIAN_COLOR, MUTED_COLOR, PATH_COLOR, POINT_COLOR, SIDE, Scene, Swatch, TARGET_COLOR,
    anchored, bold, draw_swatches, fit, font, mid_year, status_color,
};
use crate::error::Error;
use crate::series::Track;
use crate::spill::{Spill, for_each_group};

/// Width of the overview, whatever the number of panels.
pub const WIDTH: u32 = 1200;
/// Height of one row of panels.
const PANEL_H: u32 = 340;
const HEADER_H: u32 = 82;
const FOOTER_H: u32 = 40;

/// Panels per row: one or two side by side while they fit, else three, so each
/// panel stays at least 400 pixels wide and readable at half size.
fn columns(n: usize) -> usize {
    match n {
        0 | 1 => 1,
        2..=4 => 2,
        _ => 3,
    }
}

/// Width and height of an overview of `n` panels.
pub fn size(n: usize) -> (u32, u32) {
    let rows = n.div_ceil(columns(n)).max(1) as u32;
    (WIDTH, HEADER_H + rows * PANEL_H + FOOTER_H)
}

/// Draws the overview of `tracks` (with their `scenes`) on `root` and presents it.
pub(super) fn draw<DB: DrawingBackend>(
    root: DrawingArea<DB, Shift>,
    tracks: &[Track],
    scenes: &[Scene],
    footnote: &Footnote,
) -> Result<(), String> {
    let e = |err: DrawingAreaErrorKind<DB::ErrorType>| err.to_string();
    let (_, height) = root.dim_in_pixel();
    root.fill(&WHITE).map_err(e)?;
    let heading = match tracks.len() {
        0 => "No tracked trade targets".to_string(),
        1 => "Progress toward 1 trade target".to_string(),
        n => format!("Progress toward {n} trade targets"),
    };
    root.draw(&Text::new(heading, (SIDE, 10), bold(32))).map_err(e)?;
    let legend = [
        ("yearly figures", Swatch::Dot),
        ("median of sources", Swatch::Line(MEDIAN_COLOR, 3, false)),
        ("“as of” figures", Swatch::Ring),
        ("active target", Swatch::Line(TARGET_COLOR, 3, false)),
        ("required path", Swatch::Line(PATH_COLOR, 2, true)),
    ];
    draw_swatches(&root, &legend, (SIDE, 60), 18).map_err(e)?;

    let grid = root.margin(HEADER_H, FOOTER_H, SIDE / 2, SIDE / 2);
    let cols = columns(tracks.len());
    let rows = tracks.len().div_ceil(cols).max(1);
    for (panel, (track, scene)) in grid.split_evenly((rows, cols)).iter().zip(tracks.iter().zip(scenes)) {
        draw_panel(panel, track, scene).map_err(e)?;
    }

    let foot = footnote.text();
    root.draw(&Text::new(foot, (SIDE, height as i32 - FOOTER_H as i32 + 10), font(17).color(&MUTED_COLOR)))
        .map_err(e)?;
    root.present().map_err(e)
}

/// What the footnote counts: every article behind a figure or a target
/// statement of any panel, and when they were published.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Footnote {
    pub articles: usize,
    pub published: Option<(NaiveDate, NaiveDate)>,
}

/// The article ids behind a track's figures and target statements (with repeats).
fn articles_of(t: &Track) -> impl Iterator<Item = &String> {
    t.points.iter().map(|p| &p.article_id).chain(t.targets.iter().flat_map(|g| &g.articles))
}

/// The publication dates of those articles, as the track knows them.
fn dates_of(t: &Track) -> impl Iterator<Item = NaiveDate> + '_ {
    t.points.iter().filter_map(|p| p.published).chain(t.targets.iter().flat_map(|g| [g.first_stated, g.last_stated]))
}

fn widen(span: Option<(NaiveDate, NaiveDate)>, d: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    Some(span.map_or((d, d), |(a, b)| (a.min(d), b.max(d))))
}

impl Footnote {
    /// The footnote of `tracks`, counted in memory.
    pub fn of(tracks: &[Track]) -> Footnote {
        let articles: BTreeSet<&String> = tracks.iter().flat_map(articles_of).collect();
        Footnote { articles: articles.len(), published: tracks.iter().flat_map(dates_of).fold(None, widen) }
    }

    /// `24 source articles, published 2017-12-25 to 2026-02-13`.
    pub(super) fn sources(&self) -> String {
        let mut text = match self.articles {
            1 => "1 source article".to_string(),
            n => format!("{n} source articles"),
        };
        if let Some((first, last)) = self.published {
            text.push_str(&format!(", published {first} to {last}"));
        }
        text
    }

    /// The overview's footnote: [`Footnote::sources`] and how progress is read.
    fn text(&self) -> String {
        self.sources() + "  ·  progress: the latest full-year figure against the active target"
    }
}

/// A [`Footnote`] counted a track at a time: the article ids wait in a spill
/// file (`.overview-spill.<pid>.tmp`), since a long run's tracks name every
/// article, and are counted once sorted.
pub struct FootnoteTally {
    ids: Spill<String, String>,
    published: Option<(NaiveDate, NaiveDate)>,
}

impl FootnoteTally {
    pub fn create(dir: &Path) -> Result<FootnoteTally, Error> {
        Ok(FootnoteTally { ids: Spill::create(dir, "overview-spill", String::clone)?, published: None })
    }

    pub fn add(&mut self, track: &Track) -> Result<(), Error> {
        self.published = dates_of(track).fold(self.published, widen);
        articles_of(track).try_for_each(|id| self.ids.push(id))
    }

    pub fn finish(self) -> Result<Footnote, Error> {
        let mut articles = 0;
        for_each_group(self.ids.into_sorted()?, |a, b| a == b, |_| {
            articles += 1;
            Ok(())
        })?;
        Ok(Footnote { articles, published: self.published })
    }
}

/// `on track  ·  latest $1.7bn (2024)`.
fn status_line(track: &Track) -> String {
    let p = &track.progress;
    let mut text = p.status.as_str().to_string();
    if let Some((date, value)) = p.latest {
        let period = p.latest_label.clone().unwrap_or_else(|| date.year().to_string());
        text.push_str(&format!("  ·  latest {} ({period})", money_label(value, &track.unit)));
    }
    text
}

/// One panel: a thin frame, three lines of text, then the compact plot.
fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    track: &Track,
    scene: &Scene,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    area.draw(&Rectangle::new([(4, 4), (w - 5, h - 5)], GRID_COLOR.stroke_width(2)))?;
    let inner = area.margin(12, 10, 16, 16);
    let max_w = (w - 32).max(0) as u32;

    let name = title(track);
    let title_style = fit(&inner, &name, &[bold(23), bold(21), bold(19), bold(17)], max_w)?;
    inner.draw(&Text::new(name, (0, 0), title_style))?;
    let color = status_color(track.progress.status);
    let label = progress_label(track);
    let label_style = fit(&inner, &label, &[20, 19, 18, 17, 16].map(|s| bold(s).color(color)), max_w)?;
    inner.draw(&Text::new(label, (0, 32), label_style))?;
    let line = status_line(track);
    let line_style = fit(&inner, &line, &[19, 18, 17].map(|s| font(s).color(color)), max_w)?;
    inner.draw(&Text::new(line, (0, 58), line_style))?;

    let plot = inner.margin(86, 0, 0, 0);
    let mut chart = ChartBuilder::on(&plot)
        .margin_right(12)
        .margin_top(6)
        .x_label_area_size(28)
        .y_label_area_size(66)
        .build_cartesian_2d((scene.x0..scene.x1).yearly(), 0.0..scene.y1)?;
    let unit = track.unit.clone();
    let y_fmt = move |v: &f64| money_label(*v, &unit);
    let n_years = (scene.x1.year() - scene.x0.year()).max(1) as usize;
    chart
        .configure_mesh()
        .x_labels(n_years + 1)
        .x_label_formatter(&|_| String::new())
        .y_labels(4)
        .y_label_formatter(&y_fmt)
        .label_style(font(17).color(&MUTED_COLOR))
        .bold_line_style(GRID_COLOR)
        .max_light_lines(0)
        .axis_style(MUTED_COLOR)
        .draw()?;

    // At most five year labels, on round years.
    let (first, last) = (scene.x0.year(), scene.x1.year() - 1);
    let step = [1, 2, 5, 10, 20, 50].into_iter().find(|s| (last - first + 1) / s <= 4).unwrap_or(100);
    let year_style = anchored(font(17).color(&MUTED_COLOR), HPos::Center, VPos::Top);
    // backend_coord is absolute; the panel draws relative to its own corner.
    let (bx, by) = plot.get_base_pixel();
    for year in (first..=last).filter(|y| y.rem_euclid(step) == 0) {
        let (x, y) = chart.backend_coord(&(mid_year(year), 0.0));
        plot.draw(&Text::new(year.to_string(), (x - bx, y - by + 9), year_style.clone()))?;
    }

    let active = &scene.active;
    let t_start = active.first_stated.clamp(scene.x0, scene.x1);
    let t_end = scene.target_end(active);
    if active.value.is_finite() {
        chart.draw_series(LineSeries::new([(t_start, active.value), (t_end, active.value)], TARGET_COLOR.stroke_width(3)))?;
        chart.draw_series(std::iter::once(Circle::new((t_end, active.value), 4, TARGET_COLOR.filled())))?;
    }
    if let Some(path) = scene.required_path() {
        chart.draw_series(DashedLineSeries::new(path, 7, 5, PATH_COLOR.stroke_width(2)))?;
    }
    chart.draw_series(scene.points.iter().map(|&p| Circle::new(p, 4, POINT_COLOR.mix(0.55).filled())))?;
    if !scene.median.is_empty() {
        chart.draw_series(LineSeries::new(scene.median.iter().copied(), MEDIAN_COLOR.stroke_width(3)))?;
    }
    chart.draw_series(scene.as_of.iter().map(|&p| Circle::new(p, 4, WHITE.filled())))?;
    chart.draw_series(scene.as_of.iter().map(|&p| Circle::new(p, 4, MEDIAN_COLOR.stroke_width(2))))?;
    if let Some(latest) = scene.latest {
        chart.draw_series(std::iter::once(Circle::new(latest, 6, MEDIAN_COLOR.filled())))?;
    }
    Ok(())
}
