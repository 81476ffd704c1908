//! The one error type of the core.

use std::fmt;

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error of a whole call (bad records become `rejects` rows instead).
#[derive(Debug)]
pub struct Error(Box<ErrorKind>);

/// What went wrong, and where.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// An input path does not exist.
    NotFound {
        /// The path as given.
        path: String,
    },
    /// An I/O error while reading or writing `path`.
    Io {
        /// The path involved.
        path: String,
        /// The underlying error.
        err: std::io::Error,
    },
    /// An option has a value outside its allowed set.
    InvalidOption {
        /// Option name.
        name: String,
        /// Allowed values.
        allowed: Vec<String>,
        /// What was given.
        got: String,
    },
    /// An Arrow table does not have the expected columns or types.
    Schema {
        /// What is wrong.
        message: String,
    },
    /// Arrow or Parquet failed.
    Arrow {
        /// What failed.
        message: String,
    },
    /// The run was interrupted.
    Interrupted,
}

impl Error {
    /// The kind of error.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// Builds an error from its kind.
    pub fn new(kind: ErrorKind) -> Self {
        Error(Box::new(kind))
    }

    /// An I/O error on `path`.
    pub fn io(path: impl Into<String>, err: std::io::Error) -> Self {
        let path = path.into();
        if err.kind() == std::io::ErrorKind::NotFound {
            return Error::new(ErrorKind::NotFound { path });
        }
        Error::new(ErrorKind::Io { path, err })
    }

    /// A schema error.
    pub fn schema(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Schema {
            message: message.into(),
        })
    }

    /// An Arrow or Parquet error.
    pub fn arrow(message: impl fmt::Display) -> Self {
        Error::new(ErrorKind::Arrow {
            message: message.to_string(),
        })
    }

    /// An option error listing the allowed values.
    pub fn invalid_option(name: &str, allowed: &[&str], got: &str) -> Self {
        Error::new(ErrorKind::InvalidOption {
            name: name.to_string(),
            allowed: allowed.iter().map(|s| s.to_string()).collect(),
            got: got.to_string(),
        })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.0 {
            ErrorKind::NotFound { path } => write!(f, "read: no such file or directory: {path}"),
            ErrorKind::Io { path, err } => write!(f, "io: {path}: {err}"),
            ErrorKind::InvalidOption { name, allowed, got } => {
                write!(
                    f,
                    "`{name}` must be one of {{{}}}, got '{got}'",
                    allowed.join(", ")
                )
            }
            ErrorKind::Schema { message } => write!(f, "schema: {message}"),
            ErrorKind::Arrow { message } => write!(f, "arrow: {message}"),
            ErrorKind::Interrupted => write!(f, "interrupted"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &*self.0 {
            ErrorKind::Io { err, .. } => Some(err),
            _ => None,
        }
    }
}

impl From<arrow_schema::ArrowError> for Error {
    fn from(e: arrow_schema::ArrowError) -> Self {
        Error::arrow(e)
    }
}

impl From<parquet::errors::ParquetError> for Error {
    fn from(e: parquet::errors::ParquetError) -> Self {
        Error::arrow(e)
    }
}
