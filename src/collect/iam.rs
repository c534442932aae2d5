//! IAM (global): credential report, password policy, summary, MFA devices, certificates and
//! GetAccountAuthorizationDetails.
//!
//! GetAccountAuthorizationDetails is asked for users, groups, roles and the account's own policies
//! only. Its `AWSManagedPolicy` filter would add every AWS managed policy with every version — over
//! 1,300 documents, tens of megabytes and (on moto) 60 % of a small scan's time — when only the few
//! that are attached or used as a permissions boundary matter; those are read one by one with
//! GetPolicy + GetPolicyVersion.
//!
//! Then, when a selected check reads them, each user's and role's service last-accessed report
//! (Access Advisor): one GenerateServiceLastAccessedDetails job per principal, as Prowler makes, all
//! started before any is polled so IAM builds them side by side, then GetServiceLastAccessedDetails
//! until each job completes.

use super::{tags_from, to_utc, Api, Collector, Service};
use crate::snapshot::{
    AttachedPolicy, AuthorizationDetails, CollectionError, CredentialReport, ErrorKind, Group, IamSnapshot,
    InlinePolicy, ManagedPolicy, PasswordPolicy, PolicyDocument, PolicyVersion, PrincipalServiceAccess, Role,
    SamlProvider, ServerCertificate, ServiceLastAccessed, User, VirtualMfaDevice,
};
use argus_core::snapshot::{credential_report, Fetched};
use aws_sdk_iam::types::{AccessAdvisorUsageGranularityType, EntityType, JobStatusType, ReportStateType};
use std::time::Duration;

/// How long to wait for IAM to build the credential report (it usually takes a few seconds): polls
/// start after 100 ms and back off to one a second, so a report that is ready at once (a small account,
/// an emulator, a recent report) does not cost a whole second.
const REPORT_POLL_ATTEMPTS: u32 = 36;
const REPORT_POLL_FIRST: Duration = Duration::from_millis(100);
const REPORT_POLL_MAX: Duration = Duration::from_secs(1);
/// How long to wait for one service last-accessed job (IAM usually needs a few seconds): polls back
/// off from 200 ms to 2 s, about a minute in all, as long as Prowler waits for a role's job.
const JOB_POLL_ATTEMPTS: u32 = 36;
const JOB_POLL_FIRST: Duration = Duration::from_millis(200);
const JOB_POLL_MAX: Duration = Duration::from_secs(2);
/// The largest page IAM's list calls accept: fewer, larger pages for big accounts.
const IAM_MAX_ITEMS: i32 = 1000;

pub(super) async fn collect(c: &Collector) -> IamSnapshot {
    let client = c.ctx.iam();
    let api = c.api("IAM", Service::Iam, None);
    let (
        credential_report,
        password_policy,
        account_summary,
        virtual_mfa_devices,
        server_certificates,
        details,
        saml_providers,
    ) = futures::join!(
        credential_report(&api, &client),
        password_policy(&api, &client),
        account_summary(&api, &client),
        virtual_mfa_devices(&api, &client),
        server_certificates(&api, &client),
        authorization_details(&api, &client),
        saml_providers(&api, &client),
    );
    // The account's name in reports (OCSF `cloud.account.name`); an account has at most one alias.
    let account_aliases =
        api.call("ListAccountAliases", None, || client.list_account_aliases().send()).await.map(|o| o.account_aliases);
    let service_last_accessed = match (&details, c.service_last_accessed) {
        (Ok(details), true) => Fetched::Ok(service_last_accessed(&api, &client, details).await),
        (Ok(_), false) => Fetched::Err(not_selected()),
        // The principals are unknown: their reports are missing for the same reason.
        (Err(e), _) => Fetched::Err(e.clone()),
    };
    IamSnapshot {
        account_aliases: account_aliases.into(),
        credential_report: credential_report.into(),
        password_policy: password_policy.into(),
        account_summary: account_summary.into(),
        virtual_mfa_devices: virtual_mfa_devices.into(),
        server_certificates: server_certificates.into(),
        authorization_details: details.into(),
        saml_providers: saml_providers.into(),
        service_last_accessed,
    }
}

