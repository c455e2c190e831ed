"""Source formats: one module per format (detect, header map, record stream)."""
