"""A case BL907 must flag: mark each flagged line with `# error: BL907`."""
