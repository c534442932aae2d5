//! AWS Config, per region: the configuration recorders, their status and the delivery channels, three
//! calls made together.

use super::{Collector, Service};
use crate::snapshot::{ConfigRecorder, ConfigRecorderStatus, ConfigRegion};

pub(super) async fn collect(c: &Collector, region: &str) -> ConfigRegion {
    let client = c.ctx.config(region);
    let api = c.api("Config Service", Service::Config, Some(region));
    let (recorders, statuses, channels) = futures::join!(
        api.call("DescribeConfigurationRecorders", None, || client.describe_configuration_recorders().send()),
        api.call("DescribeConfigurationRecorderStatus", None, || client
            .describe_configuration_recorder_status()
            .send()),
        api.call("DescribeDeliveryChannels", None, || client.describe_delivery_channels().send()),
    );
    let recorders = recorders.map(|out| {
        out.configuration_recorders()
            .iter()
            .map(|r| {
                let group = r.recording_group();
                ConfigRecorder {
                    name: r.name().unwrap_or_default().to_string(),
                    role_arn: r.role_arn().map(str::to_string),
                    all_supported: group.is_some_and(|g| g.all_supported()),
                    include_global_resource_types: group.is_some_and(|g| g.include_global_resource_types()),
                    recording_strategy: group
                        .and_then(|g| g.recording_strategy())
                        .and_then(|s| s.use_only())
                        .map(|u| u.as_str().to_string()),
                    service_principal: r.service_principal().map(str::to_string),
                }
            })
            .collect::<Vec<_>>()
    });
    let statuses = statuses.map(|out| {
        out.configuration_recorders_status()
            .iter()
            .map(|s| ConfigRecorderStatus {
                name: s.name().unwrap_or_default().to_string(),
                recording: s.recording(),
                last_status: s.last_status().map(|x| x.as_str().to_string()),
                last_error_code: s.last_error_code().map(str::to_string),
            })
            .collect::<Vec<_>>()
    });
    let channels = channels.map(|out| {
        out.delivery_channels().iter().map(|d| d.name().unwrap_or_default().to_string()).collect::<Vec<_>>()
    });
    ConfigRegion { recorders: recorders.into(), recorder_statuses: statuses.into(), delivery_channels: channels.into() }
}
