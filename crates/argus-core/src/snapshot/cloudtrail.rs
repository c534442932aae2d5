use super::Fetched;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CloudTrailRegion {
    /// Trails whose home region is this region (shadow copies of multi-region trails are not repeated).
    pub trails: Fetched<Vec<Trail>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Trail {
    pub name: String,
    pub arn: String,
    pub home_region: String,
    pub is_multi_region: bool,
    pub is_organization_trail: bool,
    pub log_file_validation_enabled: bool,
    pub kms_key_id: Option<String>,
    pub s3_bucket_name: Option<String>,
    pub is_logging: Fetched<bool>,
}
