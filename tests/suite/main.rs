//! The integration tests, one crate: a module per area, the shared helpers in [`common`].
//!
//! Everything here runs in a clone with nothing beside it: the sample speech, the seed page
//! and every fixture live in `fixtures/`. Scoring against `../shared` is `scripts/score-corpus`.

mod bad_inputs;
mod cli;
mod common;
mod corpus;
mod docx;
mod docx_render;
mod docx_support;
mod flow;
mod fuzz_regressions;
mod gongwen;
mod gongwen_layout;
mod html;
mod html_render;
mod nothing_lost;
mod pdf;
mod promises;
mod properties;
mod reader;
mod roundtrip;
mod serve;
mod word;
