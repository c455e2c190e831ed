"""Sources: a package per source (``afdc``), owning how its files are told apart and read;
``container`` opens any of them, plain, gzipped or zipped."""
