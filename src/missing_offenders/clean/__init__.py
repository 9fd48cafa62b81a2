"""Turn raw FOI answers into typed rows: reading figures and durations as written, the cleaning of a round,
the processed tables' schema and the checks they must pass."""
