"""A case BL904 must flag: mark each flagged line with `# error: BL904`."""
