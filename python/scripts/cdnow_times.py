"""CDNOW repeated N times as one CSV, copy k's customer ids shifted by k x 100000 (so copies never share a
customer), for scale tests and benchmarks: `python cdnow_times.py 10 out.csv`.

Columns are named so the engine reads them as an event log (customer_id, date, quantity, amount) and
dates keep CDNOW's YYYYMMDD text. The file is built on demand; only this script is kept.
"""

from __future__ import annotations

import sys
from pathlib import Path

CDNOW = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "cdnow" / "CDNOW_master.txt"
ID_STRIDE = 100_000


def write(copies: int, out: Path) -> int:
    rows = [line.split() for line in CDNOW.read_text().splitlines()[1:] if line.strip()]
    with out.open("w", newline="\n") as file:
        file.write("customer_id,date,quantity,amount\n")
        for k in range(copies):
            for customer, date, quantity, amount in rows:
                file.write(f"{k * ID_STRIDE + int(customer):08d},{date},{quantity},{amount}\n")
    return copies * len(rows)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python cdnow_times.py COPIES OUT.csv")
    print(write(int(sys.argv[1]), Path(sys.argv[2])), "rows")
