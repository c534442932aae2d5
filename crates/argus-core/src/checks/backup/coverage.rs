//! Whether a resource is assigned to an AWS Backup plan of its region: the `*_protected_by_backup_plan`
//! checks (RDS instances and clusters, EBS volumes).
//!
//! A resource is covered when a backup selection (resource assignment) of a plan in the resource's
//! region selects it: `Resources` or `ListOfTags` name it (or neither is given), every `Conditions`
//! entry holds for its tags, and no `NotResources` pattern matches it ([`BackupSelection::selects`]).
//! A plan backs up resources of its own region only. This reads the plans' assignments rather than
//! ListProtectedResources, which lists what has a recovery point: a resource backed up once on demand
//! (or by a plan since deleted) would pass, and one just assigned to a plan but not yet backed up would
//! fail. A resource no readable assignment covers while a plan or an assignment could not be read is
//! ERROR, not FAIL.

use crate::engine::{CheckContext, Findings, Resource};
use crate::snapshot::{BackupSelection, CollectionError, Fetched, Tags};
use std::sync::Arc;

/// A read that could have shown the resource covered.
enum Unread<'a> {
    Call(&'a CollectionError),
    Note(String),
}

/// Reports whether `subject` (`DB instance db1`, with ARN `arn` and tags `tags`, in `region`) is covered.
pub(crate) fn judge(
    ctx: &CheckContext<'_>,
    out: &mut Findings,
    r: Arc<Resource>,
    region: &str,
    subject: &str,
    arn: &str,
    tags: &Tags,
) {
    let Some(backup) = ctx.snapshot.regions.get(region).and_then(|d| d.backup.as_ref()) else {
        return out.error_message(
            r,
            format_args!(
                "could not be evaluated: AWS Backup was not collected in {region}, so the backup plans are unknown"
            ),
        );
    };
    let plans = match &backup.plans {
        Fetched::Ok(plans) => plans,
        Fetched::Err(e) => return out.error(r, e),
    };
    let mut unread = Vec::new();
    for plan in plans {
        let entries = match &plan.selections {
            Fetched::Ok(entries) => entries,
            Fetched::Err(e) => {
                unread.push(Unread::Call(e));
                continue;
            }
        };
        for entry in entries {
            let selection: &BackupSelection = match &entry.selection {
                Fetched::Ok(s) => s,
                Fetched::Err(e) => {
                    unread.push(Unread::Call(e));
                    continue;
                }
            };
            match selection.selects(arn, tags) {
                Ok(true) => {
                    return out.pass(
                        r,
                        format_args!(
                            "{subject} is assigned to backup plan {} (resource assignment {}).",
                            plan.name, entry.name
                        ),
                    )
                }
                Ok(false) => {}
                Err(why) => unread.push(Unread::Note(format!(
                    "could not be evaluated: resource assignment {} of backup plan {}: {why}",
                    entry.name, plan.name
                ))),
            }
        }
    }
    if unread.is_empty() {
        let read = match plans.len() {
            0 => "the region has no backup plan".to_string(),
            1 => "1 plan read".to_string(),
            n => format!("{n} plans read"),
        };
        return out.fail(r, format_args!("{subject} is not assigned to any backup plan in {region} ({read})."));
    }
    for u in unread {
        match u {
            Unread::Call(e) => out.error(r.clone(), e),
            Unread::Note(m) => out.error_message(r.clone(), m),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::backup::fixtures::*;
    use crate::checks::rds::fixtures::{instance, instances};
    use crate::checks::rds::rds_instance_protected_by_backup_plan::CHECK;
    use crate::engine::Status;
    use crate::snapshot::*;
    use crate::testing::*;

    /// The verdict on DB instance db1, tagged `tags`.
    fn verdict(s: &Snapshot, tags: &[(&str, &str)]) -> (Status, String) {
        let mut s = s.clone();
        let mut db = instance("db1");
        db.tags = tags.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        *instances(&mut s) = vec![db];
        let f = run_check(CHECK, &s);
        assert_eq!(f.len(), 1, "one finding: {f:?}");
        (f[0].status, f[0].message.to_string())
    }

    #[test]
    fn an_assignment_of_the_region_covers_by_arn_or_tag() {
        let mut s = snapshot();
        let (status, message) = verdict(&s, &[]);
        assert_eq!((status, message.contains("the region has no backup plan")), (Status::Fail, true), "{message}");
        plans(&mut s).push(plan_selecting("ebs", &["arn:aws:ec2:*:*:volume/*"]));
        let (status, message) = verdict(&s, &[]);
        assert_eq!((status, message.contains("1 plan read")), (Status::Fail, true), "{message}");
        let tagged = BackupSelection {
            list_of_tags: vec![TagCondition {
                operator: "StringEquals".into(),
                key: "backup".into(),
                value: "yes".into(),
            }],
            ..Default::default()
        };
        plans(&mut s).push(BackupPlan { selections: Fetched::Ok(vec![selection("by-tag", tagged)]), ..plan("tagged") });
        assert_eq!(verdict(&s, &[]).0, Status::Fail);
        let (status, message) = verdict(&s, &[("backup", "yes")]);
        assert_eq!(status, Status::Pass);
        assert!(message.contains("backup plan tagged (resource assignment by-tag)"), "{message}");
    }

    #[test]
    fn a_plan_of_another_region_does_not_cover() {
        let mut s = snapshot();
        let mut other = region();
        other.backup.as_mut().expect("fixture has Backup").plans = Fetched::Ok(vec![plan_selecting("all", &["*"])]);
        s.regions.insert("eu-west-1".into(), other);
        assert_eq!(verdict(&s, &[]).0, Status::Fail);
    }

    #[test]
    fn an_unread_assignment_is_an_error_unless_another_covers() {
        let mut s = snapshot();
        let mut unread = plan("unread");
        unread.selections = Fetched::Err(denied("backup", "ListBackupSelections"));
        plans(&mut s).push(unread);
        let (status, message) = verdict(&s, &[]);
        assert_eq!((status, message.contains("ListBackupSelections")), (Status::Error, true), "{message}");
        let odd = BackupSelection {
            conditions: vec![TagCondition { operator: "NumericEquals".into(), key: "k".into(), value: "1".into() }],
            ..Default::default()
        };
        *plans(&mut s) = vec![BackupPlan { selections: Fetched::Ok(vec![selection("odd", odd)]), ..plan("odd") }];
        let (status, message) = verdict(&s, &[]);
        assert_eq!((status, message.contains("unknown condition operator NumericEquals")), (Status::Error, true));
        plans(&mut s).push(plan_selecting("all", &["*"]));
        assert_eq!(verdict(&s, &[]).0, Status::Pass);
        backup(&mut s).plans = Fetched::Err(denied("backup", "ListBackupPlans"));
        let (status, message) = verdict(&s, &[]);
        assert_eq!((status, message.contains("ListBackupPlans")), (Status::Error, true), "{message}");
        region_mut(&mut s, REGION).backup = None;
        let (status, message) = verdict(&s, &[]);
        assert_eq!((status, message.contains("AWS Backup was not collected")), (Status::Error, true), "{message}");
    }
}
