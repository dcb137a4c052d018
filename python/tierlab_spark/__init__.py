"""TierLab on Spark: evaluate, compare, CLV and simulate over a customer-partitioned dataset, with the
numbers of the one-machine engine (see :mod:`tierlab_spark.job`)."""

from .job import ClvResult, JobResult, run, run_clv, run_simulation

__all__ = ["ClvResult", "JobResult", "run", "run_clv", "run_simulation"]