/// The reports' place in a snapshot of a scan whose selected checks do not read them (no call made).
fn not_selected() -> CollectionError {
    CollectionError::from(argus_core::snapshot::CollectionErrorDetails {
        service: Service::Iam.name().to_string(),
        region: None,
        operation: "GenerateServiceLastAccessedDetails".into(),
        iam_action: "iam:GenerateServiceLastAccessedDetails".into(),
        resource: None,
        kind: ErrorKind::Other,
        code: "NotSelected".into(),
        message: "not collected: no selected check reads IAM's service last-accessed reports".into(),
    })
}

/// Every user's and role's service last-accessed report. All jobs are started (under the shared call
/// limit) before the first is polled; a principal whose job could not be started, failed or did not
/// finish in time has its error in place of its report.
async fn service_last_accessed(
    api: &Api<'_>,
    client: &aws_sdk_iam::Client,
    details: &AuthorizationDetails,
) -> Vec<PrincipalServiceAccess> {
    let mut arns =
        details.users.iter().map(|u| u.arn.clone()).chain(details.roles.iter().map(|r| r.arn.clone())).peekable();
    let Some(first) = arns.next() else {
        return Vec::new();
    };
    // The first job alone: when IAM refuses it for a reason that is no passing state (the action is
    // denied, the endpoint does not implement it), it would refuse every principal's, and each refusal
    // would cost a call (and its retries) for nothing. Each principal then carries that error (the
    // snapshot's error list holds the one call made).
    let first_job = start_job(api, client, first).await;
    if let (first, Err(e)) = &first_job {
        if !matches!(e.kind, ErrorKind::Throttled | ErrorKind::Timeout | ErrorKind::Network) {
            let mut reports = vec![PrincipalServiceAccess { arn: first.clone(), services: Fetched::Err(e.clone()) }];
            reports.extend(arns.map(|arn| {
                // The same error, about this principal: its findings read as if the call had been made
                // (and refused) for it, whether or not the first call was answered alike.
                let mut details = (**e).clone();
                details.resource = Some(arn.clone());
                PrincipalServiceAccess { arn, services: Fetched::Err(CollectionError::from(details)) }
            }));
            return reports;
        }
    }
    let mut jobs = vec![first_job];
    jobs.extend(api.collector.fan_out(arns, |arn| start_job(api, client, arn)).await);
    api.collector
        .fan_out(jobs, |(arn, job)| async move {
            let services = match job {
                Ok(job_id) => job_report(api, client, &arn, &job_id).await,
                Err(e) => Err(e),
            };
            PrincipalServiceAccess { arn, services: services.into() }
        })
        .await
}

async fn start_job(
    api: &Api<'_>,
    client: &aws_sdk_iam::Client,
    arn: String,
) -> (String, Result<String, CollectionError>) {
    const OP: &str = "GenerateServiceLastAccessedDetails";
    let out = api
        .call(OP, Some(&arn), || {
            client
                .generate_service_last_accessed_details()
                .arn(&arn)
                .granularity(AccessAdvisorUsageGranularityType::ServiceLevel)
                .send()
        })
        .await;
    let job = out.and_then(|o| match o.job_id() {
        Some(id) => Ok(id.to_string()),
        None => Err(api.local_error(
            OP,
            Some(&arn),
            ErrorKind::InvalidResponse,
            "MissingJobId",
            "GenerateServiceLastAccessedDetails returned no JobId".into(),
        )),
    });
    (arn, job)
}

