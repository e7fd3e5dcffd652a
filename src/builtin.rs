//! Built-in catalogs and layouts, embedded at compile time from `controls/` and
//! `templates/` (see `build.rs`). They are addressed as `builtin:<path>`.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// Built-in catalog files: (path such as `controls/mic-cloud-v3.yaml`, text).
pub fn catalogs() -> &'static [(&'static str, &'static str)] {
    CATALOGS
}

/// Built-in layout files: (path such as `templates/default/layout.yaml`, text).
pub fn layout_files() -> &'static [(&'static str, &'static str)] {
    LAYOUT_FILES
}
