"""Runs the disrupt engine over many areas on Apache Spark.

Modules: `split` cuts a contract dataset into areas, `engine` drives the disrupt binary
inside a Spark task, `components` finds connected components of the cross-border tie list
(large-star/small-star), `audit` appends the Spark run's record to the engine's audit log,
and `job` is the driver that ties them together (`python -m disrupt_spark.job --help`).
"""
