"""A case BL906 must flag: mark each flagged line with `# error: BL906`."""
