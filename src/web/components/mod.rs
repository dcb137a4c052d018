//! Page components, one per file.

pub mod column_mapping;
pub mod compare_page;
pub mod data_page;
pub mod drop_zone;
pub mod header;
pub mod kpi_cards;
pub mod number_input;
pub mod preview_table;
pub mod results;
pub mod scenario_editor;
pub mod source_summary;
pub mod status;
pub mod tier_tables;
pub mod validation_report;
