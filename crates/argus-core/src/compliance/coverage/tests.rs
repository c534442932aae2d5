use super::*;
use std::collections::BTreeMap;

/// One row of a bundled list, read straight from its TSV text.
struct Row {
    id: String,
    section: String,
    manual: bool,
}

fn bundled_rows(framework: Framework) -> Vec<Row> {
    catalog::bundled_tsv(framework)
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            Row { id: fields[0].to_string(), section: fields[1].to_string(), manual: fields[4] == "Manual" }
        })
        .collect()
}

fn mapped_ids(framework: Framework) -> HashSet<String> {
    metadata::all().iter().flat_map(|m| framework.mapped_ids(m).iter().cloned()).collect()
}

/// The services argus collects, written as FSBP prefixes; the core eight are always there.
const CORE_FSBP_PREFIXES: [&str; 8] = ["IAM", "S3", "EC2", "RDS", "Lambda", "SecretsManager", "KMS", "CloudTrail"];

#[test]
fn figures_are_derived_from_the_bundled_lists_and_the_check_mappings() {
    for row in coverage() {
        let mapped = mapped_ids(row.framework);
        let rows: Vec<Row> = bundled_rows(row.framework)
            .into_iter()
            .filter(|r| row.scope == Scope::AllControls || fsbp_service_is_collected(&r.section))
            .collect();
        let automatic = rows.iter().filter(|r| mapped.contains(&r.id)).count();
        let manual = rows.iter().filter(|r| !mapped.contains(&r.id) && r.manual).count();
        let not_covered = rows.iter().filter(|r| !mapped.contains(&r.id) && !r.manual).count();
        let what = format!("{} / {}", row.framework, row.scope.label());
        assert_eq!(row.controls, rows.len(), "{what}");
        assert_eq!(row.automatic.count, automatic, "{what}");
        assert_eq!(row.manual.count, manual, "{what}");
        assert_eq!(row.not_covered.count, not_covered, "{what}");
        assert_eq!(automatic + manual + not_covered, rows.len(), "{what}: every control in exactly one class");
        let expected_percent = (automatic as f64 * 1000.0 / rows.len() as f64).round() / 10.0;
        assert_eq!(row.automatic.percent, expected_percent, "{what}");
        for class in [&row.automatic, &row.manual, &row.not_covered] {
            assert_eq!(class.ids.len(), class.count, "{what}");
        }
    }
}

#[test]
fn rows_are_the_two_cis_versions_and_fsbp_twice() {
    let rows = coverage();
    let shape: Vec<(Framework, Scope, usize)> = rows.iter().map(|r| (r.framework, r.scope, r.controls)).collect();
    let fsbp_all = bundled_rows(Framework::Fsbp).len();
    assert_eq!(
        shape[..3],
        [
            (Framework::Cis50, Scope::AllControls, 63),
            (Framework::Cis70, Scope::AllControls, 70),
            (Framework::Fsbp, Scope::AllControls, fsbp_all),
        ]
    );
    assert_eq!((rows[3].framework, rows[3].scope), (Framework::Fsbp, Scope::CollectedServices));
    assert!(rows[3].controls < fsbp_all, "argus does not collect every FSBP service");
}

#[test]
fn the_collected_scope_holds_every_control_of_a_collected_service_and_no_other() {
    let in_scope: BTreeMap<String, usize> =
        coverage()[3].automatic.ids.iter().chain(&coverage()[3].manual.ids).chain(&coverage()[3].not_covered.ids).fold(
            BTreeMap::new(),
            |mut m, id| {
                *m.entry(id.split('.').next().unwrap().to_string()).or_default() += 1;
                m
            },
        );
    let per_prefix = |prefix: &str| bundled_rows(Framework::Fsbp).iter().filter(|r| r.section == prefix).count();
    for prefix in CORE_FSBP_PREFIXES {
        assert_eq!(in_scope.get(prefix).copied(), Some(per_prefix(prefix)), "{prefix}");
    }
    for prefix in ["ACM", "Redshift", "CloudFront", "Neptune"] {
        assert!(!in_scope.contains_key(prefix), "argus does not collect {prefix}");
    }
    assert_eq!(per_prefix("IAM"), 14);
}

#[test]
fn a_control_is_automatic_only_when_a_check_maps_it() {
    let nothing_mapped = framework_coverage(Framework::Cis50, Scope::AllControls, &[]);
    let manual_rows = bundled_rows(Framework::Cis50).iter().filter(|r| r.manual).count();
    assert_eq!(nothing_mapped.automatic.count, 0);
    assert_eq!(nothing_mapped.manual.count, manual_rows);
    assert_eq!(nothing_mapped.not_covered.count, 63 - manual_rows);

    let mut check = metadata::all()[0].clone();
    check.compliance.cis_5_0 = vec!["1.1".into(), "1.3".into()]; // 1.1 is Manual, 1.3 Automated
    let two_mapped = framework_coverage(Framework::Cis50, Scope::AllControls, &[check]);
    assert_eq!(two_mapped.automatic.ids, ["1.1", "1.3"]);
    assert_eq!(two_mapped.manual.count, manual_rows - 1, "a mapped Manual control is judged, not left to a reviewer");
    assert_eq!(two_mapped.not_covered.count, 63 - manual_rows - 1);
    assert_eq!(two_mapped.automatic.percent, 3.2);
}

#[test]
fn fsbp_has_no_manual_controls() {
    assert!(bundled_rows(Framework::Fsbp).iter().all(|r| !r.manual));
    assert!(coverage().iter().filter(|r| r.framework == Framework::Fsbp).all(|r| r.manual.count == 0));
}

#[test]
fn the_table_has_a_header_and_one_line_per_row() {
    let rows = coverage();
    let table = render_table(&rows);
    let lines: Vec<&str> = table.lines().collect();
    let header = lines.iter().find(|l| l.contains("Framework")).expect("a header line");
    for column in ["Framework", "Scope", "Controls", "Automatic", "Manual", "Not covered"] {
        assert!(header.contains(column), "{header}");
    }
    for row in &rows {
        let line = lines
            .iter()
            .find(|l| l.contains(row.title) && l.contains(row.scope.label()))
            .unwrap_or_else(|| panic!("no line for {} / {}", row.framework, row.scope.label()));
        assert!(line.contains(&format!("{} ({:.1} %)", row.automatic.count, row.automatic.percent)), "{line}");
    }
}

#[test]
fn coverage_output_snapshot() {
    let rows = coverage();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../../../snapshots/compliance");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::assert_snapshot!("coverage_table", render_table(&rows));
        insta::assert_snapshot!("coverage_json", to_json(&rows));
    });
}
