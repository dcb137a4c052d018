//! `tierlab members` end to end: CSV and .xlsx written by the CLI, read back independently by
//! openpyxl and Python's csv module (tests/agreement/members_check.py), on a tiny log whose figures
//! are worked out by hand and on the sample population.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn tierlab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tierlab")).args(args).output().expect("the binary runs")
}

fn ok(output: Output) -> Output {
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    output
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tierlab-members-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The project's Python with openpyxl: `$TIERLAB_PYTHON` (set by scripts/test.sh) or .tools/venv.
fn python() -> PathBuf {
    let candidates = [
        std::env::var_os("TIERLAB_PYTHON").map(PathBuf::from),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join(".tools/venv/bin/python")),
    ];
    for python in candidates.into_iter().flatten() {
        let has_openpyxl =
            Command::new(&python).args(["-c", "import openpyxl"]).output().is_ok_and(|o| o.status.success());
        if has_openpyxl {
            return python;
        }
    }
    panic!(
        "this test reads the .xlsx with openpyxl and found no Python with it: run `bash scripts/setup.sh` (it installs \
         scripts/python-requirements.txt into .tools/venv) or set TIERLAB_PYTHON to a Python that has openpyxl"
    );
}

/// Runs the independent reader; returns its JSON.
fn read_back(xlsx: &Path, csv: &Path, ids: &[&str]) -> serde_json::Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/agreement/members_check.py");
    let mut command = Command::new(python());
    command.arg(script).arg(xlsx).arg(csv).args(ids);
    let output = command.output().expect("python runs");
    assert!(output.status.success(), "members_check.py: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON from members_check.py")
}

