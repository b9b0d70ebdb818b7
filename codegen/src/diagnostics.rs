//! Errors and warnings, each naming where in the collection it arose.

use std::fmt;

/// Where a problem sits: the JSON path (`$.item[0].item[3].request.url`) and, when the
/// problem is inside a request or folder, its names from the root (`users / Get a user token`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    pub(crate) json_path: String,
    pub(crate) item: Option<String>,
}

impl Location {
    /// The JSON path of the place, from the document's root (`$`).
    pub fn json_path(&self) -> &str {
        &self.json_path
    }

    /// The names of the folders and request the place is inside, from the root.
    pub fn item(&self) -> Option<&str> {
        self.item.as_deref()
    }

    pub(crate) fn root() -> Self {
        Location {
            json_path: "$".to_owned(),
            item: None,
        }
    }

    pub(crate) fn key(&self, key: &str) -> Self {
        let simple = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        let json_path = if simple {
            format!("{}.{key}", self.json_path)
        } else {
            format!("{}[{key:?}]", self.json_path)
        };
        Location {
            json_path,
            item: self.item.clone(),
        }
    }

    pub(crate) fn index(&self, index: usize) -> Self {
        Location {
            json_path: format!("{}[{index}]", self.json_path),
            item: self.item.clone(),
        }
    }

    /// The same place, now known to be inside the folder or request named `name`.
    pub(crate) fn within(&self, name: &str) -> Self {
        let item = match &self.item {
            Some(parent) => format!("{parent} / {name}"),
            None => name.to_owned(),
        };
        Location {
            json_path: self.json_path.clone(),
            item: Some(item),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.json_path)?;
        if let Some(item) = &self.item {
            write!(f, " (in \"{item}\")")?;
        }
        Ok(())
    }
}

/// A problem that stops generation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Error {
    pub(crate) file: Option<String>,
    pub(crate) location: Location,
    pub(crate) message: String,
    pub(crate) hint: Option<String>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut place = Vec::new();
        if let Some(file) = &self.file {
            place.push(file.clone());
        }
        if !self.location.json_path.is_empty() {
            place.push(self.location.to_string());
        }
        if !place.is_empty() {
            write!(f, "{}: ", place.join(": "))?;
        }
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "; {hint}")?;
        }
        Ok(())
    }
}

impl Error {
    /// The input file, when the input was read from one.
    pub fn file(&self) -> Option<&str> {
        self.file.as_deref()
    }

    /// Where in the input the problem is.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// How to fix it, when that is clear.
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }

    pub(crate) fn new(location: &Location, message: impl Into<String>) -> Self {
        Error {
            file: None,
            location: location.clone(),
            message: message.into(),
            hint: None,
        }
    }

    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Names the file the collection came from, for messages printed to a user. An error
    /// that names its file already (an overlay's, an observation file's) keeps it.
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        if self.file.is_none() {
            self.file = Some(file.into());
        }
        self
    }
}

/// Something the generator worked around: the output is still usable, but less than it could be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub(crate) location: Location,
    pub(crate) message: String,
}

impl Warning {
    /// Where in the input the problem is.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// What the generator worked around, and how.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// Text on one line, each run of white space (line breaks included) folded into a space:
/// for short messages, and for cargo, which reads one warning a line.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Collects warnings as a stage walks its input.
#[derive(Debug, Default)]
pub(crate) struct Warnings(Vec<Warning>);

impl Warnings {
    pub(crate) fn push(&mut self, location: &Location, message: impl Into<String>) {
        self.0.push(Warning {
            location: location.clone(),
            message: message.into(),
        });
    }

    pub(crate) fn into_vec(self) -> Vec<Warning> {
        self.0
    }

    pub(crate) fn extend(&mut self, more: Vec<Warning>) {
        self.0.extend(more);
    }
}
