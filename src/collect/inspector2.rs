//! Inspector, per region: the audited account's status and which scan types are on.

use super::{Collector, Service};
use crate::snapshot::{CollectionError, ErrorKind, Inspector2Region, Inspector2Status};
use aws_sdk_inspector2::types::State;
use std::collections::BTreeMap;

pub(super) async fn collect(c: &Collector, region: &str) -> Inspector2Region {
    let client = c.ctx.inspector2(region);
    let api = c.api("Inspector2", Service::Inspector2, Some(region));
    let account = c.account_id.as_str();
    let out =
        api.call("BatchGetAccountStatus", None, || client.batch_get_account_status().account_ids(account).send()).await;
    let status: Result<Inspector2Status, CollectionError> = out.and_then(|out| {
        if let Some(a) = out.accounts().iter().find(|a| a.account_id() == account) {
            let scans = a
                .resource_state()
                .map(|r| {
                    [("EC2", r.ec2()), ("ECR", r.ecr()), ("LAMBDA", r.lambda()), ("LAMBDA_CODE", r.lambda_code())]
                        .into_iter()
                        .filter_map(|(kind, state)| Some((kind.to_string(), state?.status().as_str().to_string())))
                        .collect()
                })
                .unwrap_or_else(BTreeMap::new);
            return match a.state().map(State::status) {
                Some(s) => Ok(Inspector2Status { status: s.as_str().to_string(), scans }),
                None => Err(api.local_error(
                    "BatchGetAccountStatus",
                    Some(account),
                    ErrorKind::InvalidResponse,
                    "MissingState",
                    "BatchGetAccountStatus returned the account without its state".into(),
                )),
            };
        }
        Err(match out.failed_accounts().iter().find(|f| f.account_id() == account) {
            Some(f) => api.local_error(
                "BatchGetAccountStatus",
                Some(account),
                if f.error_code().as_str() == "ACCESS_DENIED" { ErrorKind::AccessDenied } else { ErrorKind::Other },
                f.error_code().as_str(),
                f.error_message().to_string(),
            ),
            None => api.local_error(
                "BatchGetAccountStatus",
                Some(account),
                ErrorKind::InvalidResponse,
                "MissingAccount",
                format!("BatchGetAccountStatus returned no status for account {account}"),
            ),
        })
    });
    Inspector2Region { account: status.into() }
}
