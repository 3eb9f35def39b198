//! Running a packet plan: read the rows, decide what each gets, prepare each handout and
//! edition once, name the files, then lay out and write every copy on all cores.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::job::JobTarget;
use super::templates::Templates;
use super::{choose, prepare_variants, shared_fonts, stem, values_for, Given, Variant, VariantKey};
use crate::diagnostics::{Diagnostic, Origin};
use crate::layout::{Edition, Metrics, Page};
use crate::pdf::FontSubsets;
use crate::run::batch::on_all_cores;
use crate::run::copies::{self, Copy, NameRequest};
use crate::run::handout::{self as build, Built, Problems};
use crate::run::save::save;
use crate::run::{out_dir, Action, CopiesPlan, DataSource, Outcome, Plan, Progress, Report, Setup};

/// One copy to build: a row, the handout it gets, and where it goes.
struct Work<'a> {
    row: &'a Copy,
    variant: &'a Variant,
    output: PathBuf,
}

/// The two editions a run may need: the plan's, and large print (or standard) for rows
/// that ask for the other.
pub(super) struct Setups<'a> {
    pub(super) plan: &'a Setup,
    other: Option<Setup>,
}

impl Setups<'_> {
    pub(super) fn get(&self, large_print: bool) -> &Setup {
        match &self.other {
            Some(other) if large_print != self.plan.edition.large_print => other,
            _ => self.plan,
        }
    }
}

/// Personalised copies: a packet per data row. Problems with the data as a whole are one
/// failed outcome; a row, a handout or a name that cannot be made fails alone.
pub fn run(
    plan: &Plan,
    spec: &CopiesPlan,
    setup: &Setup,
    progress: &dyn Progress,
) -> Result<Report, Diagnostic> {
    if let Some(folder) = plan.inputs.iter().find(|p| p.is_dir()) {
        return Err(Diagnostic::flag(
            &folder.display().to_string(),
            "personalised copies are made from handout files, not folders",
        )
        .help("name the handouts, e.g. handout build handouts/food-list.yaml --data today.csv"));
    }
    let mut report = Report::new(plan.action.writes(), true);
    let data_file = match &spec.data {
        Some(data) => data.name().to_path_buf(),
        None => plan.inputs[0].clone(),
    };
    let (rows, notes) = match copies::plan(spec.data.as_ref(), &spec.sets) {
        Ok(read) => read,
        Err(d) => {
            report.fail(data_file, vec![d]);
            return Ok(report);
        }
    };
    report.warnings = notes;
    let chosen = choose_all(plan, &rows, &mut report);
    let keys: BTreeSet<VariantKey> = chosen.iter().flat_map(|(_, k)| k.iter().cloned()).collect();
    let setups = setups(plan, setup, &keys)?;
    let (variants, failed) = prepare_variants(&keys, &|large| setups.get(large));
    // Each copy as its row and variant; the keys, a path each, are not kept for every row.
    let pairs = copies_in_order(plan, &chosen, &variants);
    drop(chosen);
    let given = Given::labelled(&plan.inputs, &variants);
    report.outcomes.extend(failed);
    let prepared = checked(&rows, &variants, &given, spec, plan, &setups);
    let fonts = match prepared {
        Ok((fonts, warnings)) => {
            report.warnings.extend(warnings);
            fonts
        }
        // A mistyped `--set` label or `--name-template` placeholder is a usage error.
        Err(problems) => match problems.iter().find(|d| d.origin == Origin::Flag) {
            Some(flag) => return Err(flag.clone()),
            None => {
                report.fail(plan.inputs[0].clone(), problems);
                return Ok(report);
            }
        },
    };
    let copies = Copies {
        setups: &setups,
        fonts: &fonts,
        given: &given,
        pairs: &pairs,
    };
    copies.make(plan, spec, &mut report, progress);
    Ok(report)
}

/// What each row asks for; a row that asks for what cannot be made fails alone.
fn choose_all<'r>(
    plan: &Plan,
    rows: &'r [Copy],
    report: &mut Report,
) -> Vec<(&'r Copy, Vec<VariantKey>)> {
    let root = handouts_root(plan);
    let mut chosen = Vec::with_capacity(rows.len());
    for row in rows {
        match choose(row, &plan.inputs, &root, plan.edition.large_print) {
            Ok(keys) => chosen.push((row, keys)),
            Err(d) => report.fail(PathBuf::from(row.origin()), vec![d]),
        }
    }
    chosen
}

/// The copies of a run, ready to be made.
struct Copies<'a> {
    setups: &'a Setups<'a>,
    fonts: &'a FontSubsets,
    given: &'a [Given],
    pairs: &'a [(&'a Copy, &'a Variant)],
}

