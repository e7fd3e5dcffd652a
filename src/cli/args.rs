//! The command line's definition (clap): every subcommand, argument and help text. The
//! help texts here are the English ones; `i18n/<lang>/checksheet.ftl` holds them under
//! `cli-<command path>[-arg-<id>]`, and a test keeps the English catalog equal to them.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use super::values::strum_enum;
use crate::i18n::Lang;
use crate::report::ReportFormat;

#[derive(Debug, Parser)]
#[command(
    name = "checksheet",
    version,
    about = "Compile security checksheet answers kept as YAML into xlsx, Markdown and HTML"
)]
pub struct Cli {
    /// Language of messages (default: from LC_ALL, LC_MESSAGES or LANG; `ja*` is Japanese)
    #[arg(long, global = true, value_parser = strum_enum::<Lang>())]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the project, then write every output (default folder: PROJECT/dist)
    Build {
        /// Project folder, or the path of its checksheet.yaml
        #[arg(default_value = ".")]
        project: PathBuf,
        /// Output folder
        #[arg(long)]
        out: Option<PathBuf>,
        /// Fail on warnings as well as errors
        #[arg(long)]
        deny_warnings: bool,
        /// How to print diagnostics
        #[arg(long, value_parser = strum_enum::<ReportFormat>(), default_value = "human")]
        format: ReportFormat,
    },
    /// Validate the project without writing anything
    Check {
        /// Project folder, or the path of its checksheet.yaml
        #[arg(default_value = ".")]
        project: PathBuf,
        /// Fail on warnings as well as errors
        #[arg(long)]
        deny_warnings: bool,
        /// How to print diagnostics
        #[arg(long, value_parser = strum_enum::<ReportFormat>(), default_value = "human")]
        format: ReportFormat,
    },
    /// Rewrite answer files in canonical form (catalog order, stable quoting), keeping every comment
    Fmt {
        /// Project folder, or the path of its checksheet.yaml
        #[arg(default_value = ".")]
        project: PathBuf,
        /// Change nothing; list the files that would change and exit 1 if there are any
        #[arg(long)]
        check: bool,
    },
    /// Create a new project: checksheet.yaml, an example answer file, .gitignore, schemas
    Init {
        /// Folder of the new project (created if missing; existing files are never replaced)
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Print the JSON Schema of a file kind, for editors (yaml-language-server)
    Schema {
        /// The file kind
        #[arg(value_parser = strum_enum::<crate::schema::Kind>())]
        kind: crate::schema::Kind,
    },
    /// Print a shell completion script
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    Man,
    /// Compare the answers of two answer files, projects, or git revisions, per control
    Diff(super::diff::DiffArgs),
    /// Read answers from an existing workbook (xlsx) into answer YAML, in a built-in or
    /// project layout, or from any questionnaire (optionally writing it as a new catalog)
    Import(Box<super::import::ImportArgs>),
    /// Write the project's answers into a customer's own workbook, changing only its answer cells
    Fill(Box<super::fill::FillArgs>),
    /// Mappings between catalogs: suggest one for a new questionnaire
    Map {
        #[command(subcommand)]
        what: MapCommand,
    },
    /// List catalogs, layouts, or the controls of a catalog
    List {
        #[command(subcommand)]
        what: ListCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum MapCommand {
    /// Propose, for each control of FROM, the controls of TO that ask the same (by their
    /// texts, the project's answers, pairs confirmed before and ISO/IEC 27001 Annex A refs),
    /// as a mapping file of `status: suggested` pairs for a person to review
    Suggest {
        /// The catalog to map (e.g. one imported from a customer's workbook)
        from: String,
        /// The catalog the project answers (e.g. mic-cloud-v3)
        to: String,
        /// Project whose catalogs are searched besides the built-in ones
        #[arg(long)]
        project: Option<PathBuf>,
        /// Candidates listed per control (as comments; the best becomes the pair)
        #[arg(long, default_value_t = 3)]
        top: usize,
        /// Lowest score (0–1) worth listing as a candidate (pairs need a confident one)
        #[arg(long, default_value_t = 0.05)]
        min_score: f64,
        /// Write the mapping file here instead of printing it
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace an existing --out file
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ListCommand {
    /// Catalogs: built-in ones, plus the project's with --project
    Catalogs {
        #[arg(long)]
        project: Option<PathBuf>,
    },
    /// Layouts: built-in ones, plus the project's with --project
    Layouts {
        #[arg(long)]
        project: Option<PathBuf>,
    },
    /// Answered / total per output catalog, by level and by status, and what is still open
    Coverage {
        /// Project folder, or the path of its checksheet.yaml
        #[arg(default_value = ".")]
        project: PathBuf,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// The controls of one catalog, in order
    Controls {
        catalog: String,
        #[arg(long)]
        project: Option<PathBuf>,
    },
}
