"""A case BL909 must flag: mark each flagged line with `# error: BL909`."""
