//! Fargate services run `LATEST` or the latest platform version of their family
//! (`fargate_linux_latest_version`, `fargate_windows_latest_version`). Metadata:
//! `checks/ecs/ecs_service_fargate_latest_platform_version.toml`.

use super::each_service;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::EcsService;

pub const CHECK: Check = Check { id: "ecs_service_fargate_latest_platform_version", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_service(ctx, out, |service, r, out| {
        let name = r.name.clone();
        match runs_on_fargate(service) {
            Some(true) => {}
            Some(false) => return,
            None => {
                return out.error_message(
                    r,
                    format_args!(
                        "could not be evaluated: DescribeServices gave neither a launchType nor a \
                         capacityProviderStrategy for ECS service {name}"
                    ),
                )
            }
        }
        let Some(version) = service.platform_version.as_deref() else {
            return out.error_message(
                r,
                format_args!(
                    "could not be evaluated: DescribeServices gave no platformVersion for Fargate service {name}"
                ),
            );
        };
        // Fargate runs Linux unless the task definition names a Windows family (`WINDOWS_SERVER_2022_CORE`…).
        let windows = service.platform_family.as_deref().is_some_and(|f| f.to_ascii_uppercase().starts_with("WINDOWS"));
        let (family, latest) = if windows {
            ("Windows", &ctx.config.fargate_windows_latest_version)
        } else {
            ("Linux", &ctx.config.fargate_linux_latest_version)
        };
        if version == "LATEST" || version == latest {
            out.pass(r, format_args!("ECS Fargate service {name} runs platform version {version}."));
        } else {
            out.fail(
                r,
                format_args!(
                    "ECS Fargate service {name} runs platform version {version}, not LATEST or the latest {family} \
                     version {latest}."
                ),
            );
        }
    });
}

/// Whether the service is placed on Fargate, by its launch type or by a Fargate capacity provider (a
/// strategy cannot mix Fargate with Auto Scaling group providers); `None` when the answer gave neither
/// (every service has one or the other).
fn runs_on_fargate(service: &EcsService) -> Option<bool> {
    let providers = &service.capacity_providers;
    match service.launch_type.as_deref().filter(|t| !t.is_empty()) {
        Some(launch_type) => Some(launch_type == "FARGATE"),
        None if providers.is_empty() => None,
        None => Some(providers.iter().any(|p| p == "FARGATE" || p == "FARGATE_SPOT")),
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::{Config, Status};
    use crate::testing::*;

    fn service(version: Option<&str>, family: Option<&str>) -> EcsService {
        EcsService {
            platform_version: version.map(String::from),
            platform_family: family.map(String::from),
            ..fargate_service()
        }
    }

    #[test]
    fn latest_or_the_family_s_latest_version_passes() {
        let mut s = snapshot();
        let mut spot = service(Some("1.3.0"), None);
        spot.launch_type = None;
        spot.capacity_providers = vec!["FARGATE_SPOT".into()];
        let mut on_ec2 = service(None, None);
        on_ec2.launch_type = Some("EC2".into());
        add_services(
            &mut s,
            "prod",
            vec![
                ("latest", service(Some("LATEST"), Some("LINUX"))),
                ("linux-pinned", service(Some("1.4.0"), Some("LINUX"))),
                ("linux-old", service(Some("1.3.0"), Some("LINUX"))),
                ("windows-pinned", service(Some("1.0.0"), Some("WINDOWS_SERVER_2022_CORE"))),
                ("windows-as-linux", service(Some("1.4.0"), Some("WINDOWS_SERVER_2019_FULL"))),
                ("spot", spot),
                ("on-ec2", on_ec2),
            ],
        );
        let f = run_check(CHECK, &s);
        let status = |name: &str| f.iter().find(|x| x.resource.name == name).map(|x| x.status);
        assert_eq!(status("latest"), Some(Status::Pass));
        assert_eq!(status("linux-pinned"), Some(Status::Pass));
        assert_eq!(status("windows-pinned"), Some(Status::Pass));
        assert_eq!(status("linux-old"), Some(Status::Fail));
        assert_eq!(status("windows-as-linux"), Some(Status::Fail));
        assert_eq!(status("spot"), Some(Status::Fail));
        assert_eq!(status("on-ec2"), None, "services not on Fargate are not judged");
        let old = f.iter().find(|x| x.resource.name == "linux-old").unwrap();
        assert_eq!(
            old.message.as_str(),
            "ECS Fargate service linux-old runs platform version 1.3.0, not LATEST or the latest Linux version 1.4.0."
        );
    }

    #[test]
    fn the_latest_versions_come_from_the_config() {
        let mut s = snapshot();
        add_services(&mut s, "prod", vec![("pinned", service(Some("1.4.0"), Some("LINUX")))]);
        let newer = Config { fargate_linux_latest_version: "1.5.0".into(), ..Config::default() };
        assert_eq!(run_with(CHECK, &s, &newer)[0].status, Status::Fail);
    }

    #[test]
    fn failed_reads_and_a_missing_version_are_errors() {
        assert_service_errors(CHECK);
        let mut s = snapshot();
        let mut unplaced = service(Some("1.3.0"), None);
        unplaced.launch_type = None;
        add_services(&mut s, "prod", vec![("unknown", service(None, Some("LINUX"))), ("unplaced", unplaced)]);
        let f = run_check(CHECK, &s);
        let message = |name: &str| {
            let x = f.iter().find(|x| x.resource.name == name).unwrap();
            assert_eq!(x.status, Status::Error);
            x.message.to_string()
        };
        assert!(message("unknown").contains("no platformVersion"));
        assert!(message("unplaced").contains("neither a launchType nor a capacityProviderStrategy"));
    }
}
