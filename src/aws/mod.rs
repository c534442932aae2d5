//! Everything that talks to AWS: credentials, role assumption, and read-only SDK clients.

pub mod endpoint_health;
pub mod errors;
mod interceptors;
pub mod readonly;

use crate::snapshot::Identity;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use endpoint_health::EndpointWatch;
pub use interceptors::CallMetrics;
use interceptors::{CallCounter, CompleteXmlBody, NoRetryOnCrashPage, StripAccountHostPrefix};
use readonly::ReadOnlyGuard;
use std::sync::Arc;
use std::time::Duration;

/// How to reach and authenticate against the audited account.
#[derive(Debug, Clone, Default)]
pub struct ConnectOptions {
    pub profile: Option<String>,
    pub role_arn: Option<String>,
    pub external_id: Option<String>,
    pub role_session_name: Option<String>,
    /// An emulator or custom endpoint (LocalStack, moto) instead of AWS.
    pub endpoint_url: Option<String>,
    /// Per-attempt timeout for every API call.
    pub timeout: Duration,
    /// Attempts per call including the first (adaptive retry mode).
    pub max_attempts: u32,
}

/// Failures that stop argus before it can collect anything; each renders as one clear line.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("no AWS credentials found (checked environment, shared config/credentials profiles incl. SSO, web identity, ECS and instance metadata): {0}")]
    NoCredentials(String),
    #[error("could not assume role {role}: {message}")]
    AssumeRole { role: String, message: String },
    #[error("could not load credentials: {0}")]
    Credentials(String),
    #[error("cannot reach {endpoint}: {message}")]
    Unreachable { endpoint: String, message: String },
    #[error("the credentials were rejected: {0}")]
    Rejected(String),
    #[error("cannot assume {role}: {endpoint} did not answer STS AssumeRole within --timeout {seconds} s")]
    AssumeRoleSilent { role: String, endpoint: String, seconds: u64 },
    #[error("{endpoint} did not answer within --timeout {seconds} s (it accepted the connection, then sent nothing)")]
    Silent { endpoint: String, seconds: u64 },
    #[error("{endpoint} answered STS GetCallerIdentity with something that is not an STS response: {message}")]
    NotAnStsAnswer { endpoint: String, message: String },
    #[error("STS GetCallerIdentity at {endpoint} failed: {code}: {message}")]
    CallerIdentity { endpoint: String, code: String, message: String },
}

/// Error codes with which STS refuses the credentials themselves (beyond the access-denied family).
const CREDENTIAL_ERROR_CODES: &[&str] = &[
    "SignatureDoesNotMatch",
    "IncompleteSignature",
    "ExpiredToken",
    "ExpiredTokenException",
    "InvalidClientTokenId",
    "MissingAuthenticationToken",
    "RequestExpired",
];

/// A configured, verified connection to one account. Cheap to clone clients from.
#[derive(Clone)]
pub struct AwsContext {
    config: SdkConfig,
    endpoint_url: Option<String>,
    metrics: Arc<CallMetrics>,
}

/// A client of `$sdk` for the audited account, built from `$config`, with every interceptor argus relies
/// on: the read-only guard (invariant 1), call/retry counting, endpoint health (a hung region costs one
/// timeout), the truncated-XML check and no retries of server crash pages. `$extra` adjusts the builder (path-style S3, S3 Control routing).
macro_rules! audited_client {
    ($sdk:ident, $ctx:expr, $config:expr, $region:expr) => {
        audited_client!($sdk, $ctx, $config, $region, |b| b)
    };
    ($sdk:ident, $ctx:expr, $config:expr, $region:expr, $extra:expr) => {{
        let builder = $sdk::config::Builder::from($config)
            .interceptor(ReadOnlyGuard)
            .interceptor(CallCounter::new($ctx.metrics.clone()))
            .interceptor(EndpointWatch::new($region))
            .interceptor(CompleteXmlBody)
            .retry_classifier(NoRetryOnCrashPage);
        $sdk::Client::from_conf(adjust(builder, $extra).build())
    }};
}

/// `f(builder)`; a function so that `audited_client!`'s closure gets its argument type from the bound.
fn adjust<B>(builder: B, f: impl FnOnce(B) -> B) -> B {
    f(builder)
}

impl AwsContext {
    /// Loads credentials from aws-config's default chain, assumes the role if asked, and verifies
    /// them with STS GetCallerIdentity.
    pub async fn connect(opts: &ConnectOptions) -> Result<(Self, Identity), ConnectError> {
        let config = load_config(opts).await?;
        let ctx =
            AwsContext { config, endpoint_url: opts.endpoint_url.clone(), metrics: Arc::new(CallMetrics::default()) };
        ctx.check_credentials(opts).await?;
        let identity = ctx.caller_identity(opts).await?;
        Ok((ctx, identity))
    }

