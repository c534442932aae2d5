//! Fixture builders for the SSM check tests.

use crate::snapshot::*;
use crate::testing::*;

pub fn ssm(s: &mut Snapshot) -> &mut SsmRegion {
    region_mut(s, REGION).ssm.as_mut().expect("fixture has SSM")
}

pub fn parameter(name: &str, parameter_type: &str, key_id: Option<&str>) -> Parameter {
    Parameter {
        name: name.into(),
        arn: Some(format!("arn:aws:ssm:{REGION}:{ACCOUNT}:parameter/{}", name.trim_start_matches('/'))),
        parameter_type: parameter_type.into(),
        key_id: key_id.map(str::to_string),
        tier: Some("Standard".into()),
        last_modified: Some(days_ago(10)),
    }
}

pub fn managed(id: &str, ping_status: &str) -> ManagedInstance {
    ManagedInstance { id: id.into(), ping_status: Some(ping_status.into()), platform_type: Some("Linux".into()) }
}

pub fn patch_state(id: &str, status: &str) -> PatchCompliance {
    let compliant = status == "COMPLIANT";
    PatchCompliance {
        id: id.into(),
        resource_type: Some("ManagedInstance".into()),
        status: status.into(),
        overall_severity: Some(if compliant { "UNSPECIFIED" } else { "CRITICAL" }.into()),
        non_compliant_count: Some(if compliant { 0 } else { 3 }),
    }
}
