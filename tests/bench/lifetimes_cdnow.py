"""lifetimes 0.11.3 end to end on a CDNOW-format CSV (python/scripts/cdnow_times.py: customer_id, date as
YYYYMMDD, quantity, amount), as `tierlab clv --data FILE --calibration-end 1998-06-30` does it: read, summarise
per customer in days, fit BG/NBD and Gamma-Gamma, predict P(active), 12-month purchases and CLV.

Run with the venv of tests/agreement/requirements.txt: python tests/bench/lifetimes_cdnow.py cdnow10.csv
"""

import sys
import time

import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.utils import summary_data_from_transaction_data

t0 = time.perf_counter()
df = pd.read_csv(sys.argv[1], dtype={"customer_id": str, "date": str})
df["date"] = pd.to_datetime(df["date"], format="%Y%m%d")
t1 = time.perf_counter()
s = summary_data_from_transaction_data(
    df, "customer_id", "date", monetary_value_col="amount", observation_period_end="1998-06-30", freq="D"
)
t2 = time.perf_counter()
bg = BetaGeoFitter()
bg.fit(s["frequency"], s["recency"], s["T"])
t3 = time.perf_counter()
r = s[(s.frequency > 0) & (s.monetary_value > 0)]
gg = GammaGammaFitter()
gg.fit(r["frequency"], r["monetary_value"])
t4 = time.perf_counter()
p = bg.conditional_probability_alive(s["frequency"], s["recency"], s["T"])
e = bg.conditional_expected_number_of_purchases_up_to_time(365, s["frequency"], s["recency"], s["T"])
clv = gg.customer_lifetime_value(
    bg, s["frequency"], s["recency"], s["T"], s["monetary_value"], time=12, freq="D", discount_rate=0.01
)
t5 = time.perf_counter()
print(
    f"read {t1-t0:.2f}s summary {t2-t1:.2f}s bgnbd {t3-t2:.2f}s gg {t4-t3:.2f}s predictions {t5-t4:.2f}s "
    f"total {t5-t0:.2f}s; {len(s)} customers, {len(df)} rows"
)
print(bg.params_.to_dict(), gg.params_.to_dict())
