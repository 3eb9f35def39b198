//! The brand file: who the clinic is and how its handouts look.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Deserialize;

use super::{Color, FieldPath, Lang, PageSize, Source, WebAddress, Website};
use crate::diagnostics::Diagnostic;

/// `brand.yaml`, as written: who the clinic is and how its handouts look. Paths inside it
/// are relative to the brand file itself.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "brand", extend("$id" = "https://greenleafclinic.example/schema/brand.schema.json"))]
pub struct Brand {
    /// Shown in every page header.
    pub clinic: String,
    /// Short line under the clinic name in the header.
    #[serde(default)]
    pub tagline: Option<String>,
    /// PNG or JPEG logo, drawn in the header at its own aspect ratio.
    pub logo: PathBuf,
    pub colors: BrandColors,
    pub phone: String,
    // Printed in every footer as written and linked from it (no doc comment: it would change
    // the committed schema's description).
    #[schemars(with = "String")]
    pub website: Website,
    pub address: String,
    pub fonts: BrandFonts,
    /// Paper size unless `--page-size` says otherwise.
    #[serde(default)]
    pub page_size: PageSize,
    /// Printed in every footer.
    pub disclaimer: String,
    /// A web address printed as a QR code in the header (a handout's own `qr:` wins).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub qr: Option<WebAddress>,
    /// The tagline and disclaimer in other languages, by language tag (`es:`), used for
    /// handouts with that `lang:`.
    #[serde(default)]
    #[schemars(with = "std::collections::BTreeMap<String, BrandText>")]
    pub languages: std::collections::BTreeMap<Lang, BrandText>,
    /// Where relative paths start: the brand file's folder. Filled in by `load`.
    #[serde(skip)]
    pub dir: PathBuf,
    /// The brand file itself, so later errors (a missing font) can quote it.
    #[serde(skip)]
    pub source: Option<Source>,
}

/// Brand texts in one other language; what is missing stays in the main language.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BrandText {
    #[serde(default)]
    pub tagline: Option<String>,
    #[serde(default)]
    pub disclaimer: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BrandColors {
    /// Header band, headings, rules.
    pub primary: Color,
    /// Light tint behind notes and table headers.
    pub accent: Color,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BrandFonts {
    /// TrueType file for body text.
    pub regular: PathBuf,
    /// TrueType file for headings and `**bold**`.
    pub bold: PathBuf,
}

impl Brand {
    /// Reads and parses a brand file.
    pub fn load(path: &Path) -> Result<Brand, Diagnostic> {
        let source = Source::read(path)?;
        check_not_empty(&source)?;
        let mut brand: Brand = crate::diagnostics::from_yaml(&source)?;
        brand.dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        brand.source = Some(source);
        Ok(brand)
    }

    /// A problem with the value at `field`, located in the brand file.
    pub fn error(&self, field: &FieldPath, message: impl Into<String>) -> Diagnostic {
        match &self.source {
            Some(source) => Diagnostic::in_source(source, field, message),
            None => Diagnostic::new(Path::new("brand.yaml"), message).field(field.clone()),
        }
    }

    /// The texts for a handout in language `lang`: the translation if the brand has one (by
    /// full tag, then primary subtag), else the brand's own.
    pub fn texts_for(&self, lang: &Lang) -> (Option<&str>, &str) {
        let t = self.translation(lang).map(|(_, t)| t);
        let tagline = t
            .and_then(|t| t.tagline.as_deref())
            .or(self.tagline.as_deref());
        let disclaimer = t
            .and_then(|t| t.disclaimer.as_deref())
            .unwrap_or(&self.disclaimer);
        (tagline, disclaimer)
    }

    /// The brand's texts in `lang` (by full tag, then primary subtag), and the tag they are
    /// under in the brand file.
    fn translation(&self, lang: &Lang) -> Option<(&Lang, &BrandText)> {
        let primary = lang.primary();
        self.languages.get_key_value(lang).or_else(|| {
            self.languages
                .iter()
                .find(|(tag, _)| tag.as_str().eq_ignore_ascii_case(&primary))
        })
    }

    /// Where the tagline printed for `lang` is written: `languages.es.tagline` or `tagline`.
    pub fn tagline_field(&self, lang: &Lang) -> FieldPath {
        match self.translation(lang) {
            Some((tag, t)) if t.tagline.is_some() => {
                FieldPath::at("languages").key(tag.as_str()).key("tagline")
            }
            _ => FieldPath::at("tagline"),
        }
    }

    /// Where the disclaimer printed for `lang` is written: `languages.es.disclaimer` or
    /// `disclaimer`.
    pub fn disclaimer_field(&self, lang: &Lang) -> FieldPath {
        match self.translation(lang) {
            Some((tag, t)) if t.disclaimer.is_some() => FieldPath::at("languages")
                .key(tag.as_str())
                .key("disclaimer"),
            _ => FieldPath::at("disclaimer"),
        }
    }

    /// A path from the brand file, resolved against the brand file's folder.
    pub fn resolve(&self, relative: &Path) -> PathBuf {
        self.dir.join(relative)
    }
}

/// The texts a brand must have, printed on every page.
const REQUIRED_TEXTS: [&str; 5] = ["clinic", "phone", "website", "address", "disclaimer"];

/// Refuses an empty required text by its key. Checked on the file's plain map before the typed
/// parse: an empty `website:` is refused by its type too, but serde_yaml cannot say which key
/// an empty value belongs to. A file that is not a map is left to the typed parse to explain.
fn check_not_empty(source: &Source) -> Result<(), Diagnostic> {
    let map: BTreeMap<String, serde_yaml::Value> = match serde_yaml::from_str(&source.text) {
        Ok(map) => map,
        Err(_) => return Ok(()),
    };
    for field in REQUIRED_TEXTS {
        if let Some(serde_yaml::Value::String(text)) = map.get(field) {
            if text.trim().is_empty() {
                let at = FieldPath::at(field);
                return Err(Diagnostic::in_source(
                    source,
                    &at,
                    format!("`{field}` is empty"),
                ));
            }
        }
    }
    Ok(())
}
