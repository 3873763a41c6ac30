//! shifr: a terminal reader for the 1950 ciphered-telegram correspondence
//! among Stalin, Mao, Zhou Enlai, Kim Il Sung and the Soviet ambassadors.
//!
//! The library holds everything but the `main` function, so that tests can
//! drive it: the corpus and its checks, the non-interactive commands, and
//! (in later modules) the reader's state, views and terminal layer.

pub mod action;
pub mod app;
pub mod background;
pub mod binfmt;
pub mod cache;
pub mod cli;
pub mod compare;
pub mod config;
pub mod corpus;
pub mod debug_log;
pub mod dirs;
pub mod export;
pub mod fsread;
pub mod huge_pages;
pub mod keymap;
pub mod memory;
pub mod notes;
pub mod output;
pub mod plain_toml;
pub mod problem;
pub mod runner;
pub mod screenshots;
pub mod search;
pub mod text;
pub mod theme;
pub mod tui;
pub mod ui;
pub mod view;
