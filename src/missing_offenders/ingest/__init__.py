"""Read what came in: paths, the raw-file manifest, raw CSV reading, transcription corrections, FOI round
metadata, the force registry, number and date words, and atomic writing of outputs."""
