//! Generates the bindings from the collection beside this file, with the API's paging
//! convention given as a profile: everything a build script of one's own needs.

use std::path::PathBuf;

use postman_codegen::profile::PageConvention;
use postman_codegen::{Config, Profile};

/// What the Parcel Post collection does not say in a way the generic rules read: its lists
/// page with a `cursor` query parameter and a `next_cursor` field.
#[derive(Debug)]
struct ParcelPost;

impl Profile for ParcelPost {
    fn name(&self) -> &str {
        "parcel-post"
    }

    fn pagination(&self) -> &[PageConvention] {
        &[PageConvention::Token {
            query: "cursor",
            response: "next_cursor",
        }]
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let collection = PathBuf::from("collection/parcel-post.postman_collection.json");
    println!("cargo:rerun-if-changed={}", collection.display());
    let generated = Config::new()
        .profile(ParcelPost)
        .api_name("parcel-post")
        .mock_data(true)
        .generate_file(&collection)?;
    for warning in generated.warnings() {
        println!("cargo:warning={warning}");
    }
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("cargo sets OUT_DIR")?);
    generated.write_to(&out_dir)?.export("PARCEL_POST");
    Ok(())
}
