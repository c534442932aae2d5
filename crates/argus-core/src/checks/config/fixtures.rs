//! AWS Config fixture data.

use crate::snapshot::*;
use crate::testing::*;

/// A recorder of every resource type, global ones included, that is recording successfully, with a
/// delivery channel.
pub(crate) fn recording(name: &str) -> ConfigRegion {
    ConfigRegion {
        recorders: Fetched::Ok(vec![recorder(name)]),
        recorder_statuses: Fetched::Ok(vec![ConfigRecorderStatus {
            name: name.into(),
            recording: true,
            last_status: Some("SUCCESS".into()),
            last_error_code: None,
        }]),
        delivery_channels: Fetched::Ok(vec!["default".into()]),
    }
}

pub(crate) fn recorder(name: &str) -> ConfigRecorder {
    ConfigRecorder {
        name: name.into(),
        role_arn: Some(format!(
            "arn:aws:iam::{ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
        )),
        all_supported: true,
        include_global_resource_types: true,
        recording_strategy: Some("ALL_SUPPORTED_RESOURCE_TYPES".into()),
        service_principal: None,
    }
}

pub(crate) fn set_config(s: &mut Snapshot, region: &str, config: ConfigRegion) {
    region_mut(s, region).config = Some(config);
}