/// Growth value over the lifetime, bounds 101 / 501 / 1001; points never redeemed, expiring two
/// months after the month earned.
fn scenario(dir: &Path, name: &str, bounds: &str) -> PathBuf {
    let template = String::from_utf8(ok(tierlab(&["scenario-template"])).stdout).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&template).unwrap();
    value["name"] = name.into();
    value["tiers"]["thresholds"] =
        serde_json::from_str(&format!(r#"{{"kind": "absolute", "lower_bounds": {bounds}}}"#)).unwrap();
    value["points"]["redemption"] = serde_json::json!({"kind": "none"});
    value["points"]["expiry"] = serde_json::json!({"kind": "months_after_earning", "months": 2});
    let path = dir.join(format!("{name}.json"));
    std::fs::write(&path, value.to_string()).unwrap();
    path
}

/// Writes the list as CSV and as .xlsx into `dir` with the same arguments; returns both paths.
fn write_both(dir: &Path, data: &Path, scenarios: &[&Path], extra: &[&str]) -> (PathBuf, PathBuf) {
    let (csv, xlsx) = (dir.join("members.csv"), dir.join("members.xlsx"));
    for out in [&csv, &xlsx] {
        let mut args = vec!["members", "--data", data.to_str().unwrap()];
        args.extend(scenarios.iter().map(|s| s.to_str().unwrap()));
        args.extend(extra);
        args.extend(["--out", out.to_str().unwrap()]);
        ok(tierlab(&args));
    }
    (csv, xlsx)
}

#[test]
fn hand_computed_members_agree_in_csv_xlsx_and_an_independent_reader() {
    let dir = scratch("tiny");
    // 张三 pays 500 in January 2024 and 300 in February; C1 pays 100 in March.
    let data = dir.join("orders.csv");
    std::fs::write(
        &data,
        "customer,date,amount\n\"张三, VIP\",2024-01-05,500\n\"张三, VIP\",2024-02-10,300\nC1,2024-03-12,100\n",
    )
    .unwrap();
    let a = scenario(&dir, "A", "[101, 501, 1001]");
    let b = scenario(&dir, "B", "[50, 600, 1200]");
    let (csv, xlsx) = write_both(&dir, &data, &[&a, &b], &[]);
    let read = read_back(&xlsx, &csv, &["张三, VIP", "C1"]);
    assert_eq!(read["rows"], 2);
    assert_eq!(read["sheets"], serde_json::json!(["Members", "Notes"]));
    let headers: Vec<&str> = read["headers"].as_array().unwrap().iter().map(|h| h.as_str().unwrap()).collect();
    assert_eq!(
        headers,
        [
            "customer_id",
            "score [A]",
            "tier [A]",
            "to next tier (score) [A]",
            "to next tier (spend) [A]",
            "spend basis [A]",
            "points balance [A]",
            "points expiring in 3 months [A]",
            "months in tier [A]",
            "score [B]",
            "tier [B]",
            "change vs first [B]",
            "to next tier (score) [B]",
            "to next tier (spend) [B]",
            "spend basis [B]",
            "points balance [B]",
            "points expiring in 3 months [B]",
            "months in tier [B]",
            "segment",
            "risk flags",
            "next best benefit (not computed)",
        ]
    );
    // Worked out by hand: 0.7 x 800 + 0.2 x 2 = 560.4, Gold under A (440.6 to Diamond = 629.43 spent
    // at 0.7 a unit), Silver under B (-1); February's 300 x 1.2 points remain, expiring in April.
    let zhang = &read["rows_of"]["张三, VIP"];
    assert_eq!(zhang["score [A]"], 560.4);
    assert_eq!(zhang["tier [A]"], "金牌 Gold");
    assert_eq!(zhang["to next tier (spend) [A]"], 629.43);
    assert_eq!(zhang["points balance [A]"], 360);
    assert_eq!(zhang["points expiring in 3 months [A]"], 360);
    assert_eq!(zhang["tier [B]"], "银牌 Silver");
    assert_eq!(zhang["change vs first [B]"], -1);
    assert_eq!(zhang["next best benefit (not computed)"], serde_json::Value::Null);
    let c1 = &read["rows_of"]["C1"];
    assert_eq!((c1["score [A]"].as_f64(), c1["to next tier (score) [A]"].as_f64()), (Some(70.2), Some(30.8)));
    assert_eq!(c1["change vs first [B]"], 1);
    // The CSV starts with a byte-order mark so Excel reads the Chinese.
    assert_eq!(&std::fs::read(&csv).unwrap()[..3], b"\xef\xbb\xbf");
}

#[test]
fn the_sample_with_flagged_customers_held_at_base_and_chinese_headers() {
    let dir = scratch("sample");
    let data = dir.join("sample.csv");
    ok(tierlab(&["sample", "--customers", "400", "--seed", "3", "--out", data.to_str().unwrap()]));
    let a = dir.join("a.json");
    std::fs::write(&a, ok(tierlab(&["scenario-template"])).stdout).unwrap();
    let (csv, xlsx) = write_both(&dir, &data, &[&a], &["--exclude-flagged", "--lang", "zh"]);
    let read = read_back(&xlsx, &csv, &[]);
    assert_eq!(read["rows"], 400);
    assert_eq!(read["sheets"], serde_json::json!(["会员名单", "说明"]));
    assert_eq!(read["headers"][0], "客户ID");
    assert!(read["headers"].as_array().unwrap().iter().any(|h| h == "因风控留在最低等级 [A]"));
    // Without --out the CSV goes to stdout.
    let stdout = ok(tierlab(&["members", "--data", data.to_str().unwrap(), a.to_str().unwrap()])).stdout;
    assert_eq!(stdout.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count(), 401);
}

#[test]
fn wrong_requests_say_what_is_wrong() {
    let dir = scratch("wrong");
    let data = dir.join("orders.csv");
    std::fs::write(&data, "customer,date,amount\nC0,2024-01-05,500\n").unwrap();
    let a = scenario(&dir, "A", "[101, 501, 1001]");
    let none = tierlab(&["members", "--data", data.to_str().unwrap()]);
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("between 1 and 6 scenario files, got 0"));
    let pdf = tierlab(&["members", "--data", data.to_str().unwrap(), a.to_str().unwrap(), "--out", "x.pdf"]);
    assert!(String::from_utf8_lossy(&pdf.stderr).contains("must end in .csv or .xlsx"));
    let lang = tierlab(&["members", "--data", data.to_str().unwrap(), a.to_str().unwrap(), "--lang", "fr"]);
    assert_eq!(lang.status.code(), Some(2));
    let said = String::from_utf8_lossy(&lang.stderr);
    assert!(said.contains("'fr'") && said.contains("--lang"), "{said}");
}
