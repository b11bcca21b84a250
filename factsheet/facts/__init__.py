"""Facts: the model, loading it from YAML with line numbers, and anchoring quotes."""