impl Copies<'_> {
    /// Builds (or checks) every copy: as one print job (into a file, or handed back in the
    /// report for a face that keeps patient data off the disk), or as files of their own.
    fn make(&self, plan: &Plan, spec: &CopiesPlan, report: &mut Report, progress: &dyn Progress) {
        let write = plan.action.writes();
        let in_memory = plan.action == Action::Return;
        if spec.one_file.is_some() || in_memory {
            progress.start(self.pairs.len());
            let mut pdf = Vec::new();
            let target = match (&spec.one_file, in_memory) {
                (_, true) => Some(JobTarget::Memory(&mut pdf)),
                (Some(path), false) if write => Some(JobTarget::File(path)),
                _ => None,
            };
            report.outcomes.extend(super::job::print_job(
                self.setups,
                self.fonts,
                self.given,
                self.pairs,
                target,
                spec.duplex,
                progress,
            ));
            report.pdf = (in_memory && !pdf.is_empty()).then_some(pdf);
            return;
        }
        let work = name_files(plan, spec, self.pairs, report);
        progress.start(work.len());
        let built = build_all(self.setups, self.fonts, self.given, &work, write, progress);
        report.outcomes.extend(built);
    }
}

/// Each row's copies of this shard, in row order: the row and the variant it gets. A handout
/// that failed to prepare was reported once; its copies are not made.
fn copies_in_order<'a>(
    plan: &Plan,
    chosen: &[(&'a Copy, Vec<VariantKey>)],
    variants: &'a [Variant],
) -> Vec<(&'a Copy, &'a Variant)> {
    let mut pairs = Vec::new();
    for (i, (row, keys)) in chosen.iter().enumerate() {
        if plan.shard.is_some_and(|s| !s.takes(i)) {
            continue;
        }
        for key in keys {
            if let Some(v) = variants.iter().find(|v| v.key == *key) {
                pairs.push((*row, v));
            }
        }
    }
    pairs
}

/// The handouts folder, where language folders are: the brand file's folder.
fn handouts_root(plan: &Plan) -> PathBuf {
    match plan.brand.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The plan's setup, and the other edition's if some row asks for it.
fn setups<'a>(
    plan: &Plan,
    setup: &'a Setup,
    keys: &BTreeSet<VariantKey>,
) -> Result<Setups<'a>, Diagnostic> {
    let other = !plan.edition.large_print;
    let other = match keys.iter().any(|k| k.large_print == other) {
        true => {
            let edition = Edition {
                large_print: other,
                ..plan.edition
            };
            Some(Setup::load(&plan.brand, plan.page_size, edition)?)
        }
        false => None,
    };
    Ok(Setups { plan: setup, other })
}

/// The data checked against the handouts, the variants' own warnings, and the shared fonts.
fn checked(
    rows: &[Copy],
    variants: &[Variant],
    given: &[Given],
    spec: &CopiesPlan,
    plan: &Plan,
    setups: &Setups,
) -> Result<(FontSubsets, Vec<Diagnostic>), Problems> {
    let source = spec
        .data
        .as_ref()
        .map_or(&*plan.inputs[0], DataSource::name);
    let mut warnings: Vec<Diagnostic> = super::check_columns(rows, variants, given, spec, source)
        .map_err(|d| vec![d])?
        .into_iter()
        .collect();
    for v in variants {
        warnings.extend(v.prepared.warnings.iter().cloned());
    }
    let (fonts, shortfalls) = shared_fonts(variants, rows, given, &|large| setups.get(large))?;
    warnings.extend(shortfalls);
    Ok((fonts, warnings))
}

/// Each copy's file (or, for a row whose name cannot be made, its failure), in row order.
fn name_files<'a>(
    plan: &Plan,
    spec: &CopiesPlan,
    pairs: &[(&'a Copy, &'a Variant)],
    report: &mut Report,
) -> Vec<Work<'a>> {
    let suffixes: Vec<&str> = pairs
        .iter()
        .map(|(_, v)| edition_suffix(plan, v.key.large_print))
        .collect();
    let requests: Vec<NameRequest> = pairs
        .iter()
        .zip(&suffixes)
        .map(|((row, v), suffix)| NameRequest {
            copy: row,
            stem: stem(&v.key.path),
            suffix,
        })
        .collect();
    let reserved = master_names(&plan.inputs);
    let paths = copies::output_paths(&requests, &spec.name_template, out_dir(plan), &reserved);
    let mut work = Vec::new();
    for (&(row, variant), path) in pairs.iter().zip(paths) {
        match path {
            Ok(output) => work.push(Work {
                row,
                variant,
                output,
            }),
            Err(d) => report.fail(PathBuf::from(row.origin()), vec![d]),
        }
    }
    work
}

