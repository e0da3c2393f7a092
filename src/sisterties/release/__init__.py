"""Layer 3 — releases: codebook, reproducible archives, checksums, registry, diffs, version rules."""
