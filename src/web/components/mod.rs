//! Page components, one per file (the scenario editor is a folder of its sections).

pub mod column_mapping;
pub mod compare_page;
pub mod customer_lookup;
pub mod data_page;
pub mod drop_zone;
pub mod editor;
pub mod explanation_panel;
pub mod feature_table;
pub mod header;
pub mod kpi_cards;
pub mod lab;
pub mod live_outcome;
pub mod number_input;
pub mod points_panel;
pub mod preview_table;
pub mod results;
pub mod schemes_replay;
pub mod scoring_page;
pub mod simulator;
pub mod source_summary;
pub mod status;
pub mod tier_tables;
pub mod timeline_panel;
pub mod validation_report;
pub mod weight_input;
