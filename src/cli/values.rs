//! Argument values named by the library's enums: the names (and the help of each value)
//! come from the enum's strum derives, so the library needs no clap types.

use std::fmt::Debug;
use std::str::FromStr;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

/// A value parser accepting the strum names of `E`'s variants, in declaration order; each
/// value's help is the variant's doc comment (shown by `--help`, the man page and the
/// completions).
pub fn strum_enum<E>() -> impl TypedValueParser<Value = E>
where
    E: strum::VariantArray
        + strum::EnumMessage
        + Into<&'static str>
        + FromStr
        + Copy
        + Send
        + Sync
        + 'static,
    <E as FromStr>::Err: Debug,
{
    let values = E::VARIANTS.iter().map(|variant| {
        let name: &'static str = (*variant).into();
        PossibleValue::new(name).help(variant.get_documentation())
    });
    PossibleValuesParser::new(values).map(|name| {
        name.parse::<E>()
            .expect("a possible value is the name of a variant")
    })
}