    /// The default region of the loaded configuration (used for global calls).
    pub fn home_region(&self) -> String {
        self.config.region().map(|r| r.to_string()).unwrap_or_else(|| "us-east-1".to_string())
    }

    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }

    pub fn metrics(&self) -> &CallMetrics {
        &self.metrics
    }

    async fn check_credentials(&self, opts: &ConnectOptions) -> Result<(), ConnectError> {
        let provider = self
            .config
            .credentials_provider()
            .ok_or_else(|| ConnectError::NoCredentials("no credentials provider configured".into()))?;
        let provided = provider.provide_credentials();
        // (Member accounts of an organization are entered with options that carry no timeout: zero.)
        let provided = match opts.role_arn.as_ref().filter(|_| !opts.timeout.is_zero()) {
            // The first call is then STS AssumeRole, made by aws-config's own client, which the endpoint
            // watch does not see. One --timeout bounds it, so that an endpoint that accepts connections
            // and never answers costs one timeout, not every attempt of the retry policy; AssumeRole
            // answers in well under a second when STS is there.
            Some(role) => match tokio::time::timeout(opts.timeout, provided).await {
                Ok(provided) => provided,
                Err(_) => {
                    return Err(ConnectError::AssumeRoleSilent {
                        role: role.clone(),
                        endpoint: opts
                            .endpoint_url
                            .clone()
                            .unwrap_or_else(|| format!("AWS STS in {}", self.home_region())),
                        seconds: opts.timeout.as_secs(),
                    })
                }
            },
            None => provided.await,
        };
        match provided {
            Ok(_) => Ok(()),
            Err(err) => Err(credentials_error(err, opts)),
        }
    }

    /// STS GetCallerIdentity: the first call of a run. It goes through the same endpoint watch as every
    /// collector call, so an endpoint that accepts connections and never answers costs one attempt
    /// timeout here too, not every attempt of the retry policy.
    async fn caller_identity(&self, opts: &ConnectOptions) -> Result<Identity, ConnectError> {
        use crate::snapshot::ErrorKind;
        let region = self.home_region();
        let endpoint = opts.endpoint_url.clone().unwrap_or_else(|| format!("AWS STS in {region}"));
        let client = self.sts();
        let call = client.get_caller_identity().send();
        let sts = endpoint_health::service_key("STS");
        let out = tokio::select! {
            out = call => out,
            _ = endpoint_health::global().wait_unresponsive(&sts, &region) => {
                return Err(ConnectError::Silent { endpoint, seconds: opts.timeout.as_secs() });
            }
        };
        let out = out.map_err(|e| {
            let failure = errors::classify(&e);
            match failure.kind {
                ErrorKind::Network | ErrorKind::Timeout => {
                    ConnectError::Unreachable { endpoint, message: failure.message }
                }
                ErrorKind::AccessDenied => ConnectError::Rejected(format!("{}: {}", failure.code, failure.message)),
                _ if CREDENTIAL_ERROR_CODES.contains(&failure.code.as_str()) => {
                    ConnectError::Rejected(format!("{}: {}", failure.code, failure.message))
                }
                ErrorKind::InvalidResponse => ConnectError::NotAnStsAnswer { endpoint, message: failure.message },
                _ => ConnectError::CallerIdentity { endpoint, code: failure.code, message: failure.message },
            }
        })?;
        let arn = out.arn().unwrap_or_default().to_string();
        let partition = arn.split(':').nth(1).filter(|p| !p.is_empty()).unwrap_or("aws").to_string();
        Ok(Identity { account_id: out.account().unwrap_or_default().to_string(), partition, caller_arn: arn })
    }

    fn region_config(&self, region: &str) -> SdkConfig {
        self.config.to_builder().region(Region::new(region.to_string())).build()
    }

    pub fn sts(&self) -> aws_sdk_sts::Client {
        audited_client!(aws_sdk_sts, self, &self.config, &self.home_region())
    }

    pub fn iam(&self) -> aws_sdk_iam::Client {
        audited_client!(aws_sdk_iam, self, &self.config, &self.home_region())
    }

    pub fn s3(&self, region: &str) -> aws_sdk_s3::Client {
        // Emulators serve buckets by path, not by virtual host name.
        let path_style = self.endpoint_url.is_some();
        audited_client!(aws_sdk_s3, self, &self.region_config(region), region, |b| b.force_path_style(path_style))
    }

    pub fn s3control(&self, region: &str) -> aws_sdk_s3control::Client {
        // S3 Control prefixes the account id to the host; a custom endpoint has no such names.
        let strip = self.endpoint_url.as_deref().map(StripAccountHostPrefix::for_endpoint);
        audited_client!(aws_sdk_s3control, self, &self.region_config(region), region, |b| match strip {
            Some(strip) => b.interceptor(strip),
            None => b,
        })
    }

    pub fn ec2(&self, region: &str) -> aws_sdk_ec2::Client {
        audited_client!(aws_sdk_ec2, self, &self.region_config(region), region)
    }

    pub fn rds(&self, region: &str) -> aws_sdk_rds::Client {
        audited_client!(aws_sdk_rds, self, &self.region_config(region), region)
    }

    pub fn lambda(&self, region: &str) -> aws_sdk_lambda::Client {
        audited_client!(aws_sdk_lambda, self, &self.region_config(region), region)
    }

    pub fn secretsmanager(&self, region: &str) -> aws_sdk_secretsmanager::Client {
        audited_client!(aws_sdk_secretsmanager, self, &self.region_config(region), region)
    }

    pub fn kms(&self, region: &str) -> aws_sdk_kms::Client {
        audited_client!(aws_sdk_kms, self, &self.region_config(region), region)
    }

    pub fn cloudtrail(&self, region: &str) -> aws_sdk_cloudtrail::Client {
        audited_client!(aws_sdk_cloudtrail, self, &self.region_config(region), region)
    }

    pub fn efs(&self, region: &str) -> aws_sdk_efs::Client {
        audited_client!(aws_sdk_efs, self, &self.region_config(region), region)
    }

    pub fn logs(&self, region: &str) -> aws_sdk_cloudwatchlogs::Client {
        audited_client!(aws_sdk_cloudwatchlogs, self, &self.region_config(region), region)
    }

    pub fn cloudwatch(&self, region: &str) -> aws_sdk_cloudwatch::Client {
        audited_client!(aws_sdk_cloudwatch, self, &self.region_config(region), region)
    }

    pub fn sns(&self, region: &str) -> aws_sdk_sns::Client {
        audited_client!(aws_sdk_sns, self, &self.region_config(region), region)
    }

    pub fn ssm(&self, region: &str) -> aws_sdk_ssm::Client {
        audited_client!(aws_sdk_ssm, self, &self.region_config(region), region)
    }

    pub fn ecs(&self, region: &str) -> aws_sdk_ecs::Client {
        audited_client!(aws_sdk_ecs, self, &self.region_config(region), region)
    }

    pub fn guardduty(&self, region: &str) -> aws_sdk_guardduty::Client {
        audited_client!(aws_sdk_guardduty, self, &self.region_config(region), region)
    }

    pub fn securityhub(&self, region: &str) -> aws_sdk_securityhub::Client {
        audited_client!(aws_sdk_securityhub, self, &self.region_config(region), region)
    }

    pub fn config(&self, region: &str) -> aws_sdk_config::Client {
        audited_client!(aws_sdk_config, self, &self.region_config(region), region)
    }

    pub fn accessanalyzer(&self, region: &str) -> aws_sdk_accessanalyzer::Client {
        audited_client!(aws_sdk_accessanalyzer, self, &self.region_config(region), region)
    }

    pub fn macie2(&self, region: &str) -> aws_sdk_macie2::Client {
        audited_client!(aws_sdk_macie2, self, &self.region_config(region), region)
    }

    pub fn inspector2(&self, region: &str) -> aws_sdk_inspector2::Client {
        audited_client!(aws_sdk_inspector2, self, &self.region_config(region), region)
    }

    pub fn elbv2(&self, region: &str) -> aws_sdk_elasticloadbalancingv2::Client {
        audited_client!(aws_sdk_elasticloadbalancingv2, self, &self.region_config(region), region)
    }

    pub fn elb(&self, region: &str) -> aws_sdk_elasticloadbalancing::Client {
        audited_client!(aws_sdk_elasticloadbalancing, self, &self.region_config(region), region)
    }

    pub fn wafv2(&self, region: &str) -> aws_sdk_wafv2::Client {
        audited_client!(aws_sdk_wafv2, self, &self.region_config(region), region)
    }

    pub fn backup(&self, region: &str) -> aws_sdk_backup::Client {
        audited_client!(aws_sdk_backup, self, &self.region_config(region), region)
    }

    pub fn glue(&self, region: &str) -> aws_sdk_glue::Client {
        audited_client!(aws_sdk_glue, self, &self.region_config(region), region)
    }

    pub fn sagemaker(&self, region: &str) -> aws_sdk_sagemaker::Client {
        audited_client!(aws_sdk_sagemaker, self, &self.region_config(region), region)
    }

    pub fn cloudformation(&self, region: &str) -> aws_sdk_cloudformation::Client {
        audited_client!(aws_sdk_cloudformation, self, &self.region_config(region), region)
    }

    /// AWS Organizations, for listing the accounts of an organization (`argus scan --organization`).
    pub fn ecr(&self, region: &str) -> aws_sdk_ecr::Client {
        audited_client!(aws_sdk_ecr, self, &self.region_config(region), region)
    }

    pub fn sqs(&self, region: &str) -> aws_sdk_sqs::Client {
        audited_client!(aws_sdk_sqs, self, &self.region_config(region), region)
    }

    pub fn organizations(&self) -> aws_sdk_organizations::Client {
        audited_client!(aws_sdk_organizations, self, &self.config, &self.home_region())
    }

    pub fn account(&self) -> aws_sdk_account::Client {
        audited_client!(aws_sdk_account, self, &self.config, &self.home_region())
    }

    /// A context for another account: assumes `role_arn` with this context's credentials as the source
    /// (role chaining when this context is itself an assumed role), verifies it with GetCallerIdentity,
    /// and counts its calls separately. Every client it builds carries the same read-only guard.
    pub async fn assume_role(
        &self,
        role_arn: &str,
        external_id: Option<&str>,
        session_name: &str,
    ) -> Result<(AwsContext, Identity), ConnectError> {
        let config = with_role(self.config.clone(), role_arn, external_id, session_name).await;
        let ctx =
            AwsContext { config, endpoint_url: self.endpoint_url.clone(), metrics: Arc::new(CallMetrics::default()) };
        let opts = ConnectOptions {
            role_arn: Some(role_arn.to_string()),
            endpoint_url: self.endpoint_url.clone(),
            ..Default::default()
        };
        ctx.check_credentials(&opts).await?;
        let identity = ctx.caller_identity(&opts).await?;
        Ok((ctx, identity))
    }
}

