"""A case BL901 must flag: mark each flagged line with `# error: BL901`."""