/// Polls one job until it completes, then reads the rest of its report page by page.
async fn job_report(
    api: &Api<'_>,
    client: &aws_sdk_iam::Client,
    arn: &str,
    job_id: &str,
) -> Result<Vec<ServiceLastAccessed>, CollectionError> {
    const OP: &str = "GetServiceLastAccessedDetails";
    let get = |marker: Option<String>| {
        api.call(OP, Some(arn), move || {
            client.get_service_last_accessed_details().job_id(job_id).max_items(IAM_MAX_ITEMS).set_marker(marker).send()
        })
    };
    let mut attempts = 0;
    let mut wait = JOB_POLL_FIRST;
    let mut page = loop {
        let page = get(None).await?;
        match page.job_status() {
            JobStatusType::Completed => break page,
            JobStatusType::Failed => {
                let (code, message) = page.error().map(|e| (e.code(), e.message())).unwrap_or(("JobFailed", ""));
                return Err(api.local_error(
                    OP,
                    Some(arn),
                    ErrorKind::Other,
                    code,
                    format!("IAM could not build the service last-accessed report: {message}"),
                ));
            }
            _ => {}
        }
        attempts += 1;
        if attempts >= JOB_POLL_ATTEMPTS {
            return Err(api.local_error(
                OP,
                Some(arn),
                ErrorKind::Timeout,
                "JobNotFinished",
                format!("the service last-accessed report was still being built after {attempts} polls"),
            ));
        }
        tokio::time::sleep(wait).await;
        wait = (wait * 2).min(JOB_POLL_MAX);
    };
    let mut services = Vec::new();
    loop {
        services.extend(page.services_last_accessed().iter().map(|s| ServiceLastAccessed {
            namespace: s.service_namespace().to_string(),
            name: s.service_name().to_string(),
            last_authenticated: to_utc(s.last_authenticated()),
            last_authenticated_region: s.last_authenticated_region().map(str::to_string),
        }));
        match page.marker() {
            Some(marker) if page.is_truncated() => page = get(Some(marker.to_string())).await?,
            _ => return Ok(services),
        }
    }
}

/// The account's SAML identity providers (ListSAMLProviders answers them all at once).
async fn saml_providers(api: &Api<'_>, client: &aws_sdk_iam::Client) -> Result<Vec<SamlProvider>, CollectionError> {
    let out = api.call("ListSAMLProviders", None, || client.list_saml_providers().send()).await?;
    Ok(out
        .saml_provider_list()
        .iter()
        .map(|p| SamlProvider {
            name: p.arn().unwrap_or_default().rsplit('/').next().unwrap_or_default().to_string(),
            arn: p.arn().unwrap_or_default().to_string(),
            valid_until: to_utc(p.valid_until()),
            create_date: to_utc(p.create_date()),
        })
        .collect())
}

async fn credential_report(api: &Api<'_>, client: &aws_sdk_iam::Client) -> Result<CredentialReport, CollectionError> {
    let mut attempts = 0;
    let mut wait = REPORT_POLL_FIRST;
    loop {
        let out = api.call("GenerateCredentialReport", None, || client.generate_credential_report().send()).await?;
        if out.state() == Some(&ReportStateType::Complete) {
            break;
        }
        attempts += 1;
        if attempts >= REPORT_POLL_ATTEMPTS {
            return Err(api.local_error(
                "GenerateCredentialReport",
                None,
                ErrorKind::Timeout,
                "ReportNotReady",
                format!("the credential report was still being generated after {attempts} polls"),
            ));
        }
        tokio::time::sleep(wait).await;
        wait = (wait * 2).min(REPORT_POLL_MAX);
    }
    let out = api.call("GetCredentialReport", None, || client.get_credential_report().send()).await?;
    let content = out.content().map(|b| b.as_ref()).unwrap_or_default();
    let rows = credential_report::parse(content).map_err(|message| {
        api.local_error("GetCredentialReport", None, ErrorKind::InvalidResponse, "MalformedCredentialReport", message)
    })?;
    Ok(CredentialReport { generated_at: to_utc(out.generated_time()), rows })
}

async fn password_policy(
    api: &Api<'_>,
    client: &aws_sdk_iam::Client,
) -> Result<Option<PasswordPolicy>, CollectionError> {
    let out = api
        .call_or_absent("GetAccountPasswordPolicy", None, &["NoSuchEntity"], || {
            client.get_account_password_policy().send()
        })
        .await?;
    Ok(out.and_then(|o| {
        o.password_policy().map(|p| PasswordPolicy {
            minimum_password_length: p.minimum_password_length(),
            require_symbols: p.require_symbols(),
            require_numbers: p.require_numbers(),
            require_uppercase_characters: p.require_uppercase_characters(),
            require_lowercase_characters: p.require_lowercase_characters(),
            allow_users_to_change_password: p.allow_users_to_change_password(),
            expire_passwords: p.expire_passwords(),
            max_password_age: p.max_password_age(),
            password_reuse_prevention: p.password_reuse_prevention(),
            hard_expiry: p.hard_expiry(),
        })
    }))
}

