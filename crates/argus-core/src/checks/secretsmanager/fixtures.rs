//! Fixture builders for Secrets Manager check tests.

use crate::snapshot::*;
use crate::testing::*;

/// The default region's secret list.
pub(crate) fn secrets(s: &mut Snapshot) -> &mut Vec<Secret> {
    list(&mut region_mut(s, REGION).secretsmanager.as_mut().expect("fixture has Secrets Manager").secrets)
}

/// The ARN of fixture secret `name`.
pub(crate) fn secret_arn(name: &str) -> String {
    format!("arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:{name}-AbCdEf")
}

/// A secret created 200 days ago, rotating every 30 days (last 10 days ago), read yesterday, no policy.
pub(crate) fn secret(name: &str) -> Secret {
    Secret {
        name: name.into(),
        arn: secret_arn(name),
        kms_key_id: None,
        rotation_enabled: true,
        rotation_interval_days: Some(30),
        created: Some(days_ago(200)),
        last_rotated: Some(days_ago(10)),
        next_rotation: Some(days_ago(-20)),
        last_changed: Some(days_ago(10)),
        last_accessed: Some(days_ago(1)),
        deleted: None,
        tags: Tags::new(),
        policy: Fetched::Ok(None),
    }
}
