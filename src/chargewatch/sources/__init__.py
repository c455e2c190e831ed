"""Sources: a package per source (``afdc``, …) owning how its files are told apart, read
and typed (``base.Source``), listed once in ``registry``. Shared by all of them:
``container`` opens any file, plain, gzipped or zipped; ``jsonstream`` reads large
JSON in flat memory; ``http`` downloads an API's response with retries."""