async fn account_summary(
    api: &Api<'_>,
    client: &aws_sdk_iam::Client,
) -> Result<std::collections::BTreeMap<String, i64>, CollectionError> {
    let out = api.call("GetAccountSummary", None, || client.get_account_summary().send()).await?;
    Ok(out
        .summary_map()
        .map(|m| m.iter().map(|(k, v)| (k.as_str().to_string(), i64::from(*v))).collect())
        .unwrap_or_default())
}

async fn virtual_mfa_devices(
    api: &Api<'_>,
    client: &aws_sdk_iam::Client,
) -> Result<Vec<VirtualMfaDevice>, CollectionError> {
    let devices = api
        .call("ListVirtualMFADevices", None, || {
            client.list_virtual_mfa_devices().max_items(IAM_MAX_ITEMS).into_paginator().items().send().try_collect()
        })
        .await?;
    Ok(devices
        .iter()
        .map(|d| VirtualMfaDevice {
            serial_number: d.serial_number().to_string(),
            user_arn: d.user().map(|u| u.arn().to_string()),
            enable_date: to_utc(d.enable_date()),
        })
        .collect())
}

async fn server_certificates(
    api: &Api<'_>,
    client: &aws_sdk_iam::Client,
) -> Result<Vec<ServerCertificate>, CollectionError> {
    let certs = api
        .call("ListServerCertificates", None, || {
            client.list_server_certificates().max_items(IAM_MAX_ITEMS).into_paginator().items().send().try_collect()
        })
        .await?;
    Ok(certs
        .iter()
        .map(|c| ServerCertificate {
            name: c.server_certificate_name().to_string(),
            arn: c.arn().to_string(),
            id: c.server_certificate_id().to_string(),
            upload_date: to_utc(c.upload_date()),
            expiration: to_utc(c.expiration()),
        })
        .collect())
}

async fn authorization_details(
    api: &Api<'_>,
    client: &aws_sdk_iam::Client,
) -> Result<AuthorizationDetails, CollectionError> {
    let pages = api
        .call("GetAccountAuthorizationDetails", None, || {
            client
                .get_account_authorization_details()
                .set_filter(Some(vec![
                    EntityType::User,
                    EntityType::Group,
                    EntityType::Role,
                    EntityType::LocalManagedPolicy,
                ]))
                .max_items(IAM_MAX_ITEMS)
                .into_paginator()
                .send()
                .try_collect()
        })
        .await?;
    let mut details = AuthorizationDetails::default();
    for page in &pages {
        details.users.extend(page.user_detail_list().iter().map(user));
        details.groups.extend(page.group_detail_list().iter().map(group));
        details.roles.extend(page.role_detail_list().iter().map(role));
        details.policies.extend(page.policies().iter().map(managed_policy));
    }
    let aws_managed = aws_managed_policies_in_use(&details);
    for policy in api.collector.fan_out(aws_managed, |arn| aws_managed_policy(api, client, arn)).await {
        details.policies.push(policy?);
    }
    count_attachments(&mut details);
    Ok(details)
}

/// AWS managed policies attached to a principal or used as a permissions boundary, each once.
/// (Customer managed policies all come with GetAccountAuthorizationDetails: they are judged even when
/// unattached.)
fn aws_managed_policies_in_use(details: &AuthorizationDetails) -> std::collections::BTreeSet<String> {
    let listed: std::collections::HashSet<&str> = details.policies.iter().map(|p| p.arn.as_str()).collect();
    let attached = details
        .users
        .iter()
        .flat_map(|u| u.attached_policies.iter().map(|a| &a.arn).chain(&u.permissions_boundary))
        .chain(details.groups.iter().flat_map(|g| g.attached_policies.iter().map(|a| &a.arn)))
        .chain(
            details
                .roles
                .iter()
                .flat_map(|r| r.attached_policies.iter().map(|a| &a.arn).chain(&r.permissions_boundary)),
        );
    attached.filter(|arn| is_aws_managed_arn(arn) && !listed.contains(arn.as_str())).cloned().collect()
}

