//! Fixture builders for the Lambda check tests.

use crate::snapshot::*;
use crate::testing::*;

/// The default region's function list.
pub(crate) fn functions(s: &mut Snapshot) -> &mut Vec<Function> {
    list(&mut region_mut(s, REGION).lambda.as_mut().expect("fixture has Lambda").functions)
}

/// Makes the default region's function listing fail.
pub(crate) fn fail_listing(s: &mut Snapshot) {
    region_mut(s, REGION).lambda.as_mut().expect("fixture has Lambda").functions =
        Fetched::Err(denied("lambda", "ListFunctions"));
}

/// A python3.12 zip function in a VPC, without URL, policy or environment.
pub(crate) fn function(name: &str) -> Function {
    Function {
        name: name.into(),
        arn: format!("arn:aws:lambda:{REGION}:{ACCOUNT}:function:{name}"),
        runtime: Some("python3.12".into()),
        role: Some(format!("arn:aws:iam::{ACCOUNT}:role/{name}-role")),
        package_type: Some("Zip".into()),
        last_modified: None,
        vpc: Some(FunctionVpcConfig {
            vpc_id: Some("vpc-1".into()),
            subnet_ids: vec!["subnet-1".into(), "subnet-2".into()],
            security_group_ids: vec!["sg-fn".into()],
        }),
        environment: vec![],
        url_config: Fetched::Ok(None),
        policy: Fetched::Ok(None),
        settings: Some(FunctionSettings::default()),
    }
}

/// Facts about one environment variable.
pub(crate) fn env_var(name: &str, detectors: &[&str], preview: &str) -> EnvVarFacts {
    EnvVarFacts {
        name: name.into(),
        length: 40,
        entropy: if detectors.is_empty() { 2.0 } else { 4.8 },
        detectors: detectors.iter().map(|d| d.to_string()).collect(),
        is_reference: false,
        value_ignored: false,
        masked_preview: preview.into(),
    }
}
