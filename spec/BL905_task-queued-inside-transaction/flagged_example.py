"""A case BL905 must flag: mark each flagged line with `# error: BL905`."""
