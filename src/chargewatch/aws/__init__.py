"""Running chargewatch on AWS: S3 events in, loads into RDS (see ``handler``)."""
