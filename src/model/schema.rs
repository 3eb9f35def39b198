//! JSON Schemas for the handout and brand files, generated from the model's Rust types, so
//! they cannot drift from what the tool accepts. Editors use them for completion and red
//! squiggles (see the README); `schema/` holds committed copies that a test compares with
//! these.

use schemars::generate::SchemaSettings;

use super::{Brand, Handout};

fn render<T: schemars::JsonSchema>() -> String {
    let generator = SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<T>();
    let mut json = serde_json::to_string_pretty(&schema).unwrap_or_default();
    json.push('\n');
    json
}

/// The schema of a handout file.
pub fn handout() -> String {
    render::<Handout>()
}

/// The schema of the brand file.
pub fn brand() -> String {
    render::<Brand>()
}
