//! The AWS services argus collects, each by one name: the CLI's `--services`, the collector's tasks,
//! the snapshot's list of what was collected, and which checks read which data.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Service {
    Iam,
    S3,
    Ec2,
    Rds,
    Lambda,
    SecretsManager,
    Kms,
    CloudTrail,
    Efs,
    CloudWatch,
    Sns,
    Ssm,
    Ecs,
    GuardDuty,
    SecurityHub,
    Config,
    AccessAnalyzer,
    Macie,
    Inspector2,
    Elb,
    Backup,
    Organizations,
    Sqs,
    Ecr,
    Account,
}

impl Service {
    pub const ALL: [Service; 25] = [
        Service::Iam,
        Service::S3,
        Service::Ec2,
        Service::Rds,
        Service::Lambda,
        Service::SecretsManager,
        Service::Kms,
        Service::CloudTrail,
        Service::Efs,
        Service::CloudWatch,
        Service::Sns,
        Service::Ssm,
        Service::Ecs,
        Service::GuardDuty,
        Service::SecurityHub,
        Service::Config,
        Service::AccessAnalyzer,
        Service::Macie,
        Service::Inspector2,
        Service::Elb,
        Service::Backup,
        Service::Organizations,
        Service::Sqs,
        Service::Ecr,
        Service::Account,
    ];

    /// The name on the command line and in the snapshot (`collection.services`).
    pub fn name(self) -> &'static str {
        match self {
            Service::Iam => "iam",
            Service::S3 => "s3",
            Service::Ec2 => "ec2",
            Service::Rds => "rds",
            Service::Lambda => "lambda",
            Service::SecretsManager => "secretsmanager",
            Service::Kms => "kms",
            Service::CloudTrail => "cloudtrail",
            Service::Efs => "efs",
            Service::CloudWatch => "cloudwatch",
            Service::Sns => "sns",
            Service::Ssm => "ssm",
            Service::Ecs => "ecs",
            Service::GuardDuty => "guardduty",
            Service::SecurityHub => "securityhub",
            Service::Config => "config",
            Service::AccessAnalyzer => "accessanalyzer",
            Service::Macie => "macie",
            Service::Inspector2 => "inspector2",
            Service::Elb => "elb",
            Service::Backup => "backup",
            Service::Organizations => "organizations",
            Service::Sqs => "sqs",
            Service::Ecr => "ecr",
            Service::Account => "account",
        }
    }

    /// Other names accepted for it: the check families that read its data (`vpc` checks read EC2
    /// data, `awslambda` is Prowler's and argus's prefix of the Lambda checks, the `paths` checks
    /// start from IAM's principals and trusts), and a short form.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Service::Ec2 => &["vpc"],
            Service::Lambda => &["awslambda"],
            Service::SecretsManager => &["secrets"],
            Service::Iam => &["paths"],
            // Metric filters are CloudWatch Logs data, collected with the alarms.
            Service::CloudWatch => &["logs"],
            Service::Macie => &["macie2"],
            Service::Inspector2 => &["inspector"],
            // ELBv2 and Classic Load Balancers, and the WAFv2 web ACLs in front of them.
            Service::Elb => &["elbv2"],
            _ => &[],
        }
    }

    /// IAM, the S3 bucket listing, Organizations and the account's contacts are account-wide; the rest
    /// are collected per region.
    pub fn is_global(self) -> bool {
        matches!(self, Service::Iam | Service::S3 | Service::Organizations | Service::Account)
    }

    /// The service whose data a check family (a check's metadata `service`) judges; `None` for a
    /// family argus does not collect.
    pub fn of_check_family(family: &str) -> Option<Service> {
        family.parse().ok()
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Service {
    type Err = String;
    /// A name or alias, in any case, surrounding spaces ignored.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        Service::ALL
            .into_iter()
            .find(|svc| {
                svc.name().eq_ignore_ascii_case(wanted) || svc.aliases().iter().any(|a| a.eq_ignore_ascii_case(wanted))
            })
            .ok_or_else(|| {
                let known: Vec<_> = Service::ALL.iter().map(|s| s.name()).collect();
                format!("unknown service '{s}' (known: {})", known.join(", "))
            })
    }
}

#[cfg(feature = "clap")]
impl clap::ValueEnum for Service {
    fn value_variants<'a>() -> &'a [Self] {
        &Service::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.name()).aliases(self.aliases().iter().copied()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases_in_any_case() {
        for (text, service) in [
            ("iam", Service::Iam),
            (" S3 ", Service::S3),
            ("vpc", Service::Ec2),
            ("AwsLambda", Service::Lambda),
            ("secrets", Service::SecretsManager),
            ("cloudtrail", Service::CloudTrail),
        ] {
            assert_eq!(text.parse::<Service>(), Ok(service), "{text:?}");
        }
        for service in Service::ALL {
            assert_eq!(service.name().parse::<Service>(), Ok(service));
        }
        let err = "nosuch".parse::<Service>().unwrap_err();
        assert!(err.contains("unknown service 'nosuch'") && err.contains("secretsmanager"), "{err}");
    }

    #[test]
    fn every_check_family_reads_a_collected_service() {
        for meta in crate::engine::metadata::all() {
            let service = Service::of_check_family(&meta.service);
            assert!(service.is_some(), "{}: {}", meta.id, meta.service);
        }
    }
}
