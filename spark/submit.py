"""Entry point for `spark-submit` (which takes a file, not a module):

    spark-submit --py-files disrupt_spark.zip spark/submit.py ROOT --out OUT --key-file KEY ...
"""

from disrupt_spark.job import main

raise SystemExit(main())