/// `arn:<partition>:iam::aws:policy/...`
fn is_aws_managed_arn(arn: &str) -> bool {
    arn.split(':').nth(4) == Some("aws") && arn.split(':').nth(5).is_some_and(|r| r.starts_with("policy/"))
}

/// One AWS managed policy and its default version's document.
async fn aws_managed_policy(
    api: &Api<'_>,
    client: &aws_sdk_iam::Client,
    arn: String,
) -> Result<ManagedPolicy, CollectionError> {
    let out = api.call("GetPolicy", Some(&arn), || client.get_policy().policy_arn(&arn).send()).await?;
    let Some(p) = out.policy() else {
        return Err(api.local_error(
            "GetPolicy",
            Some(&arn),
            ErrorKind::InvalidResponse,
            "MissingPolicy",
            "GetPolicy returned no Policy".into(),
        ));
    };
    let document = match p.default_version_id() {
        Some(version) => {
            let v = api
                .call("GetPolicyVersion", Some(&arn), || {
                    client.get_policy_version().policy_arn(&arn).version_id(version).send()
                })
                .await?;
            v.policy_version().and_then(|v| v.document()).map(PolicyDocument::from_iam_encoded)
        }
        None => None,
    };
    Ok(ManagedPolicy {
        name: p.policy_name().map(str::to_string).unwrap_or_else(|| name_from_arn(&arn)),
        id: p.policy_id().unwrap_or_default().to_string(),
        path: p.path().unwrap_or("/").to_string(),
        attachment_count: p.attachment_count().unwrap_or_default(),
        permissions_boundary_usage_count: p.permissions_boundary_usage_count().unwrap_or_default(),
        is_attachable: p.is_attachable(),
        default_version_id: p.default_version_id().map(str::to_string),
        document,
        // AWS's versions are not the account's to switch.
        other_versions: Fetched::Ok(Vec::new()),
        arn,
    })
}

/// Attachment counts from the principals themselves: the listing is complete, and some endpoints
/// (LocalStack) report `AttachmentCount` 1 for every policy.
fn count_attachments(details: &mut AuthorizationDetails) {
    let mut counts: std::collections::HashMap<String, i32> = std::collections::HashMap::new();
    let attachments = details
        .users
        .iter()
        .flat_map(|u| &u.attached_policies)
        .chain(details.groups.iter().flat_map(|g| &g.attached_policies))
        .chain(details.roles.iter().flat_map(|r| &r.attached_policies));
    for a in attachments {
        *counts.entry(a.arn.clone()).or_default() += 1;
    }
    for p in &mut details.policies {
        p.attachment_count = counts.get(&p.arn).copied().unwrap_or(0);
    }
}

/// The last path segment of an ARN (`arn:aws:iam::aws:policy/job-function/ViewOnlyAccess` →
/// `ViewOnlyAccess`), for endpoints that omit names.
fn name_from_arn(arn: &str) -> String {
    arn.rsplit('/').next().unwrap_or(arn).to_string()
}

fn attached(list: &[aws_sdk_iam::types::AttachedPolicy]) -> Vec<AttachedPolicy> {
    list.iter()
        .map(|p| {
            let arn = p.policy_arn().unwrap_or_default().to_string();
            let name = p.policy_name().map(str::to_string).unwrap_or_else(|| name_from_arn(&arn));
            AttachedPolicy { name, arn }
        })
        .collect()
}

fn inline(list: &[aws_sdk_iam::types::PolicyDetail]) -> Vec<InlinePolicy> {
    list.iter()
        .map(|p| InlinePolicy {
            name: p.policy_name().unwrap_or_default().to_string(),
            document: PolicyDocument::from_iam_encoded(p.policy_document().unwrap_or_default()),
        })
        .collect()
}

