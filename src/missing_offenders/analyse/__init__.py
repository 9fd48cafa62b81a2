"""Numbers from processed data: per-force and national figures, rates, trends across rounds, staffing and
the claims ledger."""
