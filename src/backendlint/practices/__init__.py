"""The practices: one package each, found by walking this package."""
