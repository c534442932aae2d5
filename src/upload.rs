//! `--output-dir s3://bucket/prefix`: upload the reports to S3 with SSE-KMS.
//!
//! # Why this is a separate client
//!
//! Every client of [`crate::aws::AwsContext`] audits an account and carries the
//! [`ReadOnlyGuard`](crate::aws::readonly::ReadOnlyGuard): argus must never be *able* to write to the
//! account it audits. Uploading reports is a write, so it cannot go through those clients, and adding
//! `s3:PutObject` to the read-only allowlist would let every audit client write to every bucket of every
//! audited account. Instead the uploader:
//!
//! - is built from the scanner's **own** credentials ([`crate::aws::base_config`], before any audit role
//!   is assumed): the bucket belongs to the scanning account, and the audit roles have no write permission;
//! - carries its own guard, [`UploadOnlyGuard`], which refuses every operation except S3 `PutObject`, so
//!   even this client can do nothing else (no reads of other objects, no deletes, no bucket changes);
//! - always asks for SSE-KMS (`aws:kms`, with `--sse-kms-key-id` or the bucket's / account's default key).

use crate::aws::{base_config, ConnectOptions};
use crate::interrupt::{self, Registration};
use anyhow::Context;
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::ServerSideEncryption;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::BeforeSerializationInterceptorContextRef;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use std::path::{Path, PathBuf};

/// The only operation the uploader may send.
pub const UPLOAD_OPERATION: (&str, &str) = ("S3", "PutObject");

/// An `s3://bucket/prefix` destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Destination {
    pub bucket: String,
    /// Without leading or trailing `/`; may be empty.
    pub prefix: String,
}

impl S3Destination {
    /// `Some` when `dir` is an `s3://` URL; an error when it is one but malformed.
    pub fn parse(dir: &Path) -> anyhow::Result<Option<S3Destination>> {
        let text = dir.to_string_lossy();
        let Some(rest) = text.strip_prefix("s3://") else {
            return Ok(None);
        };
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        let valid_bucket = (3..=63).contains(&bucket.len())
            && bucket.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
        if !valid_bucket {
            anyhow::bail!("'{text}' does not name an S3 bucket (expected s3://bucket/prefix)");
        }
        Ok(Some(S3Destination { bucket: bucket.to_string(), prefix: prefix.trim_matches('/').to_string() }))
    }

    /// The object key of a file at `relative` (a path under the local report directory).
    pub fn key(&self, relative: &Path) -> String {
        let rel: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        let rel = rel.join("/");
        if self.prefix.is_empty() {
            rel
        } else {
            format!("{}/{rel}", self.prefix)
        }
    }
}

impl std::fmt::Display for S3Destination {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "s3://{}/{}", self.bucket, self.prefix)
    }
}

/// The local folder an `s3://` upload is written to first: private (mode 0700) under the system's
/// temporary folder, since the reports describe the account's weaknesses, and removed on every exit
/// path: when dropped, and through [`crate::interrupt`] on SIGINT/SIGTERM.
pub struct StagingDir {
    dir: tempfile::TempDir,
    _registration: Registration,
}

impl StagingDir {
    pub fn new() -> anyhow::Result<Self> {
        let mut builder = tempfile::Builder::new();
        builder.prefix("argus-upload-");
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
        let (dir, registration) = interrupt::create_registered(|| builder.tempdir(), |d| d.path())
            .with_context(|| format!("cannot create a staging folder in {}", std::env::temp_dir().display()))?;
        Ok(StagingDir { dir, _registration: registration })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

/// Refuses every operation except S3 PutObject, before it is serialised (see the module docs).
#[derive(Debug, Default, Clone, Copy)]
pub struct UploadOnlyGuard;

impl Intercept for UploadOnlyGuard {
    fn name(&self) -> &'static str {
        "ArgusUploadOnlyGuard"
    }

    fn read_before_serialization(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let allowed = cfg
            .load::<Metadata>()
            .is_some_and(|m| m.service().eq_ignore_ascii_case(UPLOAD_OPERATION.0) && m.name() == UPLOAD_OPERATION.1);
        if allowed {
            Ok(())
        } else {
            let what = cfg.load::<Metadata>().map(|m| format!("{}:{}", m.service(), m.name()));
            Err(format!(
                "argus upload guard refused {}: the report uploader may only call s3:PutObject",
                what.unwrap_or_else(|| "an unknown operation".into())
            )
            .into())
        }
    }
}

/// The report uploader: one S3 client, PutObject only, SSE-KMS always.
pub struct Uploader {
    client: aws_sdk_s3::Client,
    kms_key_id: Option<String>,
}

impl Uploader {
    /// Builds the client from the scanner's own credentials: `opts.role_arn` (an audit role) is ignored.
    pub async fn new(opts: &ConnectOptions, kms_key_id: Option<String>) -> Self {
        let config = base_config(opts).await;
        let conf = aws_sdk_s3::config::Builder::from(&config)
            .interceptor(UploadOnlyGuard)
            .force_path_style(opts.endpoint_url.is_some())
            .build();
        Uploader { client: aws_sdk_s3::Client::from_conf(conf), kms_key_id }
    }

