//! CloudWatch checks: the CIS monitoring controls, one file per control, all judged by
//! [`metric_filter_alarm`] from the trails, metric filters, alarms and SNS topics of the snapshot.

#[cfg(test)]
pub(crate) mod fixtures;
pub(crate) mod metric_filter_alarm;

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_cloudwatch.rs"));