async fn load_config(opts: &ConnectOptions) -> Result<SdkConfig, ConnectError> {
    let config = base_config(opts).await;
    let Some(role_arn) = &opts.role_arn else {
        return Ok(config);
    };
    let session_name = opts.role_session_name.clone().unwrap_or_else(|| "argus-audit".to_string());
    Ok(with_role(config, role_arn, opts.external_id.as_deref(), &session_name).await)
}

/// The configuration from aws-config's default chain (or `--profile`), with argus's retry, timeout and
/// endpoint settings, *before* any role is assumed. The report uploader (`crate::upload`) builds its
/// client from this: it writes with the scanner's own identity, never with an audit role.
pub async fn base_config(opts: &ConnectOptions) -> SdkConfig {
    let timeouts = TimeoutConfig::builder()
        .connect_timeout(opts.timeout.min(Duration::from_secs(10)))
        .read_timeout(opts.timeout)
        .operation_attempt_timeout(opts.timeout)
        .build();
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .retry_config(RetryConfig::adaptive().with_max_attempts(opts.max_attempts.max(1)))
        .timeout_config(timeouts);
    if let Some(profile) = &opts.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(url) = &opts.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    let mut config = loader.load().await;
    if config.region().is_none() {
        config = config.to_builder().region(Region::from_static("us-east-1")).build();
    }
    config
}

/// `config` with its credentials replaced by an assumed-role session sourced from its own credentials.
async fn with_role(config: SdkConfig, role_arn: &str, external_id: Option<&str>, session_name: &str) -> SdkConfig {
    let mut builder =
        aws_config::sts::AssumeRoleProvider::builder(role_arn).session_name(session_name).configure(&config);
    if let Some(id) = external_id {
        builder = builder.external_id(id);
    }
    let provider = builder.build().await;
    config.to_builder().credentials_provider(SharedCredentialsProvider::new(provider)).build()
}

fn credentials_error(err: CredentialsError, opts: &ConnectOptions) -> ConnectError {
    let detail = errors::error_chain(&err);
    if let Some(role) = &opts.role_arn {
        return ConnectError::AssumeRole { role: role.clone(), message: detail };
    }
    match err {
        CredentialsError::CredentialsNotLoaded(_) => ConnectError::NoCredentials(detail),
        _ => ConnectError::Credentials(detail),
    }
}