    /// The client, for tests that prove the guard refuses anything but PutObject.
    pub fn client(&self) -> &aws_sdk_s3::Client {
        &self.client
    }

    /// Uploads every file under `local` (recursively) to `dest`, keeping relative paths; returns the keys.
    /// Findings files go last, as they are written last: one marks a complete run.
    pub async fn upload_dir(&self, local: &Path, dest: &S3Destination) -> anyhow::Result<Vec<String>> {
        let mut files = Vec::new();
        list_files(local, &mut files)?;
        files.sort_by_key(|f| (f.to_string_lossy().ends_with(".findings.json"), f.clone()));
        let mut keys = Vec::new();
        for file in files {
            let relative = file.strip_prefix(local).unwrap_or(&file);
            let key = dest.key(relative);
            self.put(&file, &dest.bucket, &key).await?;
            keys.push(key);
        }
        Ok(keys)
    }

    async fn put(&self, file: &Path, bucket: &str, key: &str) -> anyhow::Result<()> {
        let body = ByteStream::from_path(file).await.with_context(|| format!("cannot read {}", file.display()))?;
        let mut req = self
            .client
            .put_object()
            .bucket(bucket)
            .key(key)
            .body(body)
            .content_type(content_type(key))
            .server_side_encryption(ServerSideEncryption::AwsKms);
        if let Some(id) = &self.kms_key_id {
            req = req.ssekms_key_id(id);
        }
        req.send().await.map_err(|e| anyhow::anyhow!("{}", crate::aws::errors::error_chain(&e))).with_context(
            || format!("cannot upload s3://{bucket}/{key} (needs s3:PutObject and kms:GenerateDataKey)"),
        )?;
        Ok(())
    }
}

fn list_files(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            list_files(&path, out)?;
        } else if path.is_file() {
            out.push(path);
        }
    }
    Ok(())
}

fn content_type(key: &str) -> &'static str {
    match key.rsplit('.').next() {
        Some("json") => "application/json",
        Some("html") => "text/html; charset=utf-8",
        Some("csv") => "text/csv",
        Some("xml") => "application/xml",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn the_staging_folder_is_private_and_removed_when_dropped() {
        use std::os::unix::fs::PermissionsExt;
        let staging = StagingDir::new().unwrap();
        let path = staging.path().to_path_buf();
        std::fs::write(path.join("a.json"), "{}").unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o700);
        drop(staging);
        assert!(!path.exists());
    }

    #[test]
    fn parses_s3_destinations() {
        assert_eq!(S3Destination::parse(Path::new("reports/")).unwrap(), None);
        let d = S3Destination::parse(Path::new("s3://my-bucket/argus/daily/")).unwrap().unwrap();
        assert_eq!(d, S3Destination { bucket: "my-bucket".into(), prefix: "argus/daily".into() });
        assert_eq!(d.key(Path::new("111122223333/a.json")), "argus/daily/111122223333/a.json");
        let root = S3Destination::parse(Path::new("s3://my-bucket")).unwrap().unwrap();
        assert_eq!(root.key(Path::new("a.json")), "a.json");
        assert!(S3Destination::parse(Path::new("s3://")).is_err());
        assert!(S3Destination::parse(Path::new("s3://Bad_Bucket/x")).is_err());
    }
}
