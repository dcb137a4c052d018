"""Reads TierLab's member list as other tools do: the .xlsx with openpyxl, the CSV with Python's csv
module (utf-8-sig, as Excel writes and reads UTF-8 with a BOM). Checks that both hold the same header
and cells, and prints what they hold (JSON) for tests/members.rs to compare with its own expectations.

usage: python members_check.py MEMBERS.xlsx MEMBERS.csv ID [ID ...]
Prints {"rows", "headers", "sheets", "rows_of": {id: {header: value}}}; exits 1 on any disagreement.
"""

import csv
import json
import sys

import openpyxl


def read_xlsx(path):
    book = openpyxl.load_workbook(path, read_only=True)
    sheets = book.sheetnames
    member_sheets = sheets[:-1]  # the last sheet holds the notes
    headers, rows = None, []
    for name in member_sheets:
        it = book[name].iter_rows(values_only=True)
        sheet_headers = [h for h in next(it)]
        if headers is None:
            headers = sheet_headers
        elif headers != sheet_headers:
            raise SystemExit(f"sheet {name} has other headers")
        rows.extend(list(r) for r in it)
    notes = [list(r) for r in book[sheets[-1]].iter_rows(values_only=True)]
    return sheets, headers, rows, notes


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def same(xlsx_value, csv_value):
    if xlsx_value is None:
        return csv_value == ""
    if isinstance(xlsx_value, (int, float)):
        return csv_value != "" and float(csv_value) == float(xlsx_value)
    return str(xlsx_value) == csv_value


def main():
    xlsx_path, csv_path, *ids = sys.argv[1:]
    sheets, x_headers, x_rows, notes = read_xlsx(xlsx_path)
    c_headers, c_rows = read_csv(csv_path)
    problems = []
    if x_headers != c_headers:
        problems.append(f"headers differ: {x_headers} vs {c_headers}")
    if len(x_rows) != len(c_rows):
        problems.append(f"row counts differ: xlsx {len(x_rows)}, csv {len(c_rows)}")
    for i, (xr, cr) in enumerate(zip(x_rows, c_rows)):
        xr = xr + [None] * (len(c_headers) - len(xr))
        for h, xv, cv in zip(c_headers, xr, cr):
            if not same(xv, cv):
                problems.append(f"row {i + 2}, {h}: xlsx {xv!r}, csv {cv!r}")
                break
        if len(problems) > 10:
            break
    if [n[0] for n in notes[1:]] != x_headers:
        problems.append("the notes sheet does not list every column")
    by_id = {r[0]: r for r in x_rows}
    rows_of = {}
    for wanted in ids:
        row = by_id.get(wanted)
        rows_of[wanted] = None if row is None else dict(zip(x_headers, row))
    print(json.dumps({"rows": len(x_rows), "headers": x_headers, "sheets": sheets, "rows_of": rows_of},
                     ensure_ascii=False))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
