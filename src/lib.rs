//! rolo: a personal CRM over a vault of Markdown notes.
//!
//! Data flows one way: [`vault`] finds and reads files, [`note`] parses each one,
//! [`index`] builds the whole vault in memory, [`analysis`] answers questions about it as
//! pure functions of (index, config, today), [`render`] turns answers into Markdown and
//! text, and only [`write`](mod@write) (reports) and [`edit`] (notes) touch the disk.

pub mod analysis;
pub mod app;
pub mod cache;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod edit;
pub mod exit;
pub mod export;
pub mod import;
pub mod index;
pub mod model;
pub mod note;
pub mod render;
pub mod text;
pub mod vault;
pub mod write;
