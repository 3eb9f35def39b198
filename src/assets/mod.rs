//! What a run loads from disk besides handouts: font files and pictures (the logo, image
//! blocks). Each is read, checked and decoded once per run and shared by every handout in it.

pub mod fonts;
pub mod images;
pub mod read;