fn edition_suffix(plan: &Plan, large_print: bool) -> &'static str {
    Edition {
        large_print,
        ..plan.edition
    }
    .suffix()
}

/// The PDF names (without `.pdf`) of the handouts beside the ones given, in every edition:
/// names a patient's copy must never take, so it can never replace a master handout.
fn master_names(inputs: &[PathBuf]) -> BTreeSet<String> {
    let folders: BTreeSet<&Path> = inputs
        .iter()
        .map(|p| match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        })
        .collect();
    let stems: Vec<String> = folders
        .into_iter()
        .flat_map(|dir| std::fs::read_dir(dir).into_iter().flatten())
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .filter_map(|p| p.file_stem()?.to_str().map(str::to_string))
        .collect();
    let suffixes = [false, true].into_iter().flat_map(|large_print| {
        [false, true].map(|grayscale| {
            Edition {
                large_print,
                grayscale,
            }
            .suffix()
        })
    });
    suffixes
        .flat_map(|suffix| stems.iter().map(move |stem| format!("{stem}{suffix}")))
        .collect()
}

/// Builds every copy on all cores; outcomes in work order. Written, each copy's file
/// starts with what all copies of its handout share, written once (`templates`).
fn build_all(
    setups: &Setups,
    fonts: &FontSubsets,
    given: &[Given],
    work: &[Work],
    write: bool,
    progress: &dyn Progress,
) -> Vec<Outcome> {
    let rows: Vec<(&Copy, &Variant)> = work.iter().map(|w| (w.row, w.variant)).collect();
    let templates = match write {
        true => Templates::new(setups, fonts, given, &rows),
        false => Templates::default(),
    };
    let tick = || progress.tick();
    let results = on_all_cores(setups.plan, work, COPIES_PER_WORKER, &tick, |m, w| {
        build_copy(setups, m, given, w, write.then_some(&templates))
    });
    work.iter()
        .zip(results)
        .map(|(w, result)| Outcome {
            input: copy_name(w.row, w.variant),
            output: write.then(|| w.output.clone()),
            result,
        })
        .collect()
}

/// Copies a worker takes at a time: a copy is cheap, and each worker starts with cold caches.
pub(super) const COPIES_PER_WORKER: usize = 16;

/// How reports name a copy: its CSV line and handout, never the patient.
pub(super) fn copy_name(row: &Copy, variant: &Variant) -> PathBuf {
    PathBuf::from(format!("{} {}", row.origin(), stem(&variant.key.path)))
}

/// Lays out one copy with its row's values and, given `templates`, writes it.
fn build_copy(
    setups: &Setups,
    metrics: &Metrics,
    given: &[Given],
    w: &Work,
    templates: Option<&Templates>,
) -> Result<Built, Problems> {
    let start = Instant::now();
    // What layout gives up is the same for every copy: told once, from `checked`.
    let pages = lay_out_copy(setups, metrics, given, w.row, w.variant)?;
    let mut bytes = 0;
    if let Some(templates) = templates {
        let pdf = templates
            .write(&w.variant.key, &pages)
            .map_err(|msg| vec![Diagnostic::internal(&w.output, msg)])?;
        bytes = pdf.len();
        save(&w.output, &pdf)?;
    }
    Ok(Built {
        pages: pages.len(),
        bytes,
        elapsed: start.elapsed(),
        // Copies share their handout's prose; it was measured when checked on its own.
        readability: None,
        reading_not_checked: None,
        warnings: Vec::new(),
    })
}

/// One copy's pages, with its row's values.
pub(super) fn lay_out_copy(
    setups: &Setups,
    metrics: &Metrics,
    given: &[Given],
    row: &Copy,
    variant: &Variant,
) -> Result<Vec<Page>, Problems> {
    check_values(metrics, row)?;
    let setup = setups.get(variant.key.large_print);
    let values = values_for(row, variant, given);
    build::lay_out_pages(setup, metrics, &variant.prepared, &values).map(|(pages, _)| pages)
}

/// A value with a character the regular face cannot draw, as an error on its copy. The
/// message names the column and the character, not the value: values are patients' data.
pub(super) fn check_values(metrics: &Metrics, copy: &Copy) -> Result<(), Problems> {
    for (column, value) in &copy.columns {
        if let Some(ch) = value.chars().find(|&ch| !metrics.regular.covers(ch)) {
            return Err(vec![copy.error(format!(
                "the `{column}` value of this row has `{ch}` (U+{:04X}), which the font \
                 cannot print",
                u32::from(ch)
            ))]);
        }
    }
    Ok(())
}
