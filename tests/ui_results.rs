//! The simulation results export: one tidy CSV table with every KPI of both schemes, B − A, the
//! incremental figures and every month, written from a hand-built result.
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/simulation_result.rs"]
mod simulation_result;

use simulation_result::result;
use tierlab::ui::results_csv::results_csv;

#[test]
fn the_csv_export_holds_every_kpi_and_month() {
    let csv = results_csv(&result());
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "table,month,scheme,kpi,mean,low90,high90,low95,high95");
    assert!(lines.contains(&"total,,A,revenue,150000,142000,158000,140000,160000"));
    assert!(lines.contains(&"total,,B-A,margin,12300,8100,16400,7000,17500"));
    assert!(lines.contains(&"incremental,,B,margin,15500,11000,20000,10000,21000"));
    assert!(lines.contains(&"monthly,2026-03,A,revenue,1002,1002,1002,1002,1002"));
    assert!(lines.contains(&"monthly,2026-12,no_program,orders,160,160,160,160,160"));
    // Header + totals (21 KPIs x A, B, B − A) + incremental (4 x 2) + 4 no-program totals
    // + 12 months x (12 series x 2 schemes + 2 no-program series).
    assert_eq!(lines.len(), 1 + 63 + 8 + 4 + 12 * 26);
}