fn user(u: &aws_sdk_iam::types::UserDetail) -> User {
    User {
        name: u.user_name().unwrap_or_default().to_string(),
        id: u.user_id().unwrap_or_default().to_string(),
        arn: u.arn().unwrap_or_default().to_string(),
        path: u.path().unwrap_or("/").to_string(),
        create_date: to_utc(u.create_date()),
        groups: u.group_list().to_vec(),
        attached_policies: attached(u.attached_managed_policies()),
        inline_policies: inline(u.user_policy_list()),
        permissions_boundary: u.permissions_boundary().and_then(|b| b.permissions_boundary_arn()).map(str::to_string),
        tags: tags_from(u.tags(), |t| Some(t.key()), |t| Some(t.value())),
    }
}

fn group(g: &aws_sdk_iam::types::GroupDetail) -> Group {
    Group {
        name: g.group_name().unwrap_or_default().to_string(),
        id: g.group_id().unwrap_or_default().to_string(),
        arn: g.arn().unwrap_or_default().to_string(),
        path: g.path().unwrap_or("/").to_string(),
        attached_policies: attached(g.attached_managed_policies()),
        inline_policies: inline(g.group_policy_list()),
    }
}

fn role(r: &aws_sdk_iam::types::RoleDetail) -> Role {
    Role {
        name: r.role_name().unwrap_or_default().to_string(),
        id: r.role_id().unwrap_or_default().to_string(),
        arn: r.arn().unwrap_or_default().to_string(),
        path: r.path().unwrap_or("/").to_string(),
        create_date: to_utc(r.create_date()),
        trust_policy: r.assume_role_policy_document().map(PolicyDocument::from_iam_encoded),
        attached_policies: attached(r.attached_managed_policies()),
        inline_policies: inline(r.role_policy_list()),
        permissions_boundary: r.permissions_boundary().and_then(|b| b.permissions_boundary_arn()).map(str::to_string),
        last_used: r.role_last_used().and_then(|l| to_utc(l.last_used_date())),
        last_used_region: r.role_last_used().and_then(|l| l.region()).map(str::to_string),
        instance_profiles: r.instance_profile_list().iter().map(|p| p.arn().to_string()).collect(),
        tags: tags_from(r.tags(), |t| Some(t.key()), |t| Some(t.value())),
    }
}

fn managed_policy(p: &aws_sdk_iam::types::ManagedPolicyDetail) -> ManagedPolicy {
    let default_version = p.policy_version_list().iter().find(|v| v.is_default_version()).or_else(|| {
        p.policy_version_list().iter().find(|v| v.version_id().is_some() && v.version_id() == p.default_version_id())
    });
    let arn = p.arn().unwrap_or_default().to_string();
    // Kept for customer managed policies only (iam:SetDefaultPolicyVersion can make one the policy's
    // permissions); the listing already holds every version, so this costs no call.
    let other_versions = if is_aws_managed_arn(&arn) {
        Vec::new()
    } else {
        p.policy_version_list()
            .iter()
            .filter(|v| default_version.is_none_or(|d| !std::ptr::eq(*v, d)))
            .map(|v| PolicyVersion {
                version_id: v.version_id().unwrap_or_default().to_string(),
                document: v.document().map(PolicyDocument::from_iam_encoded),
            })
            .collect()
    };
    ManagedPolicy {
        name: p.policy_name().map(str::to_string).unwrap_or_else(|| name_from_arn(&arn)),
        id: p.policy_id().unwrap_or_default().to_string(),
        arn,
        path: p.path().unwrap_or("/").to_string(),
        attachment_count: p.attachment_count().unwrap_or_default(),
        permissions_boundary_usage_count: p.permissions_boundary_usage_count().unwrap_or_default(),
        is_attachable: p.is_attachable(),
        default_version_id: p.default_version_id().map(str::to_string),
        document: default_version.and_then(|v| v.document()).map(PolicyDocument::from_iam_encoded),
        other_versions: Fetched::Ok(other_versions),
    }
}
